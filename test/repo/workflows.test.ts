/**
 * GitHub's conventions in the workflows this repository runs and the examples it hands users:
 * Node 24 actions, `pull-requests: write` only on a job that comments, the release gated on the
 * four runners before anything is tagged, no unpinned `npx` of a package name, and a Marketplace
 * description GitHub accepts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SUPPORTED_PLATFORMS } from '../../src/runtime/platforms.js';

interface Job {
  permissions?: Record<string, string> | string;
  needs?: string | string[];
  strategy?: { matrix?: { runner?: string[] } };
  steps?: { uses?: string; run?: string; with?: Record<string, unknown> }[];
}
interface Workflow {
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}

const files = [
  ...readdirSync('.github/workflows').map((f) => join('.github/workflows', f)),
  ...readdirSync('examples/workflows').map((f) => join('examples/workflows', f)),
];
const workflows = files.map(
  (file) => [file, parse(readFileSync(file, 'utf8')) as Workflow] as const,
);
const version = JSON.parse(readFileSync('package.json', 'utf8')).version as string;

/** A step of model-gate's action that may comment (comment is not `never`). */
const comments = (job: Job) =>
  (job.steps ?? []).some(
    (s) =>
      (s.uses === './' || s.uses?.startsWith('model-gate/model-gate@')) &&
      s.with?.comment !== 'never',
  );

describe.each(workflows)('%s', (file, workflow) => {
  it('uses Node 24 versions of the actions it calls', () => {
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps ?? []) {
        const [name, ref] = (step.uses ?? '').split('@');
        if (name?.startsWith('actions/')) expect(`${name}@${ref}`, file).toMatch(/@v5$/);
      }
    }
  });

  it('grants pull-requests: write only to a job that comments', () => {
    expect(JSON.stringify(workflow.permissions ?? {})).not.toMatch(/pull-requests|write-all/);
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const writes =
        typeof job.permissions === 'object' && job.permissions['pull-requests'] === 'write';
      if (writes) expect(comments(job), `${file}: job ${name}`).toBe(true);
    }
  });
});

describe('the release workflow', () => {
  const release = parse(readFileSync('.github/workflows/release.yml', 'utf8')) as Workflow;

  it('tests the tree on every supported runner before it tags or publishes', () => {
    const runners = release.jobs.test?.strategy?.matrix?.runner ?? [];
    expect(runners.sort()).toEqual(SUPPORTED_PLATFORMS.map((p) => p.runners[0]).sort());
    expect(release.jobs.test?.needs).toBe('tree');
    expect(release.jobs.publish?.needs).toEqual(['tree', 'test']);
    const tagging = JSON.stringify(release.jobs.tree) + JSON.stringify(release.jobs.test);
    expect(tagging).not.toMatch(/git tag|git push|npm publish|gh release/);
    expect(JSON.stringify(release.jobs.publish)).toMatch(
      /npm publish --ignore-scripts --provenance/,
    );
  });
});

describe('what users copy', () => {
  it('never runs model-gate with npx unpinned', () => {
    const texts = [
      ['README.md', readFileSync('README.md', 'utf8')],
      ...files.map((f) => [f, readFileSync(f, 'utf8')]),
    ];
    let calls = 0;
    for (const [file, text] of texts) {
      for (const [call] of (text as string).matchAll(/npx(?: --?[a-z]+)* model-gate[^\s`'"]*/g)) {
        expect(call, file as string).toMatch(
          new RegExp(`model-gate@${version.replace(/\./g, '\\.')}$`),
        );
        calls += 1;
      }
    }
    expect(calls, 'the README shows the CLI through npx').toBeGreaterThan(5);
  });

  it('has a Marketplace description under 125 characters', () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as { description: string };
    expect(action.description.length).toBeLessThan(125);
  });
});

describe('the README', () => {
  it('shows the example config the demo runs, as it is (it passes on the shipped data)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const marker =
      '[`examples/telco/.model-gate.yml`](examples/telco/.model-gate.yml):\n\n```yaml\n';
    const start = readme.indexOf(marker);
    expect(start).toBeGreaterThan(0);
    const block = readme.slice(
      start + marker.length,
      readme.indexOf('```\n', start + marker.length),
    );
    expect(block).toBe(readFileSync('examples/telco/.model-gate.yml', 'utf8'));
  });
});

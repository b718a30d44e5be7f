/**
 * The action's inputs: defaults as action.yml states them, strict booleans and choices, names
 * safe in git tags; and the README's tables generated from action.yml are current.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseInputs } from '../../src/action/inputs.js';
import { InputError } from '../../src/domain/errors.js';

const action = parse(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { default?: string }>;
};

/** What the runner passes: each input's default from action.yml, then the workflow's `with:`. */
function inputs(given: Record<string, string> = {}) {
  const values: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) values[name] = spec.default ?? '';
  values['github-token'] = 'ghs_test';
  Object.assign(values, given);
  return parseInputs((name) => {
    if (!(name in values)) throw new Error(`the action read '${name}', which action.yml lacks`);
    return values[name] as string;
  });
}

function refused(given: Record<string, string>): string {
  try {
    inputs(given);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('parseInputs', () => {
  it("takes action.yml's defaults", () => {
    expect(inputs()).toEqual({
      config: undefined,
      candidate: undefined,
      baseline: undefined,
      holdout: undefined,
      reference: undefined,
      report: undefined,
      modelName: undefined,
      token: 'ghs_test',
      comment: 'always',
      commentId: '',
      promote: false,
      versionBump: 'minor',
      stage: 'production',
      rollbackTo: undefined,
      failOn: undefined,
    });
  });

  it('reads given values, blank as not given', () => {
    const i = inputs({ candidate: ' m.onnx ', baseline: '', promote: 'True', 'fail-on': 'fail' });
    expect(i.candidate).toBe('m.onnx');
    expect(i.baseline).toBeUndefined();
    expect(i.promote).toBe(true);
    expect(i.failOn).toBe('fail');
    expect(inputs({ 'fail-on': 'never' }).failOn).toBe('never');
    expect(inputs({ report: 'gate/report.json' }).report).toBe('gate/report.json');
  });

  it.each([
    [{ promote: 'yes' }, /input 'promote' is 'yes'; it takes true or false/],
    [
      { comment: 'sometimes' },
      /input 'comment' is 'sometimes'; it takes 'auto', 'always', 'never'/,
    ],
    [{ 'version-bump': 'huge' }, /'version-bump'/],
    [
      { 'fail-on': 'sometimes' },
      /input 'fail-on' is 'sometimes'; it takes 'fail', 'inconclusive', 'never'/,
    ],
    [
      { report: 'r.json', config: 'c.yml' },
      /input 'report' publishes an earlier gate's report, so 'config'/,
    ],
    [{ report: 'r.json', promote: 'true' }, /so 'promote' has nothing to act on/],
    [{ 'model-name': 'churn model' }, /input 'model-name': model name 'churn model' is not valid/],
    [{ 'model-name': 'Churn' }, /lowercase letters, digits and inner '-'/],
    [{ 'model-name': '../x' }, /input 'model-name'/],
    [{ stage: 'prod#1' }, /input 'stage': stage 'prod#1' is not valid/],
    [{ 'rollback-to': 'latest' }, /input 'rollback-to' is 'latest', not a version/],
  ])('refuses %j', (given, message) => {
    expect(refused(given)).toMatch(message);
  });
});

describe('README', () => {
  it('holds the inputs and outputs tables generated from action.yml', () => {
    const check = spawnSync(process.execPath, ['scripts/readme-action.mjs', '--check'], {
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

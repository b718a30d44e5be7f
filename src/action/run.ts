/**
 * The action: inputs and the runner's context → the gate (or a rollback, or an earlier gate's
 * report to publish) → the job summary, annotations and the PR comment → on a PASS with
 * `promote`, the next version in the repository's registry → the verdict, as the log's last
 * line. Everything that touches the world comes in `deps` (STYLE 3), so the same run serves the
 * bundled action and the tests.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { gate } from '../app/gate.js';
import { fetchStageModel } from '../app/registry-baseline.js';
import { rollback } from '../app/rollback.js';
import { InputError } from '../domain/errors.js';
import type { GateReport } from '../domain/gate/report.js';
import type { GitHubClient } from '../github/octokit.js';
import { githubRegistry } from '../registry/github-registry.js';
import type { Registry } from '../registry/port.js';
import { versionTag } from '../registry/semver.js';
import { type ActionContext, actionContext } from './context.js';
import { withDisplayPaths } from './display-paths.js';
import { type ActionInputs, parseInputs } from './inputs.js';
import { logProgress } from './progress.js';
import { promoteCandidate } from './promotion.js';
import { artifactName, publishReport } from './publish.js';
import { readPublishedReport } from './published-report.js';
import { finish } from './verdict.js';

/** The parts of @actions/core the action uses. */
export interface ActionCore {
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  info(message: string): void;
  warning(message: string, properties?: { title?: string }): void;
  error(message: string, properties?: { title?: string }): void;
  /** Appends Markdown to the job summary (core.summary.addRaw(md, true).write()). */
  summary(markdown: string): Promise<void>;
}

export interface ActionDeps {
  readonly core: ActionCore;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly octokit: (token: string, baseUrl: string) => Promise<GitHubClient>;
  /** Uploads files as a workflow artifact (github/artifact-upload.ts); throws when unavailable. */
  readonly uploadArtifact: (
    name: string,
    files: readonly string[],
    context: ActionContext,
  ) => Promise<void>;
  readonly now: () => Date;
  readonly toolVersion: string;
  readonly worker: URL | null;
  /** The memory probe's entry (app/worker-script.ts probeScript); null: none. */
  readonly probe: URL | null;
  readonly threads?: number;
  /**
   * Loads onnxruntime (runtime/ort.ts) before a gate reads any data, so a runner without a
   * binding fails at once with the supported runners named; default: the gate loads it itself.
   */
  readonly loadRuntime?: () => Promise<unknown>;
}

/** A model name the registry accepts, from a model file's name: `Churn_v2.onnx` → `churn-v2`. */
export function modelNameFrom(path: string): string {
  const stem = (path.split(/[\\/]/).pop() ?? '').replace(/\.onnx$/i, '');
  const name = stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return name === '' ? 'model' : name;
}

export async function runAction(deps: ActionDeps): Promise<void> {
  const { core } = deps;
  const inputs = parseInputs((name) => core.getInput(name));
  const context = actionContext(deps.env);
  if (inputs.promote && context.pullRequest !== null) {
    throw new InputError(
      `promote: true on a ${context.eventName} event would tag GitHub's temporary merge commit`,
      'Promote on push, schedule or workflow_dispatch (examples/workflows/retrain-and-promote.yml); on pull requests, gate only.',
    );
  }
  // The client is made when first needed: a gate that neither comments nor reads the registry
  // runs without a token.
  let client: Promise<GitHubClient> | undefined;
  const github = (): Promise<GitHubClient> => {
    if (inputs.token === '') {
      throw new InputError(
        "input 'github-token' is empty, and this step needs GitHub (a comment or the registry)",
        'Leave github-token at its default (the workflow token, github.token), or pass a token.',
      );
    }
    client ??= deps.octokit(inputs.token, context.apiUrl);
    return client;
  };
  const registryFor = async (modelName: string): Promise<Registry> =>
    githubRegistry({
      octokit: await github(),
      repo: { owner: context.owner, repo: context.repo },
      modelName,
      commitSha: context.sha,
      serverUrl: context.serverUrl,
      uploadArtifact: (name, files) => deps.uploadArtifact(name, files, context),
    });

  if (inputs.rollbackTo !== undefined) {
    await rollbackStage(deps, inputs, registryFor);
    return;
  }
  if (inputs.modelName !== undefined) {
    // Known before any model runs: set even when the gate cannot run here.
    core.setOutput('artifact-name', artifactName(inputs.modelName, inputs.commentId));
  }
  // The report: an earlier gate run's (the fork pattern's comment half), or this run's gate.
  let gated: Gated;
  if (inputs.report !== undefined) {
    const report = await readPublishedReport(resolve(context.workspace, inputs.report));
    core.info(`model-gate: publishing ${inputs.report} (${report.decision.verdict})`);
    const modelName = inputs.modelName ?? modelNameFrom(report.models.candidate.path);
    gated = { report, modelName, candidatePath: null };
  } else {
    await deps.loadRuntime?.();
    gated = await runGate(deps, inputs, context, registryFor);
    if (inputs.promote && gated.report.models.candidate.source === 'predictions') {
      // Refused before anything is published: a promotion uploads the model file itself.
      throw new InputError(
        `input 'promote': the candidate was gated from predictions ('${gated.report.models.candidate.path}'), and a promotion uploads the model file`,
        'Promote from a gate that runs the candidate as ONNX (models.candidate: path), or gate without promote.',
      );
    }
  }
  const { report, modelName, candidatePath } = gated;
  const published = await publishReport(deps, {
    inputs,
    context,
    report,
    modelName,
    github,
    // An earlier run's report is already that run's artifact.
    uploadArtifact: candidatePath !== null,
  });
  core.setOutput('comment-url', published.commentUrl ?? '');
  if (inputs.promote && candidatePath !== null) {
    const promoted = await promoteCandidate(deps, {
      inputs,
      report,
      registry: await registryFor(modelName),
      modelName,
      files: { ...published.files, model: candidatePath },
    });
    core.setOutput('version', promoted?.version ?? '');
    core.setOutput('tag', promoted?.tag ?? '');
  }
  finish(core, inputs, report);
}

interface Gated {
  readonly report: GateReport;
  readonly modelName: string;
  /** The candidate model file, absolute; null for an earlier run's report. */
  readonly candidatePath: string | null;
}

async function runGate(
  deps: ActionDeps,
  inputs: ActionInputs,
  context: ActionContext,
  registryFor: (modelName: string) => Promise<Registry>,
): Promise<Gated> {
  const { core } = deps;
  let modelName = inputs.modelName;
  const labels = new Map<string, string>();
  const gated = await gate(
    {
      config: inputs.config,
      cwd: context.workspace,
      overrides: {
        candidate: inputs.candidate,
        baseline: inputs.baseline,
        holdout: inputs.holdout,
        reference: inputs.reference,
        features: inputs.features,
      },
      threads: deps.threads ?? availableParallelism(),
      batchSize:
        inputs.batchSize === undefined
          ? undefined
          : { size: inputs.batchSize, setting: "input 'batch-size'" },
      flags: { features: "the 'features' input", batchSize: "the 'batch-size' input" },
      commit: context.sha,
      registryBaseline: async (candidate) => {
        modelName ??= modelNameFrom(candidate);
        const registry = await registryFor(modelName);
        const fetched = await fetchStageModel(
          registry,
          modelName,
          inputs.stage,
          context.runnerTemp,
        );
        const tag = versionTag(modelName, fetched.version);
        labels.set(fetched.path, `${tag} (${inputs.stage}, from the registry)`);
        core.info(`model-gate: baseline is ${tag} (${inputs.stage})`);
        return fetched;
      },
    },
    {
      progress: logProgress(
        (line) => core.info(line),
        () => Date.now(),
      ),
      now: () => performance.now(),
      toolVersion: deps.toolVersion,
      worker: deps.worker,
      probe: deps.probe,
    },
  );
  const name = modelName ?? modelNameFrom(gated.models.candidate.path);
  return {
    report: withDisplayPaths(gated, {
      workspace: context.workspace,
      runnerTemp: context.runnerTemp,
      labels,
    }),
    modelName: name,
    candidatePath: resolve(context.workspace, gated.models.candidate.path),
  };
}

async function rollbackStage(
  deps: ActionDeps,
  inputs: ActionInputs,
  registryFor: (modelName: string) => Promise<Registry>,
): Promise<void> {
  const { core } = deps;
  if (inputs.modelName === undefined) {
    throw new InputError(
      "input 'rollback-to' needs 'model-name': the registry holds models by name",
      'Add model-name: to the step, e.g. model-name: telco-churn.',
    );
  }
  const result = await rollback({
    registry: await registryFor(inputs.modelName),
    stage: inputs.stage,
    to: inputs.rollbackTo as string,
  });
  const tag = versionTag(inputs.modelName, result.to);
  const line = `${inputs.modelName}#${inputs.stage}: ${result.from ? `v${result.from}` : 'unset'} → v${result.to}`;
  await deps.core.summary(`## model-gate: rollback\n\n${line} (${tag})\n`);
  core.setOutput('verdict', 'ROLLBACK');
  core.setOutput('version', result.to);
  core.setOutput('tag', tag);
  core.info(`model-gate: rolled back ${line}`);
}

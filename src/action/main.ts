/**
 * run(), as GitHub's actions/typescript-action template exports it from src/main.ts (index.ts
 * calls it; `npm run local-action` runs it with @github/local-action): the action's real
 * dependencies — @actions/core, the Octokit factory, the artifact client, the clock,
 * onnxruntime's loader — given to runAction(); an error ends the step with core.setFailed: a bad
 * input with its message and what to do, a network failure as one, anything else as a bug with
 * its stack. Every line of the log passes through neutraliseLog (text from a user's files must
 * not become a workflow command).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { probeScript, workerScript } from '../app/worker-script.js';
import { isInputError } from '../domain/errors.js';
import { neutraliseLog } from '../domain/log-text.js';
import { ArtifactUnavailableError, uploadWorkflowArtifact } from '../github/artifact-upload.js';
import { explainGitHubError } from '../github/errors.js';
import { createOctokit } from '../github/octokit.js';
import { loadOrt } from '../runtime/ort.js';
import { VERSION } from '../version.js';
import type { ActionContext } from './context.js';
import { type ActionCore, runAction } from './run.js';

export async function run(): Promise<void> {
  const core = await import('@actions/core');
  const actionCore: ActionCore = {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setFailed: (message) => core.setFailed(message),
    info: (message) => core.info(neutraliseLog(message)),
    warning: (message, properties) => core.warning(message, properties ?? {}),
    error: (message, properties) => core.error(message, properties ?? {}),
    summary: async (markdown) => {
      await core.summary.addRaw(markdown, true).write();
    },
  };
  const uploadArtifact = async (name: string, files: readonly string[], context: ActionContext) => {
    // The artifact zips one folder: the model, card and report are copied side by side first.
    const root = join(context.runnerTemp, 'model-gate', 'artifacts', name);
    mkdirSync(root, { recursive: true });
    // The model goes in as model.onnx, as in the release and the file registry.
    const staged = files.map((file) => {
      const target = join(
        root,
        file.toLowerCase().endsWith('.onnx') ? 'model.onnx' : basename(file),
      );
      copyFileSync(file, target);
      return target;
    });
    try {
      const uploaded = await uploadWorkflowArtifact({
        name,
        files: staged,
        rootDirectory: root,
        env: context.artifactEnv,
      });
      core.info(`model-gate: uploaded the workflow artifact ${name} (${uploaded.size} bytes)`);
    } catch (error) {
      // The release assets are the registry's copy; the artifact is a convenience.
      const why = error instanceof ArtifactUnavailableError ? error.message : String(error);
      core.warning(why, { title: 'model-gate: no workflow artifact' });
    }
  };
  try {
    await runAction({
      core: actionCore,
      env: process.env,
      octokit: (token, baseUrl) =>
        createOctokit({
          token,
          baseUrl,
          log: { warn: (m) => core.warning(m), info: (m) => core.info(neutraliseLog(m)) },
        }),
      uploadArtifact,
      now: () => new Date(),
      toolVersion: VERSION,
      worker: workerScript(import.meta.url),
      probe: probeScript(import.meta.url),
      loadRuntime: () => loadOrt(),
    });
  } catch (error) {
    const github = explainGitHubError(error);
    if (isInputError(error)) {
      core.setFailed(`model-gate: ${error.message}${error.hint ? `\n${error.hint}` : ''}`);
    } else if (github !== null) {
      core.setFailed(`model-gate: ${github.message}\n${github.hint}`);
    } else {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      core.setFailed(`model-gate: internal error — a bug in model-gate ${VERSION}: ${detail}`);
    }
  }
}

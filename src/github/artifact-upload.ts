/**
 * Uploads the promoted model's files as a workflow artifact with @actions/artifact's real
 * DefaultArtifactClient (the client actions/upload-artifact uses): Twirp CreateArtifact, a zip
 * streamed to the signed blob URL as Put Block + Put Block List, then FinalizeArtifact.
 *
 * Why this file touches process.env: @actions/artifact takes no configuration object. It
 * reads its settings from process.env itself, at call time (none at import), and at several
 * points of one upload, not once at the start:
 *
 *   GITHUB_SERVER_URL                      first thing (a GHES host is refused)
 *   GITHUB_RETENTION_DAYS                  when retentionDays is given (the repository's cap)
 *   ACTIONS_RUNTIME_TOKEN                  backend ids from its `scp` claim, then the bearer token
 *   ACTIONS_RESULTS_URL                    the Twirp service's origin
 *   ACTIONS_ORCHESTRATION_ID               the user agent (@actions/http-client)
 *   ACTIONS_ARTIFACT_UPLOAD_CONCURRENCY    after CreateArtifact, when the blob upload starts
 *   ACTIONS_ARTIFACT_UPLOAD_TIMEOUT_MS     same (stall timeout; default 5 minutes)
 *
 * So uploadWorkflowArtifact takes these as an argument (the outer layer reads the real
 * environment once), sets exactly them for the whole call, and restores the previous values
 * afterwards, also when the upload fails. A variable left out of the argument is removed for
 * the call, so what the library sees depends on the argument alone. process.env is global to
 * the process, so calls are serialised. Proxy variables (HTTP(S)_PROXY, NO_PROXY) stay as
 * they are: they configure the network, and both HTTP stacks read them the usual way.
 *
 * @actions/artifact is imported on first use: importing it pulls in @actions/github, whose
 * module body reads GITHUB_* variables and the event file, which a CLI run never needs.
 */
import type { UploadArtifactOptions, UploadArtifactResponse } from '@actions/artifact';

/** The variables @actions/artifact reads during an upload (see the header). */
export const ARTIFACT_ENVIRONMENT_VARIABLES = [
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RESULTS_URL',
  'GITHUB_SERVER_URL',
  'GITHUB_RETENTION_DAYS',
  'ACTIONS_ORCHESTRATION_ID',
  'ACTIONS_ARTIFACT_UPLOAD_CONCURRENCY',
  'ACTIONS_ARTIFACT_UPLOAD_TIMEOUT_MS',
] as const;

export type ArtifactEnvironmentVariable = (typeof ARTIFACT_ENVIRONMENT_VARIABLES)[number];

/** What the runner gives a JavaScript action for artifacts; blank counts as unset. */
export type ArtifactEnvironment = {
  readonly [K in ArtifactEnvironmentVariable]?: string | undefined;
};

export interface WorkflowArtifactRequest {
  /** The artifact's name, unique within the workflow run. */
  readonly name: string;
  /** Files to put in the zip; each must be inside rootDirectory. */
  readonly files: readonly string[];
  /** Paths in the zip are relative to this folder. */
  readonly rootDirectory: string;
  /** Days to keep the artifact; capped by the repository's setting (GITHUB_RETENTION_DAYS). */
  readonly retentionDays?: number;
  readonly env: ArtifactEnvironment;
}

export interface UploadedWorkflowArtifact {
  /** The artifact's id in the workflow run (the REST API's artifact_id). */
  readonly id: number;
  /** Bytes of the uploaded zip. */
  readonly size: number;
  /** Hex SHA-256 of the uploaded zip, as the service recorded it. */
  readonly digest?: string;
}

export type ArtifactUnavailableReason = 'no-runtime-token' | 'no-results-url' | 'ghes';

/**
 * The artifact service cannot be reached from where this runs: not GitHub Actions, a composite
 * action's `run:` step, or GitHub Enterprise Server. The caller warns and carries on.
 */
export class ArtifactUnavailableError extends Error {
  override readonly name = 'ArtifactUnavailableError';
  constructor(
    readonly reason: ArtifactUnavailableReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The service or the blob storage refused the upload; `cause` holds the library's error. */
export class ArtifactUploadError extends Error {
  override readonly name = 'ArtifactUploadError';
  constructor(
    readonly artifactName: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Picks the artifact variables out of an environment (the outer layer passes process.env). */
export function artifactEnvironmentFrom(
  source: Readonly<Record<string, string | undefined>>,
): ArtifactEnvironment {
  const picked: { [K in ArtifactEnvironmentVariable]?: string } = {};
  for (const key of ARTIFACT_ENVIRONMENT_VARIABLES) {
    const value = source[key];
    if (value) picked[key] = value;
  }
  return picked;
}

/** Zips `files` and uploads them as the workflow artifact `name`. */
export async function uploadWorkflowArtifact(
  request: WorkflowArtifactRequest,
): Promise<UploadedWorkflowArtifact> {
  const { name, env } = request;
  if (!env.ACTIONS_RUNTIME_TOKEN) {
    throw new ArtifactUnavailableError(
      'no-runtime-token',
      `Cannot upload the workflow artifact "${name}": ACTIONS_RUNTIME_TOKEN is not set. ` +
        'This step is not running in GitHub Actions, or it is a run step of a composite action, ' +
        'which the runner gives no runtime token; only a JavaScript action (or ' +
        'actions/upload-artifact) can upload workflow artifacts.',
    );
  }
  if (!env.ACTIONS_RESULTS_URL) {
    throw new ArtifactUnavailableError(
      'no-results-url',
      `Cannot upload the workflow artifact "${name}": ACTIONS_RESULTS_URL is not set, so the ` +
        'runner offers no artifact service (GitHub Enterprise Server or a runner too old for ' +
        'artifacts v4).',
    );
  }
  const artifactLib = await import('@actions/artifact');
  const options: UploadArtifactOptions = {};
  if (request.retentionDays !== undefined) options.retentionDays = request.retentionDays;
  let uploaded: UploadArtifactResponse;
  try {
    uploaded = await withEnvironment(env, () =>
      new artifactLib.DefaultArtifactClient().uploadArtifact(
        name,
        [...request.files],
        request.rootDirectory,
        options,
      ),
    );
  } catch (error) {
    if (error instanceof artifactLib.GHESNotSupportedError) {
      throw new ArtifactUnavailableError(
        'ghes',
        `Cannot upload the workflow artifact "${name}": GitHub Enterprise Server does not ` +
          `offer the artifact service @actions/artifact v2+ uses (GITHUB_SERVER_URL is ` +
          `${env.GITHUB_SERVER_URL}).`,
        { cause: error },
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArtifactUploadError(
      name,
      `Could not upload the workflow artifact "${name}": ${reason}`,
      { cause: error },
    );
  }
  if (uploaded.id === undefined) {
    throw new ArtifactUploadError(
      name,
      `Could not upload the workflow artifact "${name}": the service finalized it without an id.`,
    );
  }
  const result: { id: number; size: number; digest?: string } = {
    id: uploaded.id,
    size: uploaded.size ?? 0,
  };
  if (uploaded.digest) result.digest = uploaded.digest;
  return result;
}

/** One upload at a time owns the artifact variables of process.env. */
let envLock: Promise<unknown> = Promise.resolve();

/**
 * Runs `call` with exactly `env`'s artifact variables in process.env, then puts back what was
 * there. Never assigns undefined: process.env would store the string "undefined".
 */
function withEnvironment<T>(env: ArtifactEnvironment, call: () => Promise<T>): Promise<T> {
  const run = async () => {
    const saved = new Map<ArtifactEnvironmentVariable, string | undefined>();
    for (const key of ARTIFACT_ENVIRONMENT_VARIABLES) {
      saved.set(key, process.env[key]);
      const value = env[key];
      if (value) process.env[key] = value;
      else delete process.env[key];
    }
    try {
      return await call();
    } finally {
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  };
  const result = envLock.then(run);
  envLock = result.catch(() => undefined);
  return result;
}

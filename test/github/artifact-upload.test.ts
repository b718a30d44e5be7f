/**
 * uploadWorkflowArtifact against the real @actions/artifact client and a loopback artifact
 * service (test/support/artifact-server.ts): the zip that reaches blob storage holds the
 * files byte for byte, a step without a runtime token gets ArtifactUnavailableError, service
 * errors come back with the artifact's name and the service's reason, and process.env is
 * exactly as it was after every call, whether the upload worked or not.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ArtifactEnvironment,
  ArtifactUnavailableError,
  ArtifactUploadError,
  artifactEnvironmentFrom,
  uploadWorkflowArtifact,
} from '../../src/github/artifact-upload.js';
import {
  type ArtifactServer,
  mintRuntimeToken,
  startArtifactServer,
  withoutRetryWaits,
  zipFiles,
} from '../support/artifact-server.js';
import { TELCO } from '../support/fixtures.js';
import { tempDir } from '../support/tmp.js';

const RUN = 'ce7f54c7-61c7-4aae-887f-30da475f5f1a';
const JOB = 'ca395085-040a-526b-2ce8-bdc85f692774';
const DAY_MS = 86_400_000;

const model = readFileSync(`${TELCO}/candidate.onnx`);
const report = Buffer.from(
  `${JSON.stringify({ schema: 1, decision: { verdict: 'PASS' } }, null, 2)}\n`,
);
const tmp = tempDir();
const files = [tmp.write('model.onnx', model), tmp.write('report.json', report)];

let server: ArtifactServer;
let restoreProxies: () => void;

beforeAll(async () => {
  server = await startArtifactServer();
  // Loopback only: @azure/storage-blob would send even 127.0.0.1 through a proxy.
  restoreProxies = outerEnv({
    HTTP_PROXY: undefined,
    HTTPS_PROXY: undefined,
    http_proxy: undefined,
    https_proxy: undefined,
  });
});
afterAll(async () => {
  restoreProxies();
  await server.close();
});
beforeEach(() => {
  server.reset();
  // @actions/core logs and issues ::debug:: / ::add-mask:: commands on stdout.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Sets variables of the test process's own environment; the returned function puts them back. */
function outerEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.keys(vars).map((k) => [k, process.env[k]] as const);
  const put = (k: string, v: string | undefined) => {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  };
  for (const [k, v] of Object.entries(vars)) put(k, v);
  return () => {
    for (const [k, v] of saved) put(k, v);
  };
}

function runnerEnv(overrides: ArtifactEnvironment = {}): ArtifactEnvironment {
  return {
    ACTIONS_RUNTIME_TOKEN: mintRuntimeToken({
      workflowRunBackendId: RUN,
      workflowJobRunBackendId: JOB,
    }),
    ACTIONS_RESULTS_URL: server.resultsUrl,
    ...overrides,
  };
}

function upload(env: ArtifactEnvironment, name = 'model-gate-churn-v1.2.0') {
  return uploadWorkflowArtifact({ name, files, rootDirectory: tmp.dir, env });
}

/** Runs `call` and returns what it threw, checking that process.env came back unchanged. */
async function failure(call: () => Promise<unknown>): Promise<Error> {
  const before = { ...process.env };
  const error = await call().then(
    () => new Error('expected the upload to fail'),
    (e: unknown) => e as Error,
  );
  expect({ ...process.env }).toEqual(before);
  return error;
}

describe('uploadWorkflowArtifact', () => {
  it('uploads the files as one zip, byte for byte, and finalizes the artifact', async () => {
    const env = runnerEnv();
    const result = await upload(env);

    const stored = server.artifact('model-gate-churn-v1.2.0');
    expect(stored?.blob).toBeDefined();
    const zip = stored?.blob ?? Buffer.alloc(0);
    expect(result).toEqual({
      id: stored?.id,
      size: zip.length,
      digest: createHash('sha256').update(zip).digest('hex'),
    });
    const inside = zipFiles(zip);
    expect([...inside.keys()].sort()).toEqual(['model.onnx', 'report.json']);
    expect(inside.get('model.onnx')?.equals(model)).toBe(true);
    expect(inside.get('report.json')?.equals(report)).toBe(true);

    expect(stored).toMatchObject({
      workflowRunBackendId: RUN,
      workflowJobRunBackendId: JOB,
      version: 7,
      mimeType: 'application/zip',
      blobContentType: 'application/zip',
      hash: `sha256:${result.digest}`,
      expiresAt: undefined,
    });
    const twirp = server.requests.filter((r) => r.operation.endsWith('Artifact'));
    expect(twirp.map((r) => r.operation)).toEqual(['CreateArtifact', 'FinalizeArtifact']);
    for (const r of twirp)
      expect(r.headers.authorization).toBe(`Bearer ${env.ACTIONS_RUNTIME_TOKEN}`);
  });

  it('stages a zip larger than one 8 MB block as several blocks, committed in order', async () => {
    const big = randomBytes(9 * 1024 * 1024); // random bytes do not compress
    const dir = tempDir();
    const result = await uploadWorkflowArtifact({
      name: 'big-model',
      files: [dir.write('model.onnx', big)],
      rootDirectory: dir.dir,
      env: runnerEnv(),
    });
    expect(server.calls('PutBlock')).toBe(2);
    const zip = server.artifact('big-model')?.blob ?? Buffer.alloc(0);
    expect(result.size).toBe(zip.length);
    expect(zipFiles(zip).get('model.onnx')?.equals(big)).toBe(true);
  });

  it('asks for the retention, capped by GITHUB_RETENTION_DAYS from the env argument', async () => {
    const before = Date.now();
    await uploadWorkflowArtifact({
      name: 'kept',
      files,
      rootDirectory: tmp.dir,
      retentionDays: 90,
      env: runnerEnv({ GITHUB_RETENTION_DAYS: '7' }),
    });
    const expires = Date.parse(server.artifact('kept')?.expiresAt ?? '');
    expect(expires).toBeGreaterThanOrEqual(before + 7 * DAY_MS - 3_600_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 7 * DAY_MS + 3_600_000);
  });

  it('picks the artifact variables out of an environment, blank as unset', () => {
    expect(
      artifactEnvironmentFrom({
        ACTIONS_RUNTIME_TOKEN: 't',
        ACTIONS_RESULTS_URL: 'https://results.example/',
        GITHUB_RETENTION_DAYS: '',
        GITHUB_TOKEN: 'not for the artifact client',
      }),
    ).toEqual({ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://results.example/' });
  });
});

describe('where the artifact service is out of reach', () => {
  it('says so, without a request, when there is no runtime token', async () => {
    // A token in process.env does not count: the argument is the only source.
    const restore = outerEnv({ ACTIONS_RUNTIME_TOKEN: runnerEnv().ACTIONS_RUNTIME_TOKEN });
    try {
      const error = await failure(() => upload(runnerEnv({ ACTIONS_RUNTIME_TOKEN: undefined })));
      expect(error).toBeInstanceOf(ArtifactUnavailableError);
      expect(error).toMatchObject({ reason: 'no-runtime-token' });
      expect(error.message).toContain('not running in GitHub Actions');
      expect(error.message).toContain('composite action');
      expect(server.requests).toEqual([]);
    } finally {
      restore();
    }
  });

  it('says so when there is no results service URL', async () => {
    const error = await failure(() => upload(runnerEnv({ ACTIONS_RESULTS_URL: '' })));
    expect(error).toBeInstanceOf(ArtifactUnavailableError);
    expect(error).toMatchObject({ reason: 'no-results-url' });
  });

  it('says so on GitHub Enterprise Server', async () => {
    const env = runnerEnv({ GITHUB_SERVER_URL: 'https://github.example.com' });
    const error = await failure(() => upload(env));
    expect(error).toBeInstanceOf(ArtifactUnavailableError);
    expect(error).toMatchObject({ reason: 'ghes' });
    expect(server.requests).toEqual([]);
  });
});

describe('when the service fails', () => {
  it('gives up after the library retries a CreateArtifact 500, naming the artifact and the cause', async () => {
    server.fail('CreateArtifact', { status: 500, message: 'results service is down' });
    const error = await failure(() => withoutRetryWaits(() => upload(runnerEnv())));
    expect(error).toBeInstanceOf(ArtifactUploadError);
    expect(error.message).toMatch(
      /^Could not upload the workflow artifact "model-gate-churn-v1.2.0": /,
    );
    expect(error.message).toContain('Failed to CreateArtifact');
    expect(error.message).toContain('(500)');
    expect(error.message).toContain('results service is down');
    expect(error.cause).toBeInstanceOf(Error);
    expect(server.calls('CreateArtifact')).toBe(5);
    expect(server.calls('PutBlock')).toBe(0);
  });

  it('succeeds when CreateArtifact fails once', async () => {
    server.fail('CreateArtifact', { times: 1 });
    const result = await withoutRetryWaits(() => upload(runnerEnv()));
    expect(result.id).toBe(server.artifact('model-gate-churn-v1.2.0')?.id);
    expect(server.calls('CreateArtifact')).toBe(2);
  });

  it('succeeds when a Put Block fails once (the blob client retries)', async () => {
    server.fail('PutBlock', { times: 1, status: 503 });
    const result = await withoutRetryWaits(() => upload(runnerEnv()));
    const zip = server.artifact('model-gate-churn-v1.2.0')?.blob ?? Buffer.alloc(0);
    expect(zipFiles(zip).get('model.onnx')?.equals(model)).toBe(true);
    expect(result.size).toBe(zip.length);
    expect(server.calls('PutBlock')).toBe(2);
  });

  it('does not finalize when the blob storage keeps failing', async () => {
    server.fail('PutBlockList', { status: 500, message: 'storage is down' });
    const error = await failure(() => withoutRetryWaits(() => upload(runnerEnv())));
    expect(error).toBeInstanceOf(ArtifactUploadError);
    expect(error.message).toContain('model-gate-churn-v1.2.0');
    expect(server.calls('PutBlockList')).toBe(4);
    expect(server.calls('FinalizeArtifact')).toBe(0);
  });

  it('passes on a refusal the library does not retry', async () => {
    await upload(runnerEnv(), 'twice');
    const error = await failure(() => upload(runnerEnv(), 'twice'));
    expect(error).toBeInstanceOf(ArtifactUploadError);
    expect(error.message).toContain('(409)');
    expect(error.message).toContain('already exists');
  });
});

describe('process.env', () => {
  it('is the argument during the call and what it was after it', async () => {
    // If this leaked into the call, the library would refuse the host as GHES.
    const restore = outerEnv({
      GITHUB_SERVER_URL: 'https://github.example.com',
      ACTIONS_RUNTIME_TOKEN: 'the-outer-token',
    });
    try {
      const before = { ...process.env };
      const env = runnerEnv();
      await upload(env);
      expect({ ...process.env }).toEqual(before);
      const create = server.requests.find((r) => r.operation === 'CreateArtifact');
      expect(create?.headers.authorization).toBe(`Bearer ${env.ACTIONS_RUNTIME_TOKEN}`);
    } finally {
      restore();
    }
  });

  it('holds the variables for the whole call, not only its start', async () => {
    // The library reads the upload concurrency after CreateArtifact, when the blob upload starts.
    const error = await failure(() =>
      upload(runnerEnv({ ACTIONS_ARTIFACT_UPLOAD_CONCURRENCY: 'none' })),
    );
    expect(error.message).toContain('ACTIONS_ARTIFACT_UPLOAD_CONCURRENCY');
    expect(server.calls('CreateArtifact')).toBe(1);
  });

  it('is restored after overlapping calls, each of which saw its own token', async () => {
    const before = { ...process.env };
    const envFor = (run: string) =>
      runnerEnv({
        ACTIONS_RUNTIME_TOKEN: mintRuntimeToken({
          workflowRunBackendId: run,
          workflowJobRunBackendId: JOB,
        }),
      });
    const results = await Promise.all([
      upload(envFor('run-a'), 'from-a'),
      upload(envFor('run-b'), 'from-b'),
    ]);
    expect(results.map((r) => r.id)).toEqual([
      server.artifact('from-a')?.id,
      server.artifact('from-b')?.id,
    ]);
    expect(server.artifact('from-b')?.workflowRunBackendId).toBe('run-b');
    expect({ ...process.env }).toEqual(before);
  });
});

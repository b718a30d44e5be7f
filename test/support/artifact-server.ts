/**
 * A loopback stand-in for the artifact service @actions/artifact (v2+) talks to, so tests run
 * the real library over real HTTP (DESIGN.md, Testing). It plays both sides of an upload:
 *
 * - the results service at ACTIONS_RESULTS_URL, Twirp JSON:
 *   POST /twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact → ok and a
 *   signed_upload_url on this server; …/FinalizeArtifact → ok and artifact_id. Errors are
 *   Twirp's `{ code, msg }`, whose msg the library puts in its message;
 * - blob storage at the signed URL: @azure/storage-blob's BlockBlobClient.uploadStream, which
 *   the library calls, always sends Put Block (PUT ?comp=block&blockid=…) per 8 MB chunk, then
 *   Put Block List (PUT ?comp=blocklist, XML), even for a small zip. A single-shot Put Blob
 *   is never sent, so it is refused (400) rather than faked. Errors are Azure's XML.
 *
 * Uploaded zips stay in memory (`artifact(name).blob`, read with zipFiles). `fail` injects an
 * HTTP error into one operation, always or a number of times. The rules (token scope, names,
 * signatures, size and hash) are in artifact-server/service.ts.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ArtifactOperation,
  ArtifactService,
  BLOB_PREFIX,
  type Fault,
  ServiceFailure,
  type StoredArtifact,
} from './artifact-server/service.js';

export { withoutRetryWaits } from './artifact-server/no-retry-waits.js';
export { mintRuntimeToken, type RuntimeTokenClaims } from './artifact-server/runtime-token.js';
export type { ArtifactOperation, Fault, StoredArtifact } from './artifact-server/service.js';
export { readZip, type ZipEntry, zipFiles } from './artifact-server/zip.js';

export interface RecordedRequest {
  readonly operation: ArtifactOperation | 'unknown';
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly status: number;
}

export interface ArtifactServer {
  /** The value for ACTIONS_RESULTS_URL. */
  readonly resultsUrl: string;
  readonly requests: readonly RecordedRequest[];
  /** Artifacts created so far, finalized or not. */
  readonly artifacts: readonly StoredArtifact[];
  artifact(name: string): StoredArtifact | undefined;
  calls(operation: ArtifactOperation): number;
  fail(operation: ArtifactOperation, fault?: Fault): void;
  /** Forgets artifacts, requests and faults. */
  reset(): void;
  close(): Promise<void>;
}

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.ArtifactService/';
const TWIRP_CODES: Record<number, string> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: 'already_exists',
  412: 'failed_precondition',
  429: 'resource_exhausted',
  503: 'unavailable',
};
const BLOB_CODES: Record<number, string> = { 500: 'InternalError', 503: 'ServerBusy' };

export async function startArtifactServer(): Promise<ArtifactServer> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let service = new ArtifactService(origin);
  let requests: RecordedRequest[] = [];

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    answer(service, origin, req, res).then(
      (recorded) => {
        requests = [...requests, recorded];
      },
      (error: unknown) => res.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  });

  return {
    resultsUrl: `${origin}/`,
    get requests() {
      return requests;
    },
    get artifacts() {
      return service.artifacts;
    },
    artifact: (name) => service.artifacts.find((a) => a.name === name),
    calls: (operation) => requests.filter((r) => r.operation === operation).length,
    fail: (operation, fault) => service.fail(operation, fault),
    reset() {
      service = new ArtifactService(origin);
      requests = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Routes one request to the service and writes its answer, or its failure, in the wire format. */
async function answer(
  service: ArtifactService,
  origin: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<RecordedRequest> {
  const url = new URL(req.url ?? '/', origin);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const twirp = url.pathname.startsWith(TWIRP_PREFIX);
  const method = twirp ? url.pathname.slice(TWIRP_PREFIX.length) : '';
  const operation = operationOf(url, method);
  let status: number;
  try {
    if (twirp) {
      const reply = service.twirp(method, req.headers.authorization, body);
      status = 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    } else if (operation !== 'unknown') {
      service.blob(req.method ?? '', url, req.headers, body);
      status = 201;
      res.writeHead(status, blobHeaders()).end();
    } else {
      throw new ServiceFailure(404, 'ResourceNotFound', `nothing at ${url.pathname}`);
    }
  } catch (error) {
    const failure =
      error instanceof ServiceFailure ? error : new ServiceFailure(500, '', String(error));
    status = failure.status;
    if (twirp) writeTwirpError(res, failure);
    else writeBlobError(res, failure);
  }
  return { operation, method: req.method ?? '', url: req.url ?? '', headers: req.headers, status };
}

function operationOf(url: URL, twirpMethod: string): RecordedRequest['operation'] {
  if (twirpMethod === 'CreateArtifact' || twirpMethod === 'FinalizeArtifact') return twirpMethod;
  if (!url.pathname.startsWith(BLOB_PREFIX)) return 'unknown';
  return url.searchParams.get('comp') === 'blocklist' ? 'PutBlockList' : 'PutBlock';
}

function blobHeaders(): Record<string, string> {
  return {
    'x-ms-request-id': randomBytes(8).toString('hex'),
    'x-ms-version': '2025-11-05',
    'x-ms-request-server-encrypted': 'true',
    etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
    'last-modified': new Date().toUTCString(),
    'content-length': '0',
  };
}

function writeTwirpError(res: ServerResponse, failure: ServiceFailure): void {
  const code = failure.code || TWIRP_CODES[failure.status] || 'internal';
  res
    .writeHead(failure.status, { 'content-type': 'application/json' })
    .end(JSON.stringify({ code, msg: failure.message }));
}

function writeBlobError(res: ServerResponse, failure: ServiceFailure): void {
  const code = failure.code || BLOB_CODES[failure.status] || 'InternalError';
  const message = failure.message.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'));
  res
    .writeHead(failure.status, { 'content-type': 'application/xml', 'x-ms-error-code': code })
    .end(
      '<?xml version="1.0" encoding="utf-8"?>' +
        `<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    );
}

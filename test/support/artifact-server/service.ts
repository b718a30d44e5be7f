/**
 * The state and rules of the fake artifact service, apart from HTTP (artifact-server.ts
 * routes requests here): the Twirp methods CreateArtifact and FinalizeArtifact, and the blob
 * operations Put Block and Put Block List that @azure/storage-blob's uploadStream sends.
 * Like the real service it checks the bearer token's `Actions.Results:<run>:<job>` scope
 * against the ids in the body, refuses a second artifact of one name in a run, accepts blob
 * writes only with the signature it handed out, and checks the finalized size and sha256
 * against the committed blob.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { runtimeTokenScope } from './runtime-token.js';

export type ArtifactOperation = 'CreateArtifact' | 'FinalizeArtifact' | 'PutBlock' | 'PutBlockList';

export interface Fault {
  /** HTTP status to answer with; 500 unless told. */
  readonly status?: number;
  /** How many requests fail before the operation works again; every one unless told. */
  readonly times?: number;
  readonly message?: string;
}

export interface StoredArtifact {
  readonly name: string;
  readonly workflowRunBackendId: string;
  readonly workflowJobRunBackendId: string;
  /** CreateArtifact's fields as sent (JSON, proto field names). */
  readonly version: number;
  readonly mimeType: string | undefined;
  readonly expiresAt: string | undefined;
  readonly signedUploadUrl: string;
  /** x-ms-blob-content-type of Put Block List. */
  blobContentType: string | undefined;
  /** The committed blob: the zip. */
  blob: Buffer | undefined;
  /** Set by FinalizeArtifact. */
  id: number | undefined;
  size: number | undefined;
  hash: string | undefined;
}

/** An answer other than success: the HTTP status and the service's error code. */
export class ServiceFailure extends Error {
  constructor(
    readonly status: number,
    /** A Twirp code for the results service, an x-ms-error-code for blob storage. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const BLOB_PREFIX = '/devstoreaccount1/actions-results/';

type Fields = Record<string, unknown>;

interface Blob {
  readonly artifact: StoredArtifact;
  readonly sig: string;
  readonly blocks: Map<string, Buffer>;
}

export class ArtifactService {
  artifacts: StoredArtifact[] = [];
  private faults = new Map<ArtifactOperation, Required<Fault>>();
  /** Blob path → its artifact and the blocks staged so far. */
  private blobs = new Map<string, Blob>();
  private nextId = 1001;

  /** `origin` is where signed upload URLs point: the server's own address. */
  constructor(private readonly origin: string) {}

  fail(operation: ArtifactOperation, fault: Fault = {}): void {
    this.faults.set(operation, {
      status: fault.status ?? 500,
      times: fault.times ?? Number.POSITIVE_INFINITY,
      message: fault.message ?? `injected failure of ${operation}`,
    });
  }

  /** A Twirp call: `method` from the path, the Authorization header, the JSON body. */
  twirp(method: string, authorization: string | undefined, body: Buffer): unknown {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const scope = token === undefined ? undefined : runtimeTokenScope(token);
    if (!scope) {
      throw new ServiceFailure(
        401,
        'unauthenticated',
        'no runtime token with an Actions.Results scope',
      );
    }
    if (method !== 'CreateArtifact' && method !== 'FinalizeArtifact') {
      throw new ServiceFailure(404, 'bad_route', `no method ${method}`);
    }
    this.takeFault(method);
    const fields = JSON.parse(body.toString('utf8')) as Fields;
    const run = String(fields.workflow_run_backend_id ?? '');
    const job = String(fields.workflow_job_run_backend_id ?? '');
    if (run !== scope.workflowRunBackendId || job !== scope.workflowJobRunBackendId) {
      throw new ServiceFailure(
        403,
        'permission_denied',
        'the token does not grant this run and job',
      );
    }
    const name = String(fields.name ?? '');
    return method === 'CreateArtifact'
      ? this.createArtifact(run, job, name, fields)
      : this.finalizeArtifact(run, job, name, fields);
  }

  /** A write to blob storage at `url`; the request's method, headers and body. */
  blob(method: string, url: URL, headers: IncomingHttpHeaders, body: Buffer): void {
    const blob = this.blobs.get(url.pathname);
    if (!blob) throw new ServiceFailure(404, 'BlobNotFound', `no upload URL ${url.pathname}`);
    if (url.searchParams.get('sig') !== blob.sig) {
      throw new ServiceFailure(403, 'AuthenticationFailed', 'the signature does not match');
    }
    const comp = url.searchParams.get('comp');
    if (method === 'PUT' && comp === 'block') this.putBlock(blob, url, headers, body);
    else if (method === 'PUT' && comp === 'blocklist') this.putBlockList(blob, headers, body);
    else {
      throw new ServiceFailure(
        400,
        'UnsupportedOperation',
        `this fake plays Put Block and Put Block List only, not ${method} comp=${comp}`,
      );
    }
  }

  private takeFault(operation: ArtifactOperation): void {
    const fault = this.faults.get(operation);
    if (!fault) return;
    if (fault.times <= 1) this.faults.delete(operation);
    else this.faults.set(operation, { ...fault, times: fault.times - 1 });
    throw new ServiceFailure(fault.status, '', fault.message);
  }

  private createArtifact(run: string, job: string, name: string, fields: Fields) {
    const sameName = (a: StoredArtifact) => a.workflowRunBackendId === run && a.name === name;
    if (this.artifacts.some((a) => sameName(a) && a.id !== undefined)) {
      throw new ServiceFailure(409, 'already_exists', `an artifact named ${name} already exists`);
    }
    const sig = randomBytes(12).toString('base64url');
    const path = `${BLOB_PREFIX}${run}/${job}/${encodeURIComponent(name)}.zip`;
    const se = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    const signedUploadUrl = `${this.origin}${path}?sv=2024-08-04&sr=b&sp=cw&se=${se}&sig=${sig}`;
    const artifact: StoredArtifact = {
      name,
      workflowRunBackendId: run,
      workflowJobRunBackendId: job,
      version: Number(fields.version ?? 0),
      mimeType: typeof fields.mime_type === 'string' ? fields.mime_type : undefined,
      expiresAt: typeof fields.expires_at === 'string' ? fields.expires_at : undefined,
      signedUploadUrl,
      blobContentType: undefined,
      blob: undefined,
      id: undefined,
      size: undefined,
      hash: undefined,
    };
    // A retry after a failed upload creates the artifact afresh.
    this.artifacts = [...this.artifacts.filter((a) => !sameName(a)), artifact];
    this.blobs.set(path, { artifact, sig, blocks: new Map() });
    return { ok: true, signed_upload_url: signedUploadUrl };
  }

  private finalizeArtifact(run: string, job: string, name: string, fields: Fields) {
    const artifact = this.artifacts.find(
      (a) => a.workflowRunBackendId === run && a.workflowJobRunBackendId === job && a.name === name,
    );
    if (!artifact) throw new ServiceFailure(404, 'not_found', `no artifact named ${name}`);
    if (!artifact.blob) {
      throw new ServiceFailure(412, 'failed_precondition', `nothing was uploaded for ${name}`);
    }
    const size = Number(fields.size ?? 0);
    const hash = typeof fields.hash === 'string' ? fields.hash : undefined;
    const actual = `sha256:${createHash('sha256').update(artifact.blob).digest('hex')}`;
    if (size !== artifact.blob.length || (hash !== undefined && hash !== actual)) {
      throw new ServiceFailure(
        400,
        'invalid_argument',
        `size ${size} and ${hash} do not match the blob's ${artifact.blob.length} and ${actual}`,
      );
    }
    artifact.id = this.nextId++;
    artifact.size = size;
    artifact.hash = hash;
    return { ok: true, artifact_id: String(artifact.id) };
  }

  private putBlock(blob: Blob, url: URL, headers: IncomingHttpHeaders, body: Buffer): void {
    this.takeFault('PutBlock');
    const blockId = url.searchParams.get('blockid');
    if (!blockId) throw new ServiceFailure(400, 'InvalidQueryParameterValue', 'no blockid');
    if (headers['x-ms-structured-body']) {
      // The SDK's CRC64 framing is opt-in; storing framed bytes as the blob would be wrong.
      throw new ServiceFailure(400, 'UnsupportedHeader', 'structured bodies are not played');
    }
    blob.blocks.set(blockId, body);
  }

  private putBlockList(blob: Blob, headers: IncomingHttpHeaders, body: Buffer): void {
    this.takeFault('PutBlockList');
    // <BlockList><Latest>id</Latest>…</BlockList>; all staged here are uncommitted, so any kind.
    const ids = [
      ...body.toString('utf8').matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g),
    ];
    const parts = ids.map(([, , id = '']) => {
      const block = blob.blocks.get(id);
      if (!block) throw new ServiceFailure(400, 'InvalidBlockList', `block ${id} was never staged`);
      return block;
    });
    blob.artifact.blob = Buffer.concat(parts);
    const contentType = headers['x-ms-blob-content-type'];
    blob.artifact.blobContentType = typeof contentType === 'string' ? contentType : undefined;
    blob.blocks.clear();
  }
}

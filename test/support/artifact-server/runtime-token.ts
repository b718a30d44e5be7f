/**
 * A fake ACTIONS_RUNTIME_TOKEN. @actions/artifact decodes the runner's JWT without verifying
 * it (jwt-decode) and takes the workflow run and job backend ids from the
 * `Actions.Results:<workflowRunBackendId>:<workflowJobRunBackendId>` entry of its
 * space-separated `scp` claim, so header.payload.signature in base64url is all it needs.
 */

export interface RuntimeTokenClaims {
  readonly workflowRunBackendId: string;
  readonly workflowJobRunBackendId: string;
  /** Other scopes to list before Actions.Results, as the runner's token does. */
  readonly otherScopes?: readonly string[];
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function mintRuntimeToken(claims: RuntimeTokenClaims): string {
  const now = Math.floor(Date.now() / 1000);
  const scp = [
    ...(claims.otherScopes ?? ['Actions.GenericRead:00000000-0000-0000-0000-000000000000']),
    `Actions.Results:${claims.workflowRunBackendId}:${claims.workflowJobRunBackendId}`,
  ].join(' ');
  const header = base64url({ typ: 'JWT', alg: 'RS256' });
  const payload = base64url({ scp, iss: 'model-gate-test', nbf: now, exp: now + 3600 });
  return `${header}.${payload}.${Buffer.from('not-a-signature').toString('base64url')}`;
}

/** The backend ids a token grants, as the service reads them; undefined if it grants none. */
export function runtimeTokenScope(
  token: string,
): { workflowRunBackendId: string; workflowJobRunBackendId: string } | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  let scp: unknown;
  try {
    scp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { scp?: unknown }).scp;
  } catch {
    return undefined;
  }
  if (typeof scp !== 'string') return undefined;
  for (const scope of scp.split(' ')) {
    const [kind, run, job, ...rest] = scope.split(':');
    if (kind === 'Actions.Results' && run && job && rest.length === 0) {
      return { workflowRunBackendId: run, workflowJobRunBackendId: job };
    }
  }
  return undefined;
}

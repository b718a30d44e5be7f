/**
 * A loopback HTTP server that plays the parts of GitHub's REST API that src/github uses (issue
 * comments, git refs and tags, releases and assets), in memory, so that the real @actions/github
 * Octokit is tested over real HTTP (STYLE 12). It listens on 127.0.0.1 only, checks the token,
 * logs every request, and can be told to fail: `fail(method, path, { status, times, headers })`,
 * with rateLimit() and secondaryRateLimit() for GitHub's two kinds of rate limit.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gitRoutes } from './github-server/git.js';
import {
  type CompiledRoute,
  compile,
  errorBody,
  HttpError,
  match,
  type Reply,
  type Req,
} from './github-server/http.js';
import { issueRoutes } from './github-server/issues.js';
import { pullRoutes } from './github-server/pulls.js';
import { releaseRoutes } from './github-server/releases.js';
import { Store } from './github-server/store.js';

export { forbidNetwork } from './github-server/no-network.js';
export type { RepoState, Store } from './github-server/store.js';

export interface Fault {
  readonly status: number;
  /** How many matching requests fail before the route answers again (default 1). */
  readonly times?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** GitHub's `message`; a default that fits the status otherwise. */
  readonly message?: string;
}

export interface LoggedRequest {
  readonly method: string;
  /** Decoded, with /repositories/<id>/ rewritten to /repos/<owner>/<name>/. */
  readonly path: string;
  /** As sent: percent-encoded, as Link headers or the upload template made it. */
  readonly rawPath: string;
  readonly query: string;
  readonly status: number;
}

const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
  401: 'Bad credentials',
  403: 'Resource not accessible by integration',
  404: 'Not Found',
  422: 'Validation Failed',
  429: 'Too Many Requests',
  500: 'Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** GitHub's primary rate limit: 403 with x-ratelimit-remaining 0 and the reset time. */
export function rateLimit(resetInSeconds: number, times = 1): Fault {
  const reset = Math.floor(Date.now() / 1000) + resetInSeconds;
  return {
    status: 403,
    times,
    message: 'API rate limit exceeded for installation ID 1.',
    headers: {
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '1000',
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-resource': 'core',
    },
  };
}

/** GitHub's secondary rate limit: 403 with retry-after and a message that says so. */
export function secondaryRateLimit(retryAfterSeconds: number, times = 1): Fault {
  return {
    status: 403,
    times,
    message:
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    headers: { 'retry-after': String(retryAfterSeconds) },
  };
}

interface ActiveFault {
  readonly method: string;
  readonly path: RegExp;
  readonly fault: Fault;
  remaining: number;
}

/** `*` in a string path matches anything; a RegExp is used as it is. */
function pathPattern(path: string | RegExp): RegExp {
  if (path instanceof RegExp) return path;
  const source = path.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${source.join('.*')}$`);
}

export class FakeGitHub {
  readonly store = new Store();
  readonly requests: LoggedRequest[] = [];
  private readonly faults: ActiveFault[] = [];
  private readonly routes: CompiledRoute[];

  constructor(readonly token = 'test-token') {
    this.routes = [
      ...issueRoutes(this.store),
      ...gitRoutes(this.store),
      ...releaseRoutes(this.store),
      ...pullRoutes(this.store),
    ].map(compile);
  }

  /** The next `times` requests matching method ('*' for any) and path get `fault`. */
  fail(method: string, path: string | RegExp, fault: Fault): void {
    this.faults.push({ method, path: pathPattern(path), fault, remaining: fault.times ?? 1 });
  }

  /** Logged requests matching method and path (the decoded path; `*` as in fail()). */
  requestsTo(method: string, path: string | RegExp): LoggedRequest[] {
    const pattern = pathPattern(path);
    return this.requests.filter(
      (r) => (method === '*' || r.method === method) && pattern.test(r.path),
    );
  }

  async start(): Promise<{ url: string; close(): Promise<void> }> {
    const server: Server = createServer((request, response) => {
      void this.serve(server, request, response);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        }),
    };
  }

  private async serve(server: Server, request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const { port } = server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    const url = new URL(request.url ?? '/', origin);
    const method = request.method ?? 'GET';
    const rawPath = this.canonical(url.pathname);
    let path = rawPath;
    try {
      path = decodeURIComponent(rawPath);
    } catch {}
    const req: Req = {
      method,
      rawPath,
      params: {},
      query: url.searchParams,
      headers: request.headers,
      body: Buffer.concat(chunks),
      origin,
    };
    const reply = this.answer(req, path);
    this.requests.push({
      method,
      path,
      rawPath: url.pathname,
      query: url.search,
      status: reply.status,
    });
    const headers: Record<string, string> = { ...reply.headers };
    let payload: Uint8Array | string = reply.bytes ?? '';
    if (reply.json !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      payload = JSON.stringify(reply.json);
    }
    response.writeHead(reply.status, headers);
    response.end(payload);
  }

  /** GitHub's Link headers point at /repositories/<id>/...; serve them as /repos/<o>/<r>/... */
  private canonical(pathname: string): string {
    const found = /^\/repositories\/(\d+)(\/.*)?$/.exec(pathname);
    if (!found) return pathname;
    const repo = this.store.byId(Number(found[1]));
    return repo ? `/repos/${repo.owner}/${repo.name}${found[2] ?? ''}` : pathname;
  }

  private answer(req: Req, path: string): Reply {
    const fault = this.faults.find(
      (f) => f.remaining > 0 && (f.method === '*' || f.method === req.method) && f.path.test(path),
    );
    if (fault) {
      fault.remaining -= 1;
      const { status, headers = {}, message = DEFAULT_MESSAGES[status] ?? 'Error' } = fault.fault;
      return { status, headers, json: errorBody(status, message) };
    }
    for (const route of this.routes) {
      const params = match(route, req.method, req.rawPath);
      if (!params) continue;
      if (route.auth !== false && !this.authorized(req)) {
        return { status: 401, json: errorBody(401, 'Bad credentials') };
      }
      try {
        return route.handle({ ...req, params });
      } catch (error) {
        if (error instanceof HttpError) {
          return { status: error.status, json: errorBody(error.status, error.message) };
        }
        // A bug in the fake, not GitHub's answer: say so loudly.
        return { status: 500, json: errorBody(500, `fake GitHub failed: ${String(error)}`) };
      }
    }
    return { status: 404, json: errorBody(404, 'Not Found') };
  }

  private authorized(req: Req): boolean {
    const [scheme, credential] = (req.headers.authorization ?? '').split(' ');
    return /^(token|bearer)$/i.test(scheme ?? '') && credential === this.token;
  }
}

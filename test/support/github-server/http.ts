/**
 * The fake GitHub's plumbing: what a route handler receives and returns, GitHub's error body,
 * path patterns (`:name` one segment, `*name` the rest, both percent-decoded) and GitHub's
 * pagination (per_page/page in, RFC 5988 Link header out).
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface Req {
  readonly method: string;
  /** The path as sent, still percent-encoded, without the query. */
  readonly rawPath: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Uint8Array;
  /** `http://127.0.0.1:<port>`: where links and URLs in responses point. */
  readonly origin: string;
}

export interface Reply {
  readonly status: number;
  readonly json?: unknown;
  readonly bytes?: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Route {
  readonly method: string;
  readonly pattern: string;
  /** False for what GitHub serves without the token (the asset storage host). */
  readonly auth?: boolean;
  readonly handle: (req: Req) => Reply;
}

/** Thrown by a handler; answered as GitHub answers errors. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function errorBody(status: number, message: string): Record<string, string> {
  return { message, documentation_url: 'https://docs.github.com/rest', status: String(status) };
}

export function param(req: Req, name: string): string {
  const value = req.params[name];
  if (value === undefined) throw new HttpError(404, 'Not Found');
  return value;
}

export function numberParam(req: Req, name: string): number {
  const value = param(req, name);
  if (!/^\d+$/.test(value)) throw new HttpError(404, 'Not Found');
  return Number(value);
}

/** The request's JSON body, as an object. */
export function jsonBody(req: Req): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(req.body));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {}
  throw new HttpError(400, 'Problems parsing JSON');
}

export function stringField(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string')
    throw new HttpError(422, `Invalid request.\n\n"${key}" wasn't supplied.`);
  return value;
}

export interface CompiledRoute extends Route {
  readonly regex: RegExp;
  readonly names: readonly string[];
}

export function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split('/')
    .map((part) => {
      if (part.startsWith(':') || part.startsWith('*')) names.push(part.slice(1));
      if (part.startsWith(':')) return '([^/]+)';
      if (part.startsWith('*')) return '(.+)';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { ...route, regex: new RegExp(`^${source}$`), names };
}

/** Params of `route` for `path`, decoded; null when it does not match. */
export function match(
  route: CompiledRoute,
  method: string,
  path: string,
): Record<string, string> | null {
  if (route.method !== method) return null;
  const found = route.regex.exec(path);
  if (!found) return null;
  const params: Record<string, string> = {};
  route.names.forEach((name, i) => {
    params[name] = decodeURIComponent(found[i + 1] ?? '');
  });
  return params;
}

/**
 * One page of `items` as GitHub serves it: per_page (default 30, at most 100) and page, and a
 * Link header with prev/next/last/first in GitHub's order, on `linkPath` (GitHub links to
 * /repositories/<id>/..., not to the path that was asked for).
 */
export function paginated(req: Req, items: readonly unknown[], linkPath: string): Reply {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number, rel: string) => {
    const query = new URLSearchParams(req.query);
    query.set('page', String(p));
    return `<${req.origin}${linkPath}?${query}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return {
    status: 200,
    json: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}

/**
 * Makes a test fail if anything tries to leave the machine (STYLE 12): every TCP connection
 * (net, tls, http, fetch/undici all open sockets through net.Socket#connect) to a host that is
 * not loopback throws before DNS is asked, and is recorded; each test ends by checking that the
 * record is empty, in case the error was swallowed or retried away.
 */
import { Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** host:port of a connect() call; null for a local (unix socket or pipe) path. */
function destination(args: readonly unknown[]): { host: string; port: string } | null {
  // net.connect() passes its normalized [options, callback] array as the first argument.
  const first: unknown = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; port?: unknown; path?: unknown };
    if (typeof options.path === 'string') return null;
    const host = typeof options.host === 'string' ? options.host : 'localhost';
    return { host, port: String(options.port) };
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: String(first) };
  }
  return null;
}

/** Installs the guard for the calling test file; returns the list of blocked attempts. */
export function forbidNetwork(): { readonly blocked: string[] } {
  const blocked: string[] = [];
  const original = Socket.prototype.connect;
  beforeAll(() => {
    Socket.prototype.connect = function guardedConnect(this: Socket, ...args: unknown[]) {
      const target = destination(args);
      if (target && !isLoopback(target.host)) {
        const where = `${target.host}:${target.port}`;
        blocked.push(where);
        throw new Error(`a test tried to leave the machine: connect to ${where}`);
      }
      return Reflect.apply(original, this, args) as Socket;
    } as typeof original;
  });
  afterEach(() => {
    const attempts = blocked.splice(0);
    expect(attempts, 'connections that tried to leave the machine').toEqual([]);
  });
  afterAll(() => {
    Socket.prototype.connect = original;
  });
  return { blocked };
}

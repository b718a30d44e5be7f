/**
 * One fake GitHub per test: a fresh FakeGitHub on loopback, a real client from createOctokit
 * pointed at it (waits scaled down a thousandfold, warnings collected), and the network guard.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import {
  type CreateOctokitOptions,
  createOctokit,
  type GitHubClient,
} from '../../../src/github/octokit.js';
import { FakeGitHub } from '../github-server.js';
import { forbidNetwork } from './no-network.js';

export interface GitHubHarness {
  readonly server: FakeGitHub;
  readonly url: string;
  readonly octokit: GitHubClient;
  readonly warnings: string[];
  /** Connections the guard blocked in this test; a test that expects one empties it. */
  readonly blocked: string[];
  /** A client with other options, on the same server. */
  client(options?: Partial<CreateOctokitOptions>): Promise<GitHubClient>;
}

export const TEST_WAIT_SCALE = 0.001;

export function useFakeGitHub(): GitHubHarness {
  const network = forbidNetwork();
  let current: (GitHubHarness & { close(): Promise<void> }) | undefined;
  beforeEach(async () => {
    const server = new FakeGitHub();
    const { url, close } = await server.start();
    const warnings: string[] = [];
    const client = (options: Partial<CreateOctokitOptions> = {}) =>
      createOctokit({
        token: server.token,
        baseUrl: url,
        waitScale: TEST_WAIT_SCALE,
        log: { warn: (message) => warnings.push(message), info: () => {} },
        ...options,
      });
    // @actions/github picks its proxy, for every later request, from these variables when it is
    // first imported (inside createOctokit): a proxy would be asked for 127.0.0.1 too.
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) {
      vi.stubEnv(name, undefined);
    }
    const octokit = await client();
    vi.unstubAllEnvs();
    current = {
      server,
      url,
      octokit,
      warnings,
      blocked: network.blocked,
      client,
      close,
    };
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const get = (): GitHubHarness => {
    if (!current) throw new Error('useFakeGitHub: use the harness inside a test');
    return current;
  };
  return {
    get server() {
      return get().server;
    },
    get url() {
      return get().url;
    },
    get octokit() {
      return get().octokit;
    },
    get warnings() {
      return get().warnings;
    },
    get blocked() {
      return get().blocked;
    },
    client: (options) => get().client(options),
  };
}

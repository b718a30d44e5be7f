/**
 * STYLE 5 for src/github: importing its modules reads no GitHub or proxy variable from the
 * environment, although @actions/github does when it is imported; createOctokit is where that
 * happens. Only dynamic imports here, so that nothing is loaded before the environment is watched.
 */
import { expect, it } from 'vitest';

const WATCHED = /^(GITHUB_|ACTIONS_|RUNNER_)|_proxy$/i;

it('importing src/github reads no environment; creating a client does', async () => {
  const reads = new Set<string>();
  const env = process.env;
  process.env = new Proxy(env, {
    get(target, key, receiver) {
      if (typeof key === 'string' && WATCHED.test(key)) reads.add(key);
      return Reflect.get(target, key, receiver);
    },
  });
  try {
    await import('../../src/github/comments.js');
    await import('../../src/github/git.js');
    await import('../../src/github/releases.js');
    const { createOctokit } = await import('../../src/github/octokit.js');
    expect([...reads]).toEqual([]);

    await createOctokit({
      token: 't',
      baseUrl: 'http://127.0.0.1:9',
      log: { warn() {}, info() {} },
    });
    expect(reads).toContain('GITHUB_EVENT_PATH');
  } finally {
    process.env = env;
  }
});

/** Every command answers --help with its usage and exit 0. */
import { describe, expect, it } from 'vitest';
import { COMMANDS, EXIT } from '../../src/cli/main.js';
import { cli } from '../support/cli.js';

describe('--help', () => {
  it.each(Object.keys(COMMANDS))('model-gate %s --help', async (command) => {
    const run = await cli([command, '--help']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toMatch(new RegExp(`model-gate ${command}`));
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

describe('model-gate schema', () => {
  it('prints a JSON Schema whose top level lists the config keys and refuses others', async () => {
    const run = await cli(['schema']);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout) as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'version',
        'label',
        'models',
        'data',
        'rules',
        'slices',
        'drift',
        'statistics',
        'on_inconclusive',
      ]),
    );
    expect(schema.additionalProperties).toBe(false);
  });

  it('is the committed model-gate.schema.json that the example config points editors at', async () => {
    const run = await cli(['schema']);
    expect(
      run.stdout,
      'model-gate.schema.json is stale: run node bin/model-gate.js schema --out model-gate.schema.json',
    ).toBe(readFileSync('model-gate.schema.json', 'utf8'));
  });
});

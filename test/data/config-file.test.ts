/** readConfigFile: finding, reading and hashing the config; YAML and JSON alike; syntax errors located. */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../../src/data/config-file.js';
import { jsonErrorOffset } from '../../src/data/json-offset.js';
import { InputError } from '../../src/domain/errors.js';
import { tempDir } from '../support/tmp.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/config/', import.meta.url));
const MINIMAL_YAML = 'label: Churn\nmodels: { candidate: c.onnx, baseline: b.onnx }\n';

async function failure(path: string | undefined, cwd: string): Promise<InputError> {
  try {
    await readConfigFile(path, cwd);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('readConfigFile accepted the file');
}

describe('readConfigFile', () => {
  it('reads the example, resolving paths against its folder and keeping them as written', async () => {
    const read = await readConfigFile('example.model-gate.yml', FIXTURES);
    expect(read.path).toBe(join(FIXTURES, 'example.model-gate.yml'));
    expect(read.config.models).toEqual({
      candidate: join(FIXTURES, 'models/candidate.onnx'),
      baseline: join(FIXTURES, 'models/production.onnx'),
    });
    expect(read.config.data).toEqual({
      holdout: join(FIXTURES, 'data/holdout.csv'),
      reference: join(FIXTURES, 'data/train.csv'),
    });
    expect(read.written).toEqual({
      models: { candidate: 'models/candidate.onnx', baseline: 'models/production.onnx' },
      data: { holdout: 'data/holdout.csv', reference: 'data/train.csv' },
    });
    const bytes = readFileSync(read.path);
    expect(read.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(read.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same config for the YAML and the JSON example', async () => {
    const yaml = await readConfigFile(join(FIXTURES, 'example.model-gate.yml'), '/');
    const json = await readConfigFile(join(FIXTURES, 'example.model-gate.json'), '/');
    expect(json.config).toStrictEqual(yaml.config);
    expect(json.written).toStrictEqual(yaml.written);
    expect(json.sha256).not.toBe(yaml.sha256);
  });

  it('leaves the registry baseline unresolved; resolves ../ paths; reads merge keys', async () => {
    const { config, written } = await readConfigFile('full.model-gate.yml', FIXTURES);
    expect(config.models).toEqual({
      candidate: resolve(FIXTURES, '../models/candidate.onnx'),
      baseline: 'registry',
    });
    expect(written.models.candidate).toBe('../models/candidate.onnx');
    expect(config.rules?.[1]).toEqual({
      metric: 'accuracy',
      vs_baseline: { max_drop: 0.02 },
      slices: true,
    });
  });

  it.each(['.model-gate.yml', '.model-gate.yaml', '.model-gate.json'])(
    'finds %s in the working directory',
    async (name) => {
      const tmp = tempDir();
      const text = name.endsWith('.json')
        ? JSON.stringify({ label: 'Churn', models: { candidate: 'c.onnx', baseline: 'b.onnx' } })
        : MINIMAL_YAML;
      const path = tmp.write(name, text);
      const read = await readConfigFile(undefined, tmp.dir);
      expect(read.path).toBe(path);
      expect(read.config.models.candidate).toBe(join(tmp.dir, 'c.onnx'));
    },
  );

  it('names the file in a validation error, as the user would write its path', async () => {
    const tmp = tempDir();
    mkdirSync(join(tmp.dir, 'ml'));
    tmp.write('ml/gate.yml', `${MINIMAL_YAML}treshold: 0.4\n`);
    const error = await failure('ml/gate.yml', tmp.dir);
    expect(error.message).toBe(
      "unknown key 'treshold' at the top level of ml/gate.yml; did you mean 'threshold'?",
    );
  });

  it.each([
    [
      'no config in the folder',
      {},
      undefined,
      /^no config file in .*: looked for \.model-gate\.yml, \.model-gate\.yaml, \.model-gate\.json$/,
    ],
    [
      'two configs in the folder',
      { '.model-gate.yml': MINIMAL_YAML, '.model-gate.json': '{}' },
      undefined,
      /holds more than one config file: \.model-gate\.yml and \.model-gate\.json$/,
    ],
    ['a path that does not exist', {}, 'nope.yml', "config file 'nope.yml' does not exist"],
    [
      'a YAML syntax error',
      { 'c.yml': 'label: Churn\nmodels:\n  candidate: [a.onnx\n' },
      'c.yml',
      /^YAML syntax error in c\.yml at line 4, column 1: Flow sequence .*must be sufficiently indented/,
    ],
    [
      'a duplicate YAML key',
      { 'c.yml': `${MINIMAL_YAML}label: Other\n` },
      'c.yml',
      /^YAML syntax error in c\.yml at line 3, column 1: Map keys must be unique/,
    ],
    [
      'tabs as YAML indentation',
      { 'c.yml': 'models:\n\tcandidate: c.onnx\n' },
      'c.yml',
      /^YAML syntax error in c\.yml at line 2, column 1: Tabs are not allowed as indentation/,
    ],
    [
      'an unknown YAML alias',
      { 'c.yml': `${MINIMAL_YAML}threshold: *t\n` },
      'c.yml',
      /^YAML error in c\.yml: Unresolved alias/,
    ],
    [
      'a JSON syntax error',
      { 'c.json': '{\n  "label": "Churn",\n  "models": }\n' },
      'c.json',
      "JSON syntax error in c.json at line 3, column 13 (position 34): Unexpected token '}'",
    ],
    [
      'a truncated JSON file',
      { 'c.json': '{\n  "label": "Churn"' },
      'c.json',
      /^JSON syntax error in c\.json at line 2, column 19 \(position 20\)/,
    ],
    ['an empty YAML file', { 'c.yml': '# nothing yet\n' }, 'c.yml', 'c.yml is empty'],
  ] as const)('refuses %s', async (_, files, path, message) => {
    const tmp = tempDir();
    for (const [name, text] of Object.entries(files)) tmp.write(name, text);
    const error = await failure(path, tmp.dir);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });
});

describe('readConfigFile encoding', () => {
  it('refuses bytes that are not UTF-8 and ignores a byte-order mark', async () => {
    const tmp = tempDir();
    tmp.write('latin1.yml', Uint8Array.of(0x6c, 0x3a, 0x20, 0xe9, 0x0a));
    expect((await failure('latin1.yml', tmp.dir)).message).toBe('latin1.yml is not UTF-8 text');
    tmp.write(
      'bom.json',
      `\uFEFF${JSON.stringify({ label: 'y', models: { candidate: 'c', baseline: 'b' } })}`,
    );
    expect((await readConfigFile('bom.json', tmp.dir)).config.label).toBe('y');
  });
});

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": 1}', 8],
    ['{"a": 1,}', 8],
    ['[1, 2,]', 6],
    ['{"a" 1}', 5],
    ['{"a": tru}', 6],
    ['{"a": "x\\q"}', 9],
    ['{"a": 01}', 7],
    ['  ', 2],
    ['{"a": [1, {"b": null}]} x', 24],
  ])('%j breaks at %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
    if (offset < text.length) expect(() => JSON.parse(text)).toThrow();
  });
});

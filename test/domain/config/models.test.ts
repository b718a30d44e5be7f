/** models.candidate / models.baseline: a path, an ONNX mapping or a predictions mapping. */
import { describe, expect, it } from 'vitest';
import {
  applyOverrides,
  modelPath,
  modelSpec,
  parseConfig,
  resolveEntry,
} from '../../../src/domain/config/index.js';
import { InputError } from '../../../src/domain/errors.js';

const FILE = '.model-gate.yml';
const config = (candidate: unknown) =>
  parseConfig({ label: 'y', models: { candidate, baseline: 'b.onnx' } }, FILE);

function failure(candidate: unknown): InputError {
  try {
    config(candidate);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('model entries', () => {
  it.each([
    ['a path', 'c.onnx', { kind: 'onnx', path: 'c.onnx', scores: 'auto' }],
    [
      'an ONNX mapping',
      { path: 'c.onnx', output: 'logit', scores: 'logit', features: ['a', 'b'], batch_size: 1 },
      {
        kind: 'onnx',
        path: 'c.onnx',
        output: 'logit',
        scores: 'logit',
        features: ['a', 'b'],
        batchSize: 1,
      },
    ],
    [
      'an ONNX mapping with several inputs',
      { path: 'c.onnx', inputs: { usage: ['tenure'], account: ['a', 'b'] } },
      {
        kind: 'onnx',
        path: 'c.onnx',
        scores: 'auto',
        inputs: { usage: ['tenure'], account: ['a', 'b'] },
      },
    ],
    [
      'predictions on an id',
      { predictions: 'p.parquet', scores: ['p0', 'p1'], id: 'row_id' },
      {
        kind: 'predictions',
        predictions: 'p.parquet',
        scores: ['p0', 'p1'],
        readAs: 'auto',
        id: 'row_id',
        order: false,
      },
    ],
    [
      'predictions by order, one score column',
      { predictions: 'p.csv', scores: 'p1', order: true, read_as: 'logit' },
      { kind: 'predictions', predictions: 'p.csv', scores: ['p1'], readAs: 'logit', order: true },
    ],
    [
      "predict's shards, scores left to the files",
      { predictions: 'preds-*.parquet' },
      {
        kind: 'predictions',
        predictions: 'preds-*.parquet',
        scores: [],
        readAs: 'auto',
        order: false,
      },
    ],
  ])('%s', (_, entry, spec) => {
    expect(modelSpec(config(entry).models.candidate)).toEqual(expect.objectContaining(spec));
  });

  it.each([
    [{}, "models.candidate needs 'path' (an ONNX model) or 'predictions' (a predictions file)"],
    [
      { path: 'a.onnx', predictions: 'p.csv' },
      "models.candidate has both 'path' and 'predictions', but takes one",
    ],
    [
      { path: 'a.onnx', id: 'row' },
      "models.candidate.id applies to 'predictions:' entries, not to an ONNX 'path:'",
    ],
    [
      { path: 'a.onnx', scores: ['p0'] },
      'models.candidate.scores must be auto, probability, logit for an ONNX model (got ["p0"])',
    ],
    [
      { path: 'a.onnx', scores: 'logits' },
      'models.candidate.scores must be auto, probability, logit for an ONNX model (got "logits")',
    ],
    [
      { path: 'a.onnx', features: ['a'], inputs: { x: ['a'] } },
      "models.candidate.inputs and 'features' both say which columns feed the model; give one",
    ],
    [
      { predictions: 'p.csv', output: 'x' },
      "models.candidate.output applies to an ONNX 'path:' entry, not to 'predictions:'",
    ],
    [
      { predictions: 'p.csv', id: 'r', order: true },
      "models.candidate.order and 'id' both say how to join; give one",
    ],
    [
      { path: 'a.onnx', features: ['a', 'a'] },
      "models.candidate.features[1] repeats the column 'a'",
    ],
    [{ path: 'a.onnx', batch_size: 0 }, /models.candidate.batch_size must be at least 1/],
    [{ path: 'a.onnx', shards: 3 }, /unknown key 'shards' in models.candidate/],
  ])('%j', (entry, message) => {
    const error = failure(entry);
    if (typeof message === 'string') expect(error.message).toBe(`${FILE}: ${message}`);
    else expect(error.message).toMatch(message);
  });

  it('resolves the file against the config folder, and a --candidate flag replaces the model', () => {
    const parsed = config({ path: 'm/c.onnx', scores: 'logit' });
    const at = (p: string) => `/repo/ci/${p}`;
    const resolved = resolveEntry(parsed.models.candidate, at);
    expect(modelPath(resolved)).toBe('/repo/ci/m/c.onnx');
    expect(
      modelPath(resolveEntry(config({ predictions: 'p/*.parquet' }).models.candidate, at)),
    ).toBe('/repo/ci/p/*.parquet');
    // A flag keeps the entry's settings for an ONNX mapping, and replaces a predictions entry.
    const flagged = applyOverrides(parsed, { candidate: '/x/new.onnx' }, 'the command line');
    expect(flagged.models.candidate).toEqual({ path: '/x/new.onnx', scores: 'logit' });
    const fromPredictions = applyOverrides(
      config({ predictions: 'p.csv', scores: 'p1', order: true }),
      { candidate: '/x/new.onnx' },
    );
    expect(fromPredictions.models.candidate).toBe('/x/new.onnx');
  });
});

describe('cards under overrides', () => {
  it("an overriding model drops the config's card for that side, and keeps the other", () => {
    const parsed = parseConfig(
      {
        label: 'y',
        models: { candidate: 'c.onnx', baseline: 'b.onnx' },
        cards: { candidate: 'cards/c.yml', baseline: 'cards/b.yml' },
      },
      FILE,
    );
    const over = applyOverrides(parsed, { candidate: '/x/other.onnx' });
    expect(over.cards).toEqual({ baseline: 'cards/b.yml' });
    expect(applyOverrides(parsed, { holdout: 'h.csv' }).cards).toEqual(parsed.cards);
  });
});

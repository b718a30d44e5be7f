/**
 * The card's serving section (domain/card/serving.ts, markdown.ts): what the gate measured of one
 * model — its file, the 256-row latency check and the batches latency rules timed, the peak
 * memory of memory rules, and its serving contract's columns — and how MODEL_CARD.md shows it.
 */
import { describe, expect, it } from 'vitest';
import { buildCard } from '../../../src/domain/card/build.js';
import { cardToMarkdown, parseCardMarkdown } from '../../../src/domain/card/markdown.js';
import { cardServing } from '../../../src/domain/card/serving.js';
import { buildContract } from '../../../src/domain/contract/index.js';
import type { ServingJson } from '../../../src/domain/gate/report.js';
import { candidateEvaluation, candidateModel } from './fixtures.js';

const contract = buildContract(
  [
    {
      name: 'tenure',
      type: 'integer',
      input: 'x',
      reference: { missing: 0, minimum: 0, maximum: 72 },
    },
    {
      name: 'Contract',
      type: 'string',
      input: 'c',
      reference: { missing: 2, categories: ['Month-to-month', 'One year', 'Two year'] },
    },
    { name: 'notes', type: 'string', input: 'n' },
  ],
  { model: { path: 'm.onnx', sha256: 'ab' }, reference: null, tool: 't' },
);

const serving: ServingJson = {
  threads: 2,
  latency: [
    {
      batch: 1,
      batch_rows: 1,
      rounds: 120,
      candidate: { p50_ms: 0.05, p95_ms: 0.08 },
      baseline: { p50_ms: 0.02, p95_ms: 0.03 },
      p95_ci: [0.07, 0.09],
      ratio: 2.5,
      ratio_ci: [2.3, 2.7],
    },
  ],
  memory: [
    {
      batch: 64,
      batch_rows: 64,
      runs: 5,
      candidate: { peak_mb: 39.5, resident_mb: 30.25 },
      baseline: null,
      ratio: null,
      peak_reset: true,
    },
  ],
  size_mb: { candidate: 0.5, baseline: null },
};

describe('cardServing', () => {
  const section = cardServing({
    bytes: 2 ** 19,
    threads: 2,
    latency: { batch_rows: 256, runs: 30, p50_ms: 1.1, p95_ms: 1.25 },
    serving,
    side: 'candidate',
    contract,
  });

  it('lists the latency check and the rules’ batches by rows, the side’s memory, and the contract', () => {
    expect(section).toEqual({
      file_mb: 0.5,
      threads: 2,
      latency: [
        { batch_rows: 1, runs: 120, p50_ms: 0.05, p95_ms: 0.08 },
        { batch_rows: 256, runs: 30, p50_ms: 1.1, p95_ms: 1.25 },
      ],
      memory: [{ batch_rows: 64, peak_mb: 39.5, resident_mb: 30.25 }],
      request: [
        // Integers widened by 5% of 72 a side, to whole numbers.
        {
          name: 'tenure',
          type: 'integer',
          nullable: false,
          minimum: -4,
          maximum: 76,
          categories: null,
        },
        // Empty cells in the reference: null allowed, not counted as a category.
        {
          name: 'Contract',
          type: 'string',
          nullable: true,
          minimum: null,
          maximum: null,
          categories: 3,
        },
        {
          name: 'notes',
          type: 'string',
          nullable: true,
          minimum: null,
          maximum: null,
          categories: null,
        },
      ],
    });
  });

  it('gives the baseline its own figures, and none a side was not measured on', () => {
    const baseline = cardServing({
      bytes: 0,
      threads: null,
      latency: null,
      serving,
      side: 'baseline',
      contract: null,
    });
    expect(baseline.latency).toEqual([{ batch_rows: 1, runs: 120, p50_ms: 0.02, p95_ms: 0.03 }]);
    expect(baseline.memory).toEqual([]);
    expect(baseline.request).toEqual([]);
  });

  it('shows on MODEL_CARD.md and reads back', () => {
    const card = buildCard({
      sourceName: 'model-card.yml',
      model: candidateModel,
      evaluation: candidateEvaluation,
      serving: section,
    });
    const md = cardToMarkdown(card);
    expect(parseCardMarkdown(md)).toEqual(card);
    const body = md.slice(md.indexOf('## Serving'), md.indexOf('## Considerations'));
    expect(body).toBe(`## Serving

Measured by model-gate on its runner. The ONNX file is 0.5000 MiB. onnxruntime ran on 2 intra-op threads.

### Latency

| Rows a run | Runs | p50 (ms) | p95 (ms) |
| --- | --- | --- | --- |
| 1 | 120 | 0.0500 | 0.0800 |
| 256 | 30 | 1.1000 | 1.2500 |

### Memory

| Rows a run | Peak (MiB) | Held after the runs (MiB) |
| --- | --- | --- |
| 64 | 39.5000 | 30.2500 |

### Request

The columns one request row holds (contract.json holds them as a JSON Schema, with the categories):

| Column | Type | Range | Categories | May be empty |
| --- | --- | --- | --- | --- |
| \`tenure\` | integer | [-4, 76] | — | no |
| \`Contract\` | string | — | 3 | yes |
| \`notes\` | string | — | any text | yes |

`);
    // A card no gate measured has no such section.
    const plain = buildCard({ sourceName: 'model-card.yml', model: candidateModel });
    expect(cardToMarkdown(plain)).not.toContain('## Serving');
  });

  it('is refused in model-card.yml: the gate measures it', () => {
    expect(() =>
      buildCard({
        sourceName: 'card.yml',
        model: candidateModel,
        user: { serving: { file_mb: 1 } },
      }),
    ).toThrow(/card\.yml: serving is measured by the gate, not written in the card/);
  });
});

/**
 * MODEL_CARD.md round trip: parseCardMarkdown(cardToMarkdown(card)) is the card, exactly —
 * hand-picked awkward cards, then seeded random ones with any double and hostile text.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCard } from '../../../src/domain/card/build.js';
import {
  cardToJson,
  cardToMarkdown,
  parseCardMarkdown,
} from '../../../src/domain/card/markdown.js';
import type { ModelCard } from '../../../src/domain/card/schema.js';
import { InputError } from '../../../src/domain/errors.js';
import { candidateEvaluation, candidateModel } from './fixtures.js';

const HASH = '0f'.repeat(32);
const base = buildCard({
  sourceName: 'model-card.yml',
  model: candidateModel,
  evaluation: candidateEvaluation,
});

function card(text: string, value: number): ModelCard {
  return {
    ...base,
    model_details: {
      name: text || 'x',
      version: text,
      owners: [{ name: text || 'o', contact: text }, { name: 'no contact' }],
      license: text,
      references: [text, text],
      date: '2024-02-29',
      overview: text,
    },
    model_parameters: {
      ...base.model_parameters,
      architecture: text,
      training_data: { reference: text, sha256: HASH },
      input_format: [{ name: text, type: text, shape: [null, text, 0, 2 ** 31] }],
    },
    quantitative_analysis: {
      dataset: { name: text || 'd', sha256: HASH, rows: 0 },
      metrics: [
        { name: 'roc_auc', value, ci: [value, -value], slice: null },
        { name: text || 'm', value: null, ci: null, slice: text },
      ],
    },
    serving: {
      file_mb: Math.abs(value),
      threads: 2,
      latency: [{ batch_rows: 1, runs: 40, p50_ms: value, p95_ms: -value }],
      memory: [{ batch_rows: 64, peak_mb: value, resident_mb: value }],
      request: [
        {
          name: text,
          type: 'string',
          nullable: true,
          minimum: null,
          maximum: null,
          categories: 3,
        },
        {
          name: 'x',
          type: 'number',
          nullable: false,
          minimum: -value,
          maximum: value,
          categories: null,
        },
      ],
    },
    considerations: {
      intended_use: [text],
      limitations: [text, ''],
      ethical_considerations: [{ name: text || 'r', mitigation_strategy: text }],
      users: [],
      use_cases: [text],
    },
  };
}

const TEXTS = [
  'plain',
  'ünïcödé — 日本語 — emoji 🧪 — rtl עברית',
  `it's "quoted" and 'single'`,
  'key: value, with: colons',
  '---',
  'a\n---\nb\n...\nc',
  'multi\nline\n\n  indented\n',
  '\ttabs\r\nand CRLF\r\n',
  '  leading and trailing  ',
  '# not a comment',
  '- not a list',
  '[not, a, list]',
  '{not: a map}',
  '&anchor *alias !tag %directive @at `tick` |pipe >fold',
  'null',
  'true',
  '1e3',
  '0x1F',
  '2024-01-01',
  '',
  '<script>alert(1)</script>',
];

const VALUES = [0.1 + 0.2, 1e-300, 5e-324, -0, 1.7976931348623157e308, 0.8412189337264339, 1 / 3];

function roundTrip(c: ModelCard): ModelCard {
  return parseCardMarkdown(cardToMarkdown(c));
}

describe('cardToMarkdown → parseCardMarkdown', () => {
  it('gives back the built Telco card', () => {
    expect(roundTrip(base)).toStrictEqual(base);
  });

  it.each(TEXTS.map((text, i) => [JSON.stringify(text), text, VALUES[i % VALUES.length] ?? 0]))(
    'gives back a card with %s in every text field',
    (_, text, value) => {
      const c = card(text as string, value as number);
      const back = roundTrip(c);
      expect(back).toStrictEqual(c);
      const metric = back.quantitative_analysis.metrics[0];
      expect(Object.is(metric?.value, value)).toBe(true);
    },
  );

  it('gives back seeded random cards with any finite double and hostile text', () => {
    const random = mulberry32(20240229);
    const alphabet = [
      ...'aZ09 :-#|`\'"\\<>&@\n\r\t{}[],*!%?~—日🧪',
      ...['\u00a0', '\u2028', '\ufeff', '\u0000', '\u0085'],
    ];
    const text = () =>
      Array.from({ length: Math.floor(random() * 40) }, () => {
        return alphabet[Math.floor(random() * alphabet.length)];
      }).join('');
    const view = new DataView(new ArrayBuffer(8));
    const double = () => {
      for (;;) {
        view.setUint32(0, Math.floor(random() * 2 ** 32));
        view.setUint32(4, Math.floor(random() * 2 ** 32));
        const value = view.getFloat64(0);
        if (Number.isFinite(value)) return value;
      }
    };
    for (let i = 0; i < 200; i++) {
      const c = card(text(), double());
      expect(roundTrip(c)).toStrictEqual(c);
    }
  });

  it('gives back the card from a file checked out with CRLF line ends', () => {
    const c = card('multi\nline\n\n  indented\r\n', 0.1);
    expect(parseCardMarkdown(cardToMarkdown(c).replace(/\n/g, '\r\n'))).toStrictEqual(c);
  });

  it('writes Hugging Face front matter: license, tags, model-index', () => {
    const markdown = cardToMarkdown({
      ...base,
      model_details: { ...base.model_details, license: 'apache-2.0' },
    });
    const front = parse(markdown.split(/^---$/m)[1] ?? '');
    expect(front.license).toBe('apache-2.0');
    expect(front.tags).toEqual(['model-gate', 'onnx']);
    const [entry] = front['model-index'];
    expect(entry.name).toBe('candidate');
    const [result] = entry.results;
    expect(result.task).toEqual({ type: 'tabular-classification' });
    expect(result.dataset).toEqual({ name: 'holdout.csv', type: 'tabular' });
    // Overall metrics only; the slices stay in the card.
    expect(result.metrics).toHaveLength(8);
    expect(result.metrics[4]).toEqual({
      type: 'roc_auc',
      value: 0.8412189337264339,
      name: 'roc_auc',
    });
  });

  it('takes the task when given, derives regression from the metric names, else leaves model-index out', () => {
    const front = (c: ModelCard, task?: 'regression') =>
      parse(cardToMarkdown(c, { task }).split(/^---$/m)[1] ?? '');
    expect(front(base, 'regression')['model-index'][0].results[0].task.type).toBe(
      'tabular-regression',
    );
    const metrics = [{ name: 'rmse', value: 0.5, ci: null, slice: null }];
    const regression = { ...base, quantitative_analysis: { dataset: null, metrics } };
    expect(front(regression)['model-index'][0].results[0].task.type).toBe('tabular-regression');
    const unknown = { ...regression, quantitative_analysis: { dataset: null, metrics: [] } };
    const none = front(unknown);
    expect(none['model-index']).toBeUndefined();
    expect(none.license).toBeUndefined();
  });

  it('writes the card as JSON too', () => {
    expect(JSON.parse(cardToJson(base))).toStrictEqual(base);
    expect(cardToJson(base).endsWith('}\n')).toBe(true);
  });
});

describe('parseCardMarkdown errors', () => {
  function failure(markdown: string): InputError {
    try {
      parseCardMarkdown(markdown, 'baseline/MODEL_CARD.md');
    } catch (error) {
      if (error instanceof InputError) return error;
      throw error;
    }
    throw new Error('parseCardMarkdown accepted the file');
  }

  it('names a file without front matter', () => {
    expect(failure('# Model card\n').message).toBe(
      "baseline/MODEL_CARD.md has no YAML front matter: it must start with a line '---'",
    );
  });

  it('names the key path of a bad card in the front matter', () => {
    const markdown = cardToMarkdown(base).replace('  schema: 1\n', '  schema: 1\n  extra: 2\n');
    expect(failure(markdown).message).toBe(
      "unknown key 'extra' at the top level of baseline/MODEL_CARD.md (front matter, model_card)",
    );
    const noCard = '---\nlicense: mit\n---\n# x\n';
    expect(failure(noCard).message).toBe(
      'baseline/MODEL_CARD.md (front matter, model_card) must hold a model card (got nothing)',
    );
  });

  it('names a front matter that is not YAML', () => {
    expect(failure('---\na: [\n---\n').message).toMatch(
      /^baseline\/MODEL_CARD\.md: the front matter is not valid YAML: /,
    );
  });
});

/** A small seeded generator (Tommy Ettinger's mulberry32), so the random cases are the same every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

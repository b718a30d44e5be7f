/**
 * Models given as predictions: `model-gate predict` (sharded over a matrix or not), the gate on
 * a glob of shards, predictions joined on an id or by row order, outcome tracking — and every
 * bad input they meet, as exit code 2 with one message naming the file, column or row.
 */
import { copyFileSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/main.js';
import type { GateReport } from '../../src/domain/gate/report.js';
import type { EvaluateReport } from '../../src/domain/report.js';
import { cli } from '../support/cli.js';
import { tempDir } from '../support/tmp.js';

const TELCO = join(process.cwd(), 'fixtures/classification_telco_churn');
const HOLDOUT = join(TELCO, 'holdout.csv');
const tmp = tempDir();

async function ok(argv: string[]) {
  const run = await cli(argv);
  expect(run.code, run.stderr).toBeLessThan(2);
  return run;
}

async function expectBadInput(argv: string[], ...patterns: RegExp[]) {
  const run = await cli(argv);
  expect(run.code, run.stderr).toBe(EXIT.badInput);
  expect(run.stderr).toMatch(/^model-gate: error: /);
  for (const p of patterns) expect(run.stderr).toMatch(p);
  return run;
}

const predict = (model: string, out: string, ...extra: string[]) =>
  ok([
    'predict',
    '--model',
    join(TELCO, `${model}.onnx`),
    '--data',
    HOLDOUT,
    '--out',
    join(tmp.dir, out),
    '--batch-size',
    '256',
    '--threads',
    '2',
    '--quiet',
    ...extra,
  ]);

function config(name: string, candidate: string): string {
  return tmp.write(
    name,
    [
      'label: Churn',
      'models:',
      `  candidate: ${candidate}`,
      `  baseline: ${join(TELCO, 'baseline.onnx')}`,
      `data: { holdout: ${HOLDOUT} }`,
      'slices: [Contract]',
      'statistics: { bootstrap: 300 }',
    ].join('\n'),
  );
}

async function gate(configPath: string): Promise<GateReport> {
  const out = `${configPath}.json`;
  await ok(['gate', '--config', configPath, '--out', out, '--threads', '2', '--quiet']);
  return JSON.parse(readFileSync(out, 'utf8'));
}

/** The report without what names the files, and without timings. */
function decided(r: GateReport) {
  const { timings: _t, config: _c, models, cards: _cards, card_diff: _d, ...rest } = r;
  return { ...rest, candidate: { ...models.candidate, path: '', bytes: 0, predictions: null } };
}

describe('a sharded gate', () => {
  it('4 shards from predict make the report one predict run makes, and the ONNX run’s decision', async () => {
    for (const i of [1, 2, 3, 4])
      await predict('candidate', `shard-${i}.parquet`, '--shard', `${i}/4`);
    await predict('candidate', 'all.parquet');
    const sharded = await gate(
      config('sharded.yml', `{ predictions: ${join(tmp.dir, 'shard-*.parquet')} }`),
    );
    const whole = await gate(
      config('whole.yml', `{ predictions: ${join(tmp.dir, 'all.parquet')} }`),
    );
    const onnx = await gate(
      config('onnx.yml', `{ path: ${join(TELCO, 'candidate.onnx')}, batch_size: 256 }`),
    );
    expect(sharded.models.candidate.predictions?.files).toHaveLength(4);
    expect(sharded.models.candidate.predictions?.join).toBe('row');
    expect(sharded.models.candidate.sha256).toBe(onnx.models.candidate.sha256);
    expect(decided(sharded)).toEqual(decided(whole));
    // The ONNX run: the same scores to the last bit, so the same statistics and decision.
    expect(sharded.metrics).toEqual(onnx.metrics);
    expect(sharded.comparison).toEqual(onnx.comparison);
    expect(sharded.slices).toEqual(onnx.slices);
    expect(sharded.flips).toEqual(onnx.flips);
    expect(sharded.decision).toEqual(onnx.decision);
    expect(sharded.models.candidate.contract).toBeNull();
    expect(sharded.card_diff.contract.without_contract).toEqual(['candidate']);
  });

  it('refuses overlapping shards, a missing shard and shards of two models', async () => {
    for (const i of [1, 2, 3]) await predict('candidate', `ov-${i}.parquet`, '--shard', `${i}/3`);
    copyFileSync(join(tmp.dir, 'ov-2.parquet'), join(tmp.dir, 'ov-4.parquet'));
    await expectBadInput(
      ['gate', '--config', config('ov.yml', `{ predictions: ${join(tmp.dir, 'ov-*.parquet')} }`)],
      /holdout row \d+ is scored twice: by row 1 of 'ov-2.parquet' and by row 1 of 'ov-4.parquet'/,
    );
    unlinkSync(join(tmp.dir, 'ov-4.parquet'));
    unlinkSync(join(tmp.dir, 'ov-3.parquet'));
    await expectBadInput(
      ['gate', '--config', config('gap.yml', `{ predictions: ${join(tmp.dir, 'ov-*.parquet')} }`)],
      /\(2 files\) leave \d+ holdout rows without a prediction \(rows \d+, /,
      /give every shard of --shard i\/N/,
    );
    await predict('candidate_worse', 'ov-3.parquet', '--shard', '3/3');
    await expectBadInput(
      ['gate', '--config', config('two.yml', `{ predictions: ${join(tmp.dir, 'ov-*.parquet')} }`)],
      /the candidate model's predictions come from different models: column 'model_sha256'/,
    );
  });

  it('refuses a shard that is not I/N', async () => {
    for (const shard of ['0/4', '5/4', '2', 'a/b']) {
      await expectBadInput(
        [
          'predict',
          '--model',
          join(TELCO, 'candidate.onnx'),
          '--data',
          HOLDOUT,
          '--out',
          join(tmp.dir, 'x.parquet'),
          '--shard',
          shard,
        ],
        /--shard '.*' is not I\/N with 1 <= I <= N/,
      );
    }
  });
});

/** The fixture's onnxruntime outputs (row,y_true,onnx_label,onnx_proba_1,...) as a predictions file. */
const FIXTURE_PREDICTIONS = join(TELCO, 'predictions_candidate_holdout.csv');

/** `evaluate` of the fixture's P(churn) column, joined to the holdout by row order. */
const EVALUATE_FIXTURE = [
  'evaluate',
  '--predictions',
  FIXTURE_PREDICTIONS,
  '--scores',
  'onnx_proba_1',
  '--order',
  '--read-as',
  'probability',
  '--data',
  HOLDOUT,
  '--label',
  'Churn',
];

describe('predictions from anywhere', () => {
  it('the fixture’s ONNX outputs, joined by row order, give the ONNX run’s metrics to the last bit', async () => {
    const out = join(tmp.dir, 'from-file.json');
    await ok([...EVALUATE_FIXTURE, '--out', out, '--quiet']);
    const onnxOut = join(tmp.dir, 'from-onnx.json');
    await ok([
      'evaluate',
      '--model',
      join(TELCO, 'candidate.onnx'),
      '--data',
      HOLDOUT,
      '--label',
      'Churn',
      '--out',
      onnxOut,
      '--quiet',
    ]);
    const file: EvaluateReport = JSON.parse(readFileSync(out, 'utf8'));
    const onnx: EvaluateReport = JSON.parse(readFileSync(onnxOut, 'utf8'));
    expect(file.metrics).toEqual(onnx.metrics);
    expect(file.model.source).toBe('predictions');
    expect(file.model.predictions?.join).toBe('order');
    expect(file.model.score_reason).toBe('--read-as probability');
  });

  it('asks how to read one column of scores in [0, 1] that no graph describes', async () => {
    await expectBadInput(
      [
        'evaluate',
        '--predictions',
        FIXTURE_PREDICTIONS,
        '--scores',
        'onnx_proba_1',
        '--order',
        '--data',
        HOLDOUT,
        '--label',
        'Churn',
      ],
      /cannot tell whether output 'onnx_proba_1' holds probabilities or logits: every value lies in \[0, 1\] and no graph says/,
      /Set --read-as probability or --read-as logit/,
    );
  });

  const ids = (rows: string[]) => tmp.write('ids.csv', `id,p\n${rows.join('\n')}\n`);
  const holdoutIds = tmp.write('holdout-ids.csv', 'id,y\na,0\nb,1\nc,0\nd,1\n');
  const byId = (file: string) => [
    'evaluate',
    '--predictions',
    file,
    '--scores',
    'p',
    '--id',
    'id',
    '--read-as',
    'probability',
    '--data',
    holdoutIds,
    '--label',
    'y',
  ];

  it('joins on an id in any order and counts predictions of other rows', async () => {
    const run = await ok([...byId(ids(['d,0.9', 'x,0.5', 'b,0.8', 'a,0.1', 'c,0.3']))]);
    expect(run.stdout).toMatch(/1 prediction row matched no holdout row/);
    expect(run.stdout).toMatch(/roc_auc\s+1\.0000/);
  });

  it.each([
    [
      'a holdout row without a prediction',
      ['a,0.1', 'b,0.8', 'c,0.3'],
      /1 holdout row has no prediction in .*ids.csv': id 'd' \(column 'id'\)/,
    ],
    [
      'a duplicated id',
      ['a,0.1', 'b,0.8', 'c,0.3', 'd,0.9', 'b,0.7'],
      /id 'b' \(column 'id'\) appears twice in the model's predictions '.*ids.csv': row 2 of 'ids.csv' and row 5 of 'ids.csv'/,
    ],
    ['an empty score', ['a,0.1', 'b,', 'c,0.3', 'd,0.9'], /score column 'p' is empty in row 2/],
  ])('refuses %s', async (_, rows, message) => {
    await expectBadInput(byId(ids(rows)), message);
  });

  it('refuses a row count that differs from the holdout when joined by order', async () => {
    const file = tmp.write('short.csv', 'p\n0.1\n0.2\n');
    await expectBadInput(
      [
        'evaluate',
        '--predictions',
        file,
        '--scores',
        'p',
        '--order',
        '--data',
        holdoutIds,
        '--label',
        'y',
      ],
      /short.csv' has 2 rows but holdout '.*holdout-ids.csv' has 4; order: true joins by row order/,
    );
  });

  it('refuses probabilities whose rows do not sum to 1', async () => {
    const file = tmp.write('two.csv', 'id,p0,p1\na,0.2,0.3\nb,0.5,0.5\nc,0.5,0.5\nd,0.5,0.5\n');
    await expectBadInput(
      [
        'evaluate',
        '--predictions',
        file,
        '--scores',
        'p0,p1',
        '--id',
        'id',
        '--read-as',
        'probability',
        '--data',
        holdoutIds,
        '--label',
        'y',
      ],
      /output 'p0, p1' is read as probabilities \(--read-as probability\), but row 1's 2 values sum to 0.5, not 1/,
    );
  });

  it('refuses NaN where logits are read', async () => {
    const file = tmp.write('nan.csv', 'id,z\na,0.2\nb,NaN\nc,1\nd,-1\n');
    await expectBadInput(
      [
        'evaluate',
        '--predictions',
        file,
        '--scores',
        'z',
        '--id',
        'id',
        '--read-as',
        'logit',
        '--data',
        holdoutIds,
        '--label',
        'y',
      ],
      /score column 'z' is empty in row 2|is NaN in row 2/,
    );
  });

  it('refuses a predictions entry that says neither id nor order, for a file predict did not write', async () => {
    await expectBadInput(
      [
        'gate',
        '--config',
        config('noid.yml', `{ predictions: ${FIXTURE_PREDICTIONS}, scores: onnx_proba_1 }`),
      ],
      /models.candidate does not say how the candidate model's predictions match the holdout's rows/,
      /Set models.candidate.id to a column both files hold, or models.candidate.order: true/,
    );
  });
});

describe('outcome tracking', () => {
  // Logged predictions: every holdout row, with a request id; labels arrived for rows whose
  // number is not a multiple of 3, in another order, plus 5 labels for requests logged elsewhere.
  const source = readFileSync(FIXTURE_PREDICTIONS, 'utf8').trimEnd().split('\n').slice(1);
  const logs = tmp.write(
    'logs.csv',
    `request_id,score\n${source
      .map((l) => {
        const [row, , , p] = l.split(',');
        return `r${row},${p}`;
      })
      .join('\n')}\n`,
  );
  const labeled = source.filter((l) => Number(l.split(',')[0]) % 3 !== 0).reverse();
  const labels = tmp.write(
    'outcomes.csv',
    `request_id,outcome\n${[
      ...labeled.map((l) => {
        const [row, y] = l.split(',');
        return `r${row},${y}`;
      }),
      'z1,0',
      'z2,1',
      'z3,0',
      'z4,1',
      'z5,0',
    ].join('\n')}\n`,
  );

  it('scores the predictions that have a label, as scikit-learn does, and counts the rest', async () => {
    const out = join(tmp.dir, 'outcomes.json');
    const run = await ok([
      'evaluate',
      '--predictions',
      logs,
      '--scores',
      'score',
      '--read-as',
      'probability',
      '--labels',
      labels,
      '--on',
      'request_id',
      '--out',
      out,
    ]);
    const report: EvaluateReport = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.outcomes).toEqual({
      on: 'request_id',
      predictions: 2110,
      labeled: 1406,
      unlabeled: 704,
      labels_without_prediction: 5,
    });
    expect(report.rows).toBe(1406);
    expect(report.label.column).toBe('outcome');
    // scikit-learn 1.2.1 on predictions_candidate_holdout.csv rows with row % 3 != 0:
    // roc_auc_score, accuracy_score(p >= 0.5), brier_score_loss, average_precision_score, f1_score.
    expect(report.metrics.roc_auc).toBeCloseTo(0.8472293947531502, 12);
    expect(report.metrics.accuracy).toBeCloseTo(0.8036984352773826, 12);
    expect(report.metrics.brier).toBeCloseTo(0.13656904219500407, 12);
    expect(report.metrics.average_precision).toBeCloseTo(0.6461429215686545, 12);
    expect(report.metrics.f1).toBeCloseTo(0.5868263473053892, 12);
    expect(run.stdout).toMatch(
      /1,406 of 2,110 predictions have a label \(joined on 'request_id'\); 704 have none yet and are not in the metrics; 5 labels matched no prediction/,
    );
  });

  it('counts a label row whose outcome is still empty as not yet labeled', async () => {
    const pending = tmp.write('pending.csv', 'request_id,outcome\nr1,0\nr2,\nr3,1\nr4,0\n');
    const out = join(tmp.dir, 'pending.json');
    await ok([
      'evaluate',
      '--predictions',
      logs,
      '--scores',
      'score',
      '--read-as',
      'probability',
      '--labels',
      pending,
      '--on',
      'request_id',
      '--out',
      out,
      '--quiet',
    ]);
    const report: EvaluateReport = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.outcomes).toMatchObject({
      labeled: 3,
      unlabeled: 2107,
      labels_without_prediction: 0,
    });
  });

  it('refuses a label that arrived twice, naming both rows', async () => {
    const twice = tmp.write('twice.csv', 'request_id,outcome\nr1,0\nr2,1\nr1,1\n');
    await expectBadInput(
      [
        'evaluate',
        '--predictions',
        logs,
        '--scores',
        'score',
        '--labels',
        twice,
        '--on',
        'request_id',
      ],
      /id 'r1' \(column 'request_id'\) appears twice in labels '.*twice.csv': row 1 of labels 'twice.csv' and row 3/,
    );
  });

  it('refuses --on without --labels, and a labels file with two candidate label columns', async () => {
    await expectBadInput(
      [
        'evaluate',
        '--predictions',
        logs,
        '--scores',
        'score',
        '--data',
        labels,
        '--on',
        'request_id',
        '--label',
        'outcome',
      ],
      /'evaluate' takes --data \(a holdout\) or --labels|--on joins --predictions to --labels/,
    );
    const wide = tmp.write('wide.csv', 'request_id,outcome,region\nr1,0,eu\n');
    await expectBadInput(
      [
        'evaluate',
        '--predictions',
        logs,
        '--scores',
        'score',
        '--labels',
        wide,
        '--on',
        'request_id',
      ],
      /has 2 columns besides 'request_id' \('outcome', 'region'\): which is the label\?/,
      /--label COLUMN/,
    );
  });
});

describe('evaluate --min / --max', () => {
  const base = EVALUATE_FIXTURE;
  it('exits 1 when a floor or a ceiling is crossed, 0 otherwise, and says which', async () => {
    const pass = await cli([...base, '--min', 'roc_auc=0.8', '--max', 'log_loss=0.5']);
    expect(pass.code, pass.stderr).toBe(0);
    expect(pass.stdout).toMatch(/PASS {6}roc_auc 0.8412 >= 0.8 \(point estimate on 2,110 rows\)/);
    const fail = await cli([...base, '--min', 'roc_auc=0.9']);
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(/FAIL {6}roc_auc 0.8412 >= 0.9/);
  });
  it.each([
    [
      ['--min', 'roc_aux=0.8'],
      /--min names 'roc_aux', which is not a metric/,
      /Did you mean 'roc_auc'\?/,
    ],
    [
      ['--min', 'log_loss=0.5'],
      /log_loss is lower-is-better, so a floor on it never fails a worse model/,
      /Use --max log_loss=0.5/,
    ],
    [['--min', 'r2=0.5'], /--min names 'r2', which this task does not compute/],
    [['--max', 'brier'], /--max 'brier': 'brier' is not METRIC=VALUE/],
  ] as [string[], ...RegExp[]][])('refuses %j', async (flags, ...patterns) => {
    await expectBadInput([...base, ...flags], ...patterns);
  });
});

describe('promoting a candidate gated from predictions', () => {
  it("promotes with --model when predict's files carry the model's sha256; refuses otherwise", async () => {
    await predict('candidate', 'promo.parquet');
    const report = `${config('promo.yml', `{ predictions: ${join(tmp.dir, 'promo.parquet')} }`)}.json`;
    await gate(join(tmp.dir, 'promo.yml'));
    const registry = join(tmp.dir, 'registry');
    const promote = (...extra: string[]) =>
      cli([
        'promote',
        '--registry',
        registry,
        '--model-name',
        'churn',
        '--report',
        report,
        ...extra,
      ]);
    const without = await promote();
    expect(without.code).toBe(EXIT.badInput);
    expect(without.stderr).toMatch(/gated the candidate from its predictions .*, not a model file/);
    expect(without.stderr).toMatch(/Pass --model FILE: the ONNX model the predictions came from/);
    const wrong = await promote('--model', join(TELCO, 'candidate_worse.onnx'));
    expect(wrong.code).toBe(EXIT.badInput);
    expect(wrong.stderr).toMatch(/sha256/);
    const right = await promote('--model', join(TELCO, 'candidate.onnx'));
    expect(right.code, right.stderr).toBe(0);
    expect(right.stdout).toMatch(/churn@v\d+\.\d+\.\d+/);

    const generic = `${config('generic.yml', `{ predictions: ${FIXTURE_PREDICTIONS}, scores: onnx_proba_1, order: true, read_as: probability }`)}.json`;
    await gate(join(tmp.dir, 'generic.yml'));
    const refused = await cli([
      'promote',
      '--registry',
      registry,
      '--model-name',
      'churn2',
      '--report',
      generic,
      '--model',
      join(TELCO, 'candidate.onnx'),
    ]);
    expect(refused.code).toBe(EXIT.badInput);
    expect(refused.stderr).toMatch(/predictions .* that do not record which model made them/);
  });
});

describe('score drift from predictions', () => {
  it("reference_predictions: the candidate's scores on the reference, drift as the ONNX run's", async () => {
    const REFERENCE = join(TELCO, 'reference.csv');
    await ok([
      'predict',
      '--model',
      join(TELCO, 'candidate.onnx'),
      '--data',
      HOLDOUT,
      '--out',
      join(tmp.dir, 'dh.parquet'),
      '--quiet',
    ]);
    await ok([
      'predict',
      '--model',
      join(TELCO, 'candidate.onnx'),
      '--data',
      REFERENCE,
      '--out',
      join(tmp.dir, 'dr.parquet'),
      '--quiet',
    ]);
    const withReference = (name: string, candidate: string) =>
      tmp.write(
        name,
        `label: Churn\nmodels:\n  candidate: ${candidate}\n  baseline: ${join(TELCO, 'baseline.onnx')}\ndata: { holdout: ${HOLDOUT}, reference: ${REFERENCE} }\nstatistics: { bootstrap: 100 }\n`,
      );
    const fromPredictions = await gate(
      withReference(
        'dp.yml',
        `{ predictions: ${join(tmp.dir, 'dh.parquet')}, reference_predictions: ${join(tmp.dir, 'dr.parquet')} }`,
      ),
    );
    const fromModel = await gate(withReference('dm.yml', join(TELCO, 'candidate.onnx')));
    expect(fromPredictions.drift?.prediction).toBeDefined();
    expect(fromPredictions.drift?.prediction).toEqual(fromModel.drift?.prediction);
    // Swapped: holdout predictions given as the reference's are refused by their holdout sha256.
    await expectBadInput(
      [
        'gate',
        '--config',
        withReference(
          'swap.yml',
          `{ predictions: ${join(tmp.dir, 'dh.parquet')}, reference_predictions: ${join(tmp.dir, 'dh.parquet')} }`,
        ),
      ],
      /the candidate's reference predictions '.*dh.parquet' scored a different holdout/,
    );
  });
});

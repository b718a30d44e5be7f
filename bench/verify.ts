/**
 * Checks generated bench inputs: the Parquet file holds exactly the CSV's values, both models
 * load and run in onnxruntime-node with the declared contract, the forest matches its plain-JS
 * re-implementation on 1000 rows, and both rank the label far better than chance.
 *
 *   node bench/out/bench/verify.js [dir]      (after generate.js; dir defaults to bench/out)
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { asyncBufferFromFile, parquetScan } from 'hyparquet';
import * as ort from 'onnxruntime-node';
import { buildForest, forestPredict } from './forest.js';
import { defaultBenchDir, existingBenchInputs } from './generate.js';
import { FEATURE_NAMES, LABEL, sigmoid, TRUE_MODEL } from './synth.js';

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`FAILED: ${what}`);
  process.stdout.write(`ok  ${what}\n`);
}

type Columns = Map<string, ArrayLike<number>>;

/** Every row of the CSV equals the Parquet row (Number(cell) === value); returns the first group. */
async function compareCsvParquet(csv: string, parquet: string, rows: number): Promise<Columns> {
  const scan = await parquetScan({ file: await asyncBufferFromFile(parquet) });
  const names = [...FEATURE_NAMES, LABEL];
  const lines = createInterface({ input: createReadStream(csv), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  const header = await it.next();
  check(header.value === names.join(','), 'CSV header is f0..f19,y');
  let first: Columns | undefined;
  let seen = 0;
  for (const { rowStart, rowEnd } of scan.ranges) {
    const cols: Columns = new Map();
    for (const column of names) {
      const data = await scan.readColumn({ column, rowStart, rowEnd });
      cols.set(column, data as ArrayLike<number>);
    }
    first ??= cols;
    for (let i = 0; i < rowEnd - rowStart; i++) {
      const line = await it.next();
      const cells = String(line.value).split(',');
      names.forEach((name, j) => {
        const value = (cols.get(name) as ArrayLike<number>)[i];
        if (Number(cells[j]) !== value || cells.length !== names.length) {
          throw new Error(`row ${rowStart + i} ${name}: CSV ${cells[j]}, Parquet ${value}`);
        }
      });
      seen++;
    }
  }
  check((await it.next()).done === true && seen === rows, `CSV and Parquet: ${seen} equal rows`);
  return first ?? new Map();
}

/** Mann-Whitney AUC with midranks for ties. */
function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && scores[order[j] as number] === scores[order[i] as number]) j++;
    for (let k = i; k < j; k++) {
      if (labels[order[k] as number]) {
        rankSum += (i + j + 1) / 2;
        positives++;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

async function run(path: string, cols: Columns, n: number) {
  const session = await ort.InferenceSession.create(path);
  check(
    session.inputNames.join() === FEATURE_NAMES.join() &&
      session.outputNames.join() === 'label,probabilities',
    `${path}: inputs f0..f19, outputs label, probabilities`,
  );
  const feeds: Record<string, ort.Tensor> = {};
  for (const name of FEATURE_NAMES) {
    const values = Float32Array.from({ length: n }, (_, i) => cols.get(name)?.[i] ?? Number.NaN);
    feeds[name] = new ort.Tensor('float32', values, [n, 1]);
  }
  const out = await session.run(feeds);
  const label = out.label as ort.Tensor;
  const probabilities = out.probabilities as ort.Tensor;
  check(
    label.type === 'int64' &&
      label.dims.join() === `${n}` &&
      probabilities.type === 'float32' &&
      probabilities.dims.join() === `${n},2`,
    `${path}: label int64 [${n}], probabilities float32 [${n},2]`,
  );
  return { label: label.data as BigInt64Array, p: probabilities.data as Float32Array };
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? defaultBenchDir();
  const inputs = existingBenchInputs(dir);
  if (!inputs) throw new Error(`no current bench inputs in ${dir}: run generate.js first`);
  const cols = await compareCsvParquet(inputs.csv, inputs.parquet, inputs.rows);
  const n = Math.min(100_000, inputs.rows);
  const y = cols.get(LABEL) as ArrayLike<number>;
  const row = (i: number) => FEATURE_NAMES.map((f) => cols.get(f)?.[i] ?? Number.NaN);

  const lr = await run(inputs.logistic, cols, n);
  let maxLr = 0;
  for (let i = 0; i < Math.min(n, 1000); i++) {
    const z = row(i).reduce((s, x, j) => s + (TRUE_MODEL.coefficients[j] as number) * x, 0);
    maxLr = Math.max(
      maxLr,
      Math.abs((lr.p[2 * i + 1] as number) - sigmoid(TRUE_MODEL.intercept + z)),
    );
  }
  check(
    maxLr < 1e-5,
    `logistic P(1) within 1e-5 of the true model (max diff ${maxLr.toExponential(2)})`,
  );

  const fo = await run(inputs.forest, cols, n);
  const trees = buildForest();
  let maxFo = 0;
  let labels = 0;
  for (let i = 0; i < Math.min(n, 1000); i++) {
    const [p0, p1] = forestPredict(trees, row(i));
    maxFo = Math.max(
      maxFo,
      Math.abs(p0 - (fo.p[2 * i] as number)),
      Math.abs(p1 - (fo.p[2 * i + 1] as number)),
    );
    if (fo.label[i] !== (p1 > 0.5 ? 1n : 0n)) labels++;
  }
  check(
    maxFo <= 1e-6 && labels === 0,
    `forest = JS trees on 1000 rows (max diff ${maxFo}, ${labels} labels differ)`,
  );

  for (const [name, m] of [
    ['logistic', lr],
    ['forest', fo],
  ] as const) {
    const p1 = m.p.filter((_, k) => k % 2 === 1);
    let lo = 1;
    let hi = 0;
    let sumErr = 0;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, p1[i] as number);
      hi = Math.max(hi, p1[i] as number);
      sumErr = Math.max(sumErr, Math.abs((m.p[2 * i] as number) + (p1[i] as number) - 1));
    }
    const a = auc(p1, y);
    check(
      lo >= 0 && hi <= 1 && hi - lo > 0.3 && sumErr < 1e-6 && a > 0.75,
      `${name}: P(1) in [${lo.toFixed(4)}, ${hi.toFixed(4)}], rows sum to 1, AUC ${a.toFixed(4)} on ${n} rows`,
    );
  }
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i] as number;
  process.stdout.write(`positive rate ${(positives / n).toFixed(4)} in the first ${n} rows\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

#!/usr/bin/env node
/**
 * npm run bench:serving: what the serving rules (issue 13) cost a gate, and how steady the
 * memory figure is. The bundled CLI (dist/cli, `npm run build` first) gates the shipped Telco
 * fixtures, BENCH_REPEATS rounds (default 5), each run a process of its own, with:
 *
 * - the metric rules only (the floor);
 * - plus a latency rule at batch 1 (interleaved rounds, about 3 s by design);
 * - plus memory rules at batch 1 and 256 (a probe process per model and batch).
 *
 * It prints each configuration's median wall time and what it adds, and each model's peak
 * memory over the rounds (min, median, max). Results go to bench/out/serving.json. Nothing here
 * is asserted by a test.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const OUT = 'bench/out/serving';
const TELCO = resolve('fixtures/classification_telco_churn');
mkdirSync(OUT, { recursive: true });

const CONFIGS = {
  'metric rules only': [],
  'plus latency at batch 1': ['{ latency: { p95_ms: { max: 50 }, batch: 1 } }'],
  'plus memory at batches 1 and 256': [
    // vs_baseline: both models are probed (a peak_mb rule alone probes only the candidate).
    '{ memory: { vs_baseline: { max_ratio: 100 }, batch: 1 } }',
    '{ memory: { vs_baseline: { max_ratio: 100 }, batch: 256 } }',
  ],
};

function config(name, extra) {
  const path = join(OUT, `${name.replaceAll(' ', '-')}.yml`);
  const rules = [
    '{ metric: roc_auc, vs_baseline: { max_drop: 0.01 } }',
    '{ metric: log_loss, vs_baseline: { max_drop: 0.02 } }',
    ...extra,
  ];
  writeFileSync(
    path,
    `version: 1
label: Churn
models: { candidate: ${TELCO}/candidate.onnx, baseline: ${TELCO}/baseline.onnx }
data: { holdout: ${TELCO}/holdout.csv }
rules:
${rules.map((r) => `  - ${r}`).join('\n')}
statistics: { bootstrap: 1000, seed: 42 }
`,
  );
  return path;
}

function gate(path, out) {
  const t = performance.now();
  execFileSync(
    process.execPath,
    ['dist/cli/index.js', 'gate', '--config', path, '--out', out, '--threads', '2', '--quiet'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return performance.now() - t;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => ({
  min: Math.min(...xs),
  median: median(xs),
  max: Math.max(...xs),
});

const times = Object.fromEntries(Object.keys(CONFIGS).map((name) => [name, []]));
const peaks = {};
for (let round = 0; round < REPEATS; round++) {
  for (const [name, extra] of Object.entries(CONFIGS)) {
    const out = join(OUT, 'report.json');
    times[name].push(gate(config(name, extra), out));
    const report = JSON.parse(readFileSync(out, 'utf8'));
    for (const m of report.serving?.memory ?? []) {
      for (const side of ['candidate', 'baseline']) {
        if (m[side] === null) continue;
        const key = `${side} at batch ${m.batch}`;
        peaks[key] = [...(peaks[key] ?? []), m[side].peak_mb];
      }
    }
  }
}

const floor = median(times['metric rules only']);
const result = {
  repeats: REPEATS,
  gates: Object.entries(times).map(([name, ms]) => ({
    name,
    ms: Math.round(median(ms)),
    adds_ms: Math.round(median(ms) - floor),
  })),
  peak_mb: Object.fromEntries(
    Object.entries(peaks).map(([key, mbs]) => {
      const s = spread(mbs);
      return [key, { ...s, spread_pct: Math.round(((s.max - s.min) / s.median) * 1000) / 10 }];
    }),
  ),
};
writeFileSync(join('bench/out', 'serving.json'), `${JSON.stringify(result, null, 2)}\n`);
for (const g of result.gates) {
  console.log(`${g.name.padEnd(36)} ${String(g.ms).padStart(6)} ms  (+${g.adds_ms} ms)`);
}
for (const [key, s] of Object.entries(result.peak_mb)) {
  console.log(
    `peak memory, ${key.padEnd(24)} ${s.min.toFixed(2)} / ${s.median.toFixed(2)} / ${s.max.toFixed(2)} MiB (min / median / max; ${s.spread_pct}% apart)`,
  );
}

import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { stderrProgress } from '../../src/cli/progress.js';

describe('progress lines', () => {
  it('stay quiet for a short stage, then print at most every two seconds', () => {
    let now = 0;
    const lines: string[] = [];
    const progress = stderrProgress(
      (l) => lines.push(l),
      () => now,
    );
    progress.stage('reading holdout big.csv');
    now = 500;
    progress.update(10, 100, 'bytes');
    expect(lines).toEqual([]);
    now = 1500;
    progress.update(200 * 2 ** 20, 400 * 2 ** 20, 'bytes');
    expect(lines).toEqual([
      'model-gate: reading holdout big.csv ...',
      'model-gate: reading holdout big.csv: 50% (200 of 400 MiB)',
    ]);
    now = 2500;
    progress.update(300, 400, 'bytes');
    expect(lines).toHaveLength(2);
    progress.stage('running m.onnx on 1,000,000 rows');
    now = 5000;
    progress.update(250_000, 1_000_000, 'rows');
    expect(lines.at(-1)).toBe(
      'model-gate: running m.onnx on 1,000,000 rows: 25% (250,000 of 1,000,000 rows)',
    );
  });
});

describe('--quiet', () => {
  // A clock that jumps 10 s a reading: every stage is "long", so any progress would print.
  const io = () => {
    let t = 0;
    const out = { stdout: '', stderr: '' };
    return {
      out,
      io: {
        stdout: (s: string) => {
          out.stdout += s;
        },
        stderr: (s: string) => {
          out.stderr += s;
        },
        now: () => {
          t += 10_000;
          return t;
        },
      },
    };
  };
  const telco = resolve('fixtures/classification_telco_churn');
  const args = ['--model', join(telco, 'candidate.onnx'), '--data', join(telco, 'holdout.csv')];

  it('prints nothing but errors, progress included; without it the progress shows', async () => {
    const quiet = io();
    const code = await main(['evaluate', ...args, '--label', 'Churn', '--quiet'], quiet.io);
    expect(code).toBe(0);
    expect(quiet.out).toEqual({ stdout: '', stderr: '' });
    const loud = io();
    expect(await main(['evaluate', ...args, '--label', 'Churn'], loud.io)).toBe(0);
    expect(loud.out.stderr).toMatch(/^model-gate: /m);
  });
});

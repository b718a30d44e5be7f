/** What the headline lists before anything else (src/domain/gate/risks.ts). */
import { describe, expect, it } from 'vitest';
import { risks } from '../../../src/domain/gate/risks.js';

const sha = (c: string) => c.repeat(64);
interface Case {
  same?: boolean;
  holdoutIsReference?: boolean;
  breaking?: boolean;
  p50?: number[];
  bytes?: number[];
}
function report(o: Case) {
  const latency = (ms: number) => ({ batch_rows: 256, runs: 30, p50_ms: ms, p95_ms: ms * 1.2 });
  return {
    models: {
      candidate: { sha256: sha('a'), source: 'onnx' },
      baseline: { sha256: o.same ? sha('a') : sha('b'), source: 'onnx' },
    },
    data: {
      holdout: { sha256: sha('c') },
      reference: { sha256: o.holdoutIsReference ? sha('c') : sha('d') },
    },
    card_diff: {
      contract: {
        inputs: o.breaking ? [{}, {}] : [],
        outputs: [],
        opsets: o.breaking ? [{}] : [],
        breaking: o.breaking ?? false,
        latency: { before: latency(o.p50?.[0] ?? 1), after: latency(o.p50?.[1] ?? 1) },
        bytes: { before: o.bytes?.[0] ?? 1000, after: o.bytes?.[1] ?? 1000 },
      },
    },
  } as unknown as Parameters<typeof risks>[0];
}

describe('risks', () => {
  it('none for two different, similar models on a holdout of their own', () => {
    expect(risks(report({ p50: [1, 1.5], bytes: [1000, 1900] }))).toEqual([]);
  });
  it.each([
    [{ same: true }, /candidate and baseline are the same model \(sha256 aaaaaaaaaaaa\)/],
    [{ holdoutIsReference: true }, /the holdout is the reference data/],
    [{ breaking: true }, /breaking contract change \(2 input changes, 1 opset change\)/],
    [
      { p50: [0.05, 0.85] },
      /latency ≈ 20× the baseline's: p50 ≈ 0\.8 ms vs ≈ 0\.05 ms per 256-row batch/,
    ],
    [{ bytes: [1536, 114688] }, /model size 75× the baseline's: 112\.0 KiB vs 1\.5 KiB/],
  ] as [Case, RegExp][])('%j', (o, message) => {
    const found = risks(report(o));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });
});

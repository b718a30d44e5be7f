import { describe, expect, it } from 'vitest';
import { parseNumberFast, parseNumberText } from '../../src/data/csv/number.js';

const enc = new TextEncoder();

/** What the reader stores for a cell: the fast path, else Number() as the reader falls back. */
function parsed(text: string): number {
  const bytes = enc.encode(text);
  const v = parseNumberFast(bytes, 0, bytes.length);
  if (!Number.isNaN(v)) return v;
  const cell = parseNumberText(text);
  return cell.kind === 'number' ? cell.value : Number.NaN;
}

function lcg(seed: bigint): () => number {
  let s = seed;
  return () => {
    s = (s * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    return Number(s >> 11n) / 2 ** 53;
  };
}

describe('parseNumberFast', () => {
  it('gives the same double as Number() on 200k spellings, near-ties included', () => {
    const rnd = lcg(20261123n);
    let mismatches = 0;
    const check = (text: string) => {
      if (!Object.is(parsed(text), Number(text))) mismatches++;
    };
    for (let i = 0; i < 40_000; i++) {
      const x = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 30 - 12);
      check(String(x));
      check(x.toPrecision(1 + Math.floor(rnd() * 19)));
      check(x.toFixed(Math.floor(rnd() * 12)));
      // Halfway between x and the next double, to 17-19 digits: the hardest case to round.
      const mid = x + (Math.abs(x) * 2.220446049250313e-16) / 2;
      check(mid.toPrecision(17 + Math.floor(rnd() * 3)));
      check(String(Math.fround(x)));
    }
    expect(mismatches).toBe(0);
  });

  it.each([
    ['9007199254740993', 2 ** 53],
    ['0.30000000000000004', 0.30000000000000004],
    ['1234567890123456789', 1234567890123456800],
    ['  12.5 ', 12.5],
    ['+3', 3],
    ['-0', -0],
    ['1e22', 1e22],
    ['1e23', 1e23],
    ['.5', 0.5],
    ['5.', 5],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
  ])('%s', (text, expected) => {
    expect(Object.is(parsed(text), expected)).toBe(true);
  });

  it.each(['', 'NaN', 'nan', 'NA', 'N/A', 'null', 'None'])('%j is missing', (text) => {
    expect(parseNumberText(text).kind).toBe('missing');
  });

  it.each(['0x10', '1_000', '1,5', 'abc', '1e', '--1', '1.2.3', 'True'])('%j is text', (text) => {
    expect(parseNumberText(text).kind).toBe('text');
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/data/csv/reader.js';
import type { CategoryColumn, NumericColumn } from '../../src/data/table.js';
import { InputError } from '../../src/domain/errors.js';
import { HOUSING, hostileCsv, readSimpleCsv, TELCO } from '../support/fixtures.js';
import { tempDir } from '../support/tmp.js';

const tmp = tempDir();

function num(table: Awaited<ReturnType<typeof readCsv>>['table'], name: string): NumericColumn {
  const c = table.columns.get(name);
  if (c?.kind !== 'number') throw new Error(`${name} is not numeric`);
  return c;
}
function cat(table: Awaited<ReturnType<typeof readCsv>>['table'], name: string): CategoryColumn {
  const c = table.columns.get(name);
  if (c?.kind !== 'category') throw new Error(`${name} is not a category`);
  return c;
}
function strings(c: CategoryColumn): string[] {
  return Array.from(c.codes, (code) => (code < 0 ? '' : (c.levels[code] as string)));
}

describe('readCsv on the fixtures', () => {
  it('reads the Telco holdout: numbers as numbers, text as categories, in file order', async () => {
    const { table, sha256, bytes } = await readCsv(join(TELCO, 'holdout.csv'));
    expect(table.rows).toBe(2110);
    expect(bytes).toBe(264049);
    // sha256 from fixtures/README.md
    expect(sha256).toBe('2a74f1154410e2f6cc8b9121174b8455825b4202cc89c0c08cbbd3b22785ec7b');
    expect(table.header.at(-1)).toBe('Churn');
    expect(num(table, 'MonthlyCharges').values[0]).toBe(
      Number(readSimpleCsv(join(TELCO, 'holdout.csv')).rows[0]?.[2]),
    );
    expect(cat(table, 'PaymentMethod').levels).toContain('Credit card (automatic)');
    expect(num(table, 'Churn').missing).toBe(0);
  });

  it('parses every numeric cell to the same double as Number()', async () => {
    const simple = readSimpleCsv(join(HOUSING, 'holdout.csv'));
    const { table } = await readCsv(join(HOUSING, 'holdout.csv'));
    simple.header.forEach((name, c) => {
      const column = table.columns.get(name);
      if (column?.kind !== 'number') return;
      simple.rows.forEach((row, r) => {
        const expected = row[c] === '' ? Number.NaN : Number(row[c]);
        expect(Object.is(column.values[r], expected) || column.values[r] === expected).toBe(true);
      });
    });
  });

  it('gives identical columns for a quoted, CRLF, BOM, column-reordered copy', async () => {
    const path = join(TELCO, 'holdout.csv');
    const simple = readSimpleCsv(path);
    const copy = tmp.write('hostile.csv', hostileCsv(simple.header, simple.rows));
    const a = (await readCsv(path)).table;
    const b = (await readCsv(copy)).table;
    expect(b.rows).toBe(a.rows);
    expect([...b.header].reverse()).toEqual([...a.header]);
    for (const name of a.header) {
      const ca = a.columns.get(name);
      const cb = b.columns.get(name);
      expect(cb?.kind).toBe(ca?.kind);
      if (ca?.kind === 'number' && cb?.kind === 'number') expect(cb.values).toEqual(ca.values);
      if (ca?.kind === 'category' && cb?.kind === 'category')
        expect(strings(cb)).toEqual(strings(ca));
    }
  });
});

describe('readCsv on RFC 4180 corners', () => {
  it('handles quoted delimiters, quotes and line breaks, and reports missing cells', async () => {
    const path = tmp.write(
      'corners.csv',
      'id,note,x\n1,"a, b",1.5\n2,"say ""hi""",\n3,"two\nlines",-2e3\n\n4,plain,NaN\n',
    );
    const { table } = await readCsv(path);
    expect(table.rows).toBe(4);
    expect(strings(cat(table, 'note'))).toEqual(['a, b', 'say "hi"', 'two\nlines', 'plain']);
    const x = num(table, 'x');
    expect(Array.from(x.values)).toEqual([1.5, Number.NaN, -2000, Number.NaN]);
    expect(x.missing).toBe(2);
  });

  it('reads a last row without a line end, and CR-only line ends', async () => {
    expect((await readCsv(tmp.write('noeol.csv', 'a,b\n1,2\n3,4'))).table.rows).toBe(2);
    const cr = (await readCsv(tmp.write('cr.csv', 'a,b\r1,2\r3,4\r'))).table;
    expect(Array.from(num(cr, 'b').values)).toEqual([2, 4]);
  });

  it('keeps a column that turns to text late as a category with every original cell', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},${i < 4999 ? i * 2 : 'n/a-ish'}`);
    const { table } = await readCsv(tmp.write('late.csv', `a,b\n${rows.join('\n')}\n`));
    const b = cat(table, 'b');
    expect(strings(b)[10]).toBe('20');
    expect(strings(b)[4999]).toBe('n/a-ish');
    expect(num(table, 'a').values[4999]).toBe(4999);
  });

  it('reads records longer than its buffer', async () => {
    const long = 'x'.repeat(9_000_000);
    const { table } = await readCsv(tmp.write('long.csv', `a,b\n"${long}",1\nshort,2\n`));
    expect(strings(cat(table, 'a'))[0]?.length).toBe(9_000_000);
    expect(Array.from(num(table, 'b').values)).toEqual([1, 2]);
  });

  it('stores float32 columns as the float32 of the exact double', async () => {
    const { table } = await readCsv(tmp.write('f32.csv', 'a\n0.1\n3497.0\n'), {
      columns: [{ name: 'a', type: 'float32' }],
    });
    const a = num(table, 'a');
    expect(a.values).toBeInstanceOf(Float32Array);
    expect(Array.from(a.values)).toEqual([Math.fround(0.1), 3497]);
  });

  it('names unnamed header cells as pandas does', async () => {
    const { table } = await readCsv(tmp.write('unnamed.csv', ',a\n0,1\n'));
    expect(table.header).toEqual(['Unnamed: 0', 'a']);
  });
});

describe('readCsv errors name the file, row, line and column', () => {
  const cases: [string, string, RegExp][] = [
    ['empty', '', /is empty/],
    ['ragged', 'a,b\n1,2\n3\n', /row 2 \(line 3\) has 1 fields but the header has 2/],
    ['unclosed', 'a,b\n1,"2\n', /never closed/],
    ['junk after quote', 'a,b\n1,"2"x\n', /followed by 'x'/],
    ['duplicate header', 'a,b,a\n1,2,3\n', /column 'a' appears twice/],
  ];
  it.each(cases)('%s', async (name, content, message) => {
    const path = tmp.write(`${name.replaceAll(' ', '_')}.csv`, content);
    await expect(readCsv(path, { role: 'holdout' })).rejects.toThrow(message);
    await expect(readCsv(path, { role: 'holdout' })).rejects.toThrow(InputError);
  });

  it('text in a numeric input names row, line and column', async () => {
    const path = tmp.write('text.csv', 'a,b\n1,2\n3,abc\n');
    await expect(
      readCsv(path, {
        role: 'holdout',
        columns: [{ name: 'b', type: 'float32', purpose: "model input 'b' (float)" }],
      }),
    ).rejects.toThrow(
      /row 2 \(line 3\), column 'b': 'abc' is not a number, as model input 'b' \(float\) needs/,
    );
  });

  it('a missing file and an unknown column', async () => {
    await expect(readCsv(join(tmp.dir, 'nope.csv'), { role: 'holdout' })).rejects.toThrow(
      /holdout '.*nope.csv' does not exist/,
    );
    const path = tmp.write('cols.csv', 'tenure,Churn\n1,0\n');
    await expect(readCsv(path, { columns: [{ name: 'Tenure', type: 'auto' }] })).rejects.toThrow(
      InputError,
    );
  });
});

describe('readCsv across buffer boundaries', () => {
  it('agrees with the generating arrays on 300k mixed rows (quotes, CRLF, blanks, missing cells)', async () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const n = 300_000;
    const xs = new Float64Array(n);
    const labels: string[] = [];
    const parts: string[] = ['x,label,note\n'];
    for (let i = 0; i < n; i++) {
      const x = rnd() < 0.01 ? Number.NaN : (rnd() - 0.5) * 10 ** Math.floor(rnd() * 8);
      xs[i] = x;
      const label = rnd() < 0.5 ? 'yes' : 'no, really';
      labels.push(label);
      const xText = Number.isNaN(x) ? '' : rnd() < 0.1 ? `"${x}"` : String(x);
      const end = rnd() < 0.2 ? '\r\n' : '\n';
      const blank = rnd() < 0.01 ? '\n' : '';
      parts.push(
        `${xText},"${label}",${rnd() < 0.05 ? '"multi\nline ""quoted"""' : 'plain'}${end}${blank}`,
      );
    }
    const { table } = await readCsv(tmp.write('big-mixed.csv', parts.join('')));
    expect(table.rows).toBe(n);
    const x = num(table, 'x');
    let mismatches = 0;
    for (let i = 0; i < n; i++) if (!Object.is(x.values[i], xs[i])) mismatches++;
    expect(mismatches).toBe(0);
    expect(strings(cat(table, 'label'))).toEqual(labels);
    // No level from a field cut at a buffer boundary.
    expect(new Set(cat(table, 'note').levels)).toEqual(new Set(['plain', 'multi\nline "quoted"']));
  });
});

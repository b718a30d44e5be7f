/**
 * A CSV body read on several threads (src/data/csv/parts.ts) is the single-threaded read, value for
 * value: rows, every column's values or codes and levels, missing counts, and the same error for a
 * bad record. The compiled worker in lib/app/ (npm test builds it before vitest runs) reads the
 * parts after the first; tiny parts make every case cross several of them.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workerScript } from '../../src/app/worker-script.js';
import { readCsv } from '../../src/data/csv/reader.js';
import type { ColumnRequest, Table } from '../../src/data/table.js';
import { rng } from '../support/rng.js';
import { tempDir } from '../support/tmp.js';

const worker = workerScript(pathToFileURL(resolve('lib/cli/index.js')).href) as URL;
const tmp = tempDir();

/** Reads `csv` on one thread and on `threads` threads with parts of about `minPartBytes`. */
async function bothWays(
  name: string,
  csv: string | Uint8Array,
  columns?: ColumnRequest[],
  threads = 4,
  minPartBytes = 64,
) {
  const path = tmp.write(name, csv);
  const one = await readCsv(path, columns ? { columns } : {});
  const many = await readCsv(path, {
    ...(columns ? { columns } : {}),
    parallel: { worker, threads, minPartBytes },
  });
  return { one: one.table, many: many.table, sha: [one.sha256, many.sha256] };
}

/** The table as plain data, typed arrays copied out of whatever memory holds them. */
function plain(table: Table) {
  return {
    rows: table.rows,
    header: table.header,
    columns: [...table.columns].map(([name, c]) =>
      c.kind === 'number'
        ? {
            name,
            kind: c.kind,
            type: c.values.constructor.name,
            values: [...c.values],
            missing: c.missing,
          }
        : { name, kind: c.kind, codes: [...c.codes], levels: c.levels, missing: c.missing },
    ),
  };
}

async function errorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the read to fail');
}

describe('a CSV read on several threads', () => {
  it('finds the compiled worker (run npm run build first; npm test does)', () => {
    expect(worker).not.toBeNull();
  });

  it('gives the one-thread table: numbers, categories first seen in later parts, missing cells', async () => {
    const draw = rng(12);
    const lines = ['id,x,city,score,flag'];
    for (let i = 0; i < 400; i++) {
      // Cities appear in a different order in each part; some only in the last.
      const city = i < 100 ? `c${i % 3}` : i < 300 ? `c${(i * 7) % 11}` : `late${i % 5}`;
      const x = draw() < 0.1 ? '' : (draw() * 200 - 100).toFixed(6);
      const score = draw() < 0.05 ? '' : String(draw());
      lines.push(`${i},${x},${draw() < 0.05 ? '' : city},${score},${i % 2 === 0 ? 'yes' : 'no'}`);
    }
    const { one, many, sha } = await bothWays('mixed.csv', `${lines.join('\n')}\n`);
    expect(one.rows).toBe(400);
    expect(plain(many)).toEqual(plain(one));
    expect(sha[1]).toBe(sha[0]);
  });

  it('reads the types asked for, float32 included', async () => {
    const lines = ['a,b,c'];
    for (let i = 0; i < 300; i++) lines.push(`${i / 7},${(i * 0.1).toFixed(1)},k${i % 4}`);
    const columns: ColumnRequest[] = [
      { name: 'a', type: 'float32' },
      { name: 'b', type: 'float64' },
      { name: 'c', type: 'string' },
    ];
    const { one, many } = await bothWays('typed.csv', `${lines.join('\n')}\n`, columns);
    expect(plain(many)).toEqual(plain(one));
    expect(plain(many).columns[0]?.type).toBe('Float32Array');
  });

  it('closes the gaps blank lines leave, with CRLF line ends and no line end at the end', async () => {
    const lines = ['x,y'];
    for (let i = 0; i < 300; i++) lines.push(i % 17 === 0 ? '' : `${i},v${i % 9}`);
    lines.push('', '', '999,last');
    const { one, many } = await bothWays('blank.csv', lines.join('\r\n'));
    expect(one.rows).toBe(300 - 18 + 1);
    expect(plain(many)).toEqual(plain(one));
  });

  it('reads an auto column as text when only a later part holds text', async () => {
    const lines = ['n,t'];
    for (let i = 0; i < 300; i++) lines.push(`${i},${i < 290 ? i * 2 : `word${i}`}`);
    const { one, many } = await bothWays('late-text.csv', `${lines.join('\n')}\n`);
    expect(one.columns.get('t')?.kind).toBe('category');
    expect(plain(many)).toEqual(plain(one));
  });

  it('keeps a quoted field whole, line break and all, by reading on one thread', async () => {
    const lines = ['id,note'];
    for (let i = 0; i < 200; i++)
      lines.push(i % 2 === 0 ? `${i},"two\nlines, ${i}"` : `${i},n${i}`);
    const { one, many } = await bothWays('quoted.csv', `${lines.join('\n')}\n`, undefined, 8);
    expect(one.rows).toBe(200);
    expect(plain(many)).toEqual(plain(one));
  });

  it('reports a bad record in a later part by its row and line in the file', async () => {
    const base = Array.from({ length: 300 }, (_, i) => `${i},${i % 5},k${i % 3}`);
    const cases: Array<[string, string[], ColumnRequest[] | undefined]> = [
      ['fields', base.map((l, i) => (i === 250 ? `${l},extra` : l)), undefined],
      [
        'cell',
        base.map((l, i) => (i === 260 ? `${i},oops,k1` : l)),
        [{ name: 'b', type: 'float32', purpose: "model input 'b' (float)" }],
      ],
    ];
    for (const [name, rows, columns] of cases) {
      const text = `a,b,c\n${rows.slice(0, 100).join('\n')}\n\n\n${rows.slice(100).join('\n')}\n`;
      const path = tmp.write(`bad-${name}.csv`, text);
      const one = await errorOf(readCsv(path, columns ? { columns } : {}));
      const many = await errorOf(
        readCsv(path, {
          ...(columns ? { columns } : {}),
          parallel: { worker, threads: 4, minPartBytes: 64 },
        }),
      );
      expect(many).toBe(one);
      expect(one).toMatch(/row 2[56]1 \(line 2[56]4\)/);
    }
  });

  it('reports the first bad record when two parts hold one', async () => {
    const rows = Array.from({ length: 300 }, (_, i) =>
      i === 40 || i === 280 ? `${i},x,y,z` : `${i},1,k`,
    );
    const path = tmp.write('two-bad.csv', `a,b,c\n${rows.join('\n')}\n`);
    const message = await errorOf(
      readCsv(path, { parallel: { worker, threads: 4, minPartBytes: 64 } }),
    );
    expect(message).toContain('row 41 (line 42) has 4 fields');
  });

  it('reports progress up to the whole file', async () => {
    const lines = ['a'];
    for (let i = 0; i < 1000; i++) lines.push(String(i));
    const path = tmp.write('progress.csv', `${lines.join('\n')}\n`);
    const seen: Array<[number, number]> = [];
    await readCsv(path, {
      parallel: { worker, threads: 2, minPartBytes: 64 },
      onProgress: (done, total) => seen.push([done, total]),
    });
    const last = seen.at(-1) as [number, number];
    expect(last[0]).toBe(last[1]);
    expect(seen.every(([d, t]) => d <= t)).toBe(true);
  });
});

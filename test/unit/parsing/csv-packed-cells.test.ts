import { expect } from 'chai';
import type { ColumnSpec } from '../../../src/domain/model/parser-options.js';
import { batchRows, type Value } from '../../../src/domain/model/record-batch.js';
import { createParser } from '../../../src/domain/parsing/create-parser.js';
import { chunked, csvOptions, parseAll, rng } from './parse-helpers.js';

// The CSV parser writes each cell straight into its batch's packed slots (src/domain/parsing/batch-builder.ts,
// PackedBatchRows). Here the expected rows come from the generator itself: every cell is written from a value
// chosen first, so the test knows what each row must read back as, and which rows must be rejected.

const COLUMNS: ColumnSpec[] = [
  { name: 'id', type: 'long' },
  { name: 'name', type: 'string' },
  { name: 'price', type: 'double' },
  { name: 'ok', type: 'boolean' },
  { name: 'at', type: 'timestamp', format: '%Y-%m-%d %H:%M:%S' },
  { name: 'doc', type: 'json' },
  { name: 'note', type: 'string' },
];

const STRINGS = ['', 'a', 'exactly12chr', 'thirteen_char', 'é', 'ééééé', 'éééééé', 'ééééééé', '日本語のテキスト', '🙂', 'a "quoted" one', 'comma, inside', 'line\nbreak', 'long '.repeat(20)];

const JSON_SAFE = STRINGS.filter((s) => !/["\n]/.test(s));

interface Cell {
  readonly text: string;
  readonly value: Value;
  readonly invalid?: boolean;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function cell(type: string, next: () => number): Cell {
  const roll = next();
  if (roll < 0.06) return { text: '', value: null };
  // Embulk reads any text other than its TRUE strings as false, so for booleans this is not a reject.
  if (roll < 0.09 && type !== 'string') return type === 'boolean' ? { text: 'not-a-value', value: false } : { text: 'not-a-value', value: null, invalid: true };
  switch (type) {
    case 'long': {
      const n = Math.floor((next() - 0.5) * 2 ** (1 + Math.floor(next() * 53)));
      return next() < 0.1 ? { text: quote(String(n)), value: n } : { text: String(n), value: n };
    }
    case 'double': {
      const x = Math.round((next() - 0.5) * 1e6) / 100;
      return { text: String(x), value: x };
    }
    case 'boolean': {
      const b = next() < 0.5;
      return { text: b ? 'true' : 'false', value: b };
    }
    case 'timestamp': {
      // 1901-2099, pre-1970 instants included (negative microseconds).
      const year = 1901 + Math.floor(next() * 199);
      const month = 1 + Math.floor(next() * 12);
      const day = 1 + Math.floor(next() * 28);
      const [h, m, s] = [Math.floor(next() * 24), Math.floor(next() * 60), Math.floor(next() * 60)];
      const text = `${year}-${pad(month)}-${pad(day)} ${pad(h)}:${pad(m)}:${pad(s)}`;
      return { text: next() < 0.1 ? quote(text) : text, value: new Date(Date.UTC(year, month - 1, day, h, m, s)) };
    }
    case 'json': {
      // No backslashes in the JSON text: the default escape character is one.
      const value = next() < 0.5 ? { k: Math.floor(next() * 1000), s: JSON_SAFE[Math.floor(next() * JSON_SAFE.length)]! } : [1, 'two', null];
      return { text: quote(JSON.stringify(value)), value };
    }
    default: {
      const s = STRINGS[Math.floor(next() * STRINGS.length)]!;
      // An empty quoted value is an empty string; an empty unquoted one is NULL (handled above).
      return { text: s === '' || /[",\n]/.test(s) || next() < 0.2 ? quote(s) : s, value: s };
    }
  }
}

function randomCsv(seed: number, rows: number): { text: string; expected: Value[][]; rejected: number[] } {
  const next = rng(seed);
  const lines = ['id,name,price,ok,at,doc,note'];
  const expected: Value[][] = [];
  const rejected: number[] = [];
  let line = 2;
  for (let r = 0; r < rows; r++) {
    const cells = COLUMNS.map((c) => cell(c.type, next));
    const text = cells.map((c) => c.text).join(',');
    if (cells.some((c) => c.invalid)) rejected.push(line);
    else expected.push(cells.map((c) => c.value));
    lines.push(text);
    line += text.split('\n').length;
  }
  return { text: lines.join('\n') + '\n', expected, rejected };
}

describe('CSV cells packed as they are parsed', () => {
  it('read back as the values written, with the rejected records left out, over batch sizes and chunkings', async () => {
    for (const [seed, rows, batchSize, chunk] of [[1, 40, 7, 0], [2, 700, 300, 13], [3, 1500, undefined, 1000], [4, 300, 256, 1], [5, 5000, 4096, 65536]] as const) {
      const { text, expected, rejected } = randomCsv(seed, rows);
      const result = await parseAll(csvOptions(COLUMNS, { skip_header_lines: 1, newline: 'LF' }), text, chunk, batchSize);
      expect(result.rejects.map((r) => r.line), `seed ${seed}`).to.deep.equal(rejected);
      expect(result.rows.length, `seed ${seed}`).to.equal(expected.length);
      for (let i = 0; i < expected.length; i++) expect(result.rows[i], `seed ${seed}, row ${i}`).to.deep.equal(expected[i]);
      expect(rejected.length, `seed ${seed} rejects some records`).to.be.greaterThan(rows / 100);
    }
  });

  it('are the same rows and rejects when the parser builds JS vectors instead (what it does for filters)', async () => {
    for (const [seed, batchSize, chunk] of [[11, 7, 5], [12, undefined, 4096]] as const) {
      const { text, expected, rejected } = randomCsv(seed, 2000);
      const parser = createParser(csvOptions(COLUMNS, { skip_header_lines: 1, newline: 'LF' }));
      const rows: Value[][] = [];
      const lines: number[] = [];
      for await (const batch of parser.parse(chunked(text, chunk), { file: 'in.csv', onReject: (r) => lines.push(r.line), batchSize, vectors: true })) {
        expect(batch.packed, 'not packed').to.equal(undefined);
        rows.push(...batchRows(batch));
      }
      expect(lines).to.deep.equal(rejected);
      expect(rows).to.deep.equal(expected);
    }
  });

  it('are the same rows and rejects with long strings kept as UTF-8 (batches bound for another thread), and hold no JS strings', async () => {
    for (const [seed, batchSize, chunk] of [[21, 7, 3], [22, undefined, 4096], [23, 300, 1]] as const) {
      const { text, expected, rejected } = randomCsv(seed, 1500);
      const parser = createParser(csvOptions(COLUMNS, { skip_header_lines: 1, newline: 'LF' }));
      const rows: Value[][] = [];
      const lines: number[] = [];
      let longBytes = 0;
      for await (const batch of parser.parse(chunked(text, chunk), { file: 'in.csv', onReject: (r) => lines.push(r.line), batchSize, longStringsAsUtf8: true })) {
        for (const column of batch.packed!.packed) {
          expect(column.long, 'no JS strings').to.equal(null);
          longBytes += column.longUtf8?.byteLength ?? 0;
        }
        rows.push(...batchRows(batch));
      }
      expect(lines, `seed ${seed}`).to.deep.equal(rejected);
      expect(rows, `seed ${seed}`).to.deep.equal(expected);
      expect(longBytes, `seed ${seed} has long strings`).to.be.greaterThan(1000);
    }
  });

  it('a record rejected after a long string leaves no trace in the next rows', async () => {
    const long = 'a string longer than twelve bytes';
    const text = [`${long} 1,1`, `${long} 2,not-a-number`, `short,3`, `${long} 4,4`, `éé,x`, `ééééééé,6`].join('\n') + '\n';
    for (const longStringsAsUtf8 of [false, true]) {
      const parser = createParser(csvOptions([{ name: 's', type: 'string' }, { name: 'n', type: 'long' }]));
      const rows: Value[][] = [];
      const lines: number[] = [];
      for await (const batch of parser.parse(chunked(text), { file: 'in.csv', onReject: (r) => lines.push(r.line), longStringsAsUtf8 })) rows.push(...batchRows(batch));
      expect(lines, `longStringsAsUtf8 ${longStringsAsUtf8}`).to.deep.equal([2, 5]);
      expect(rows, `longStringsAsUtf8 ${longStringsAsUtf8}`).to.deep.equal([[`${long} 1`, 1], ['short', 3], [`${long} 4`, 4], ['ééééééé', 6]]);
    }
  });

  it('come out as packed batches of the usual sizes, which a store may move to another thread', async () => {
    const { text, expected } = randomCsv(9, 9000);
    const parser = createParser(csvOptions(COLUMNS, { skip_header_lines: 1, newline: 'LF' }));
    const sizes: number[] = [];
    for await (const batch of parser.parse(chunked(text, 4096), { file: 'in.csv', onReject: () => undefined })) {
      expect(batch.packed, 'packed').to.not.equal(undefined);
      expect(batch.packedTransferable).to.equal(true);
      sizes.push(batch.length);
    }
    // 7 columns: 4,096 rows a batch (defaultBatchRows), the first one grown from 256 rows.
    expect(sizes.slice(0, -1)).to.deep.equal(Array.from({ length: sizes.length - 1 }, () => 4096));
    expect(sizes.reduce((a, b) => a + b, 0)).to.equal(expected.length);
  });
});

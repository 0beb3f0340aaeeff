import { expect } from 'chai';
import type { ColumnSpec } from '../../../src/domain/model/parser-options.js';
import type { Value } from '../../../src/domain/model/record-batch.js';
import { INVALID, spanConverter, textConverter } from '../../../src/domain/parsing/column-converters.js';
import { csvOptions, parseAll, rng } from './parse-helpers.js';

/**
 * Cells of records without quotes are read in place (span converters) instead of sliced and converted as text.
 * Wherever a span converter answers it must give exactly the text converter's value; where it cannot tell it
 * answers undefined and the text converter decides (and names the reason of a rejection).
 */


const TRICKY = [
  '0', '-0', '+5', '00012', '-', '.', '-.5', '5.', '1.5', '-1.25', '1e5', '1E-3', ' 1', '1 ', 'NaN', '-NaN', 'Infinity',
  '0x10', '0b1', '123456789012345', '-123456789012345', '1234567890123456', '9007199254740993', '9223372036854775807',
  '9223372036854775808', '-9223372036854775808', '0.1', '1234567890.123456', '99999999999999999',
  'true', 'false', 'True', 'FALSE', 'yes', 'no', 't', 'f', '1', 'on', 'off', 'truex',
  '2024-03-01 12:00:00', '2024-02-29 00:00:00', '2023-02-29 00:00:00', '2024-13-01 00:00:00', '2024-03-01T12:00:00',
  '2024-03-01 24:00:00', '2024-03-01 23:59:60', '2024-03-01 12:00:00.5', '0099-01-01 00:00:00', '1970-01-01 00:00:00',
  '2024-3-1 01:02:03', '2024-03-01 12:00:0x', '2024/03/01 12:00:00', '9999-12-31 23:59:59', '2024-04-31 00:00:00',
];

function randomCell(next: () => number): string {
  const pick = next();
  if (pick < 0.4) return TRICKY[Math.floor(next() * TRICKY.length)]!;
  if (pick < 0.6) return String(Math.floor(next() * 10 ** Math.floor(next() * 18)) * (next() < 0.3 ? -1 : 1));
  if (pick < 0.8) return (next() * 10 ** Math.floor(next() * 8) * (next() < 0.3 ? -1 : 1)).toFixed(Math.floor(next() * 8));
  const y = 1900 + Math.floor(next() * 200);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${y}-${two(1 + Math.floor(next() * 12))}-${two(1 + Math.floor(next() * 31))}${next() < 0.9 ? ' ' : 'T'}${two(Math.floor(next() * 24))}:${two(Math.floor(next() * 60))}:${two(Math.floor(next() * 60))}`;
}

/** Mostly a cell that fits the column, sometimes anything. */
function cellFor(column: ColumnSpec, next: () => number): string {
  if (next() < 0.03) return randomCell(next);
  const two = (n: number): string => String(n).padStart(2, '0');
  switch (column.type) {
    case 'long':
      return String(Math.floor(next() * 10 ** Math.floor(next() * 17)) * (next() < 0.3 ? -1 : 1));
    case 'double':
      return (next() * 10 ** Math.floor(next() * 8) * (next() < 0.3 ? -1 : 1)).toFixed(Math.floor(next() * 8));
    case 'boolean':
      return ['true', 'false', 'yes', 'True', '0', '1'][Math.floor(next() * 6)]!;
    default:
      return `${1900 + Math.floor(next() * 200)}-${two(1 + Math.floor(next() * 12))}-${two(1 + Math.floor(next() * 28))}${column.format?.includes('T') ? 'T' : ' '}${two(Math.floor(next() * 24))}:${two(Math.floor(next() * 60))}:${two(Math.floor(next() * 60))}`;
  }
}

const COLUMNS: ColumnSpec[] = [
  { name: 'l', type: 'long' },
  { name: 'd', type: 'double' },
  { name: 'b', type: 'boolean' },
  { name: 't', type: 'timestamp' },
  { name: 'tt', type: 'timestamp', format: '%Y-%m-%dT%H:%M:%S', timezone: 'Asia/Tokyo' },
  { name: 'tz', type: 'timestamp', timezone: '+09:00' },
];
const DEFAULTS = { default_timezone: 'UTC', default_timestamp_format: '%Y-%m-%d %H:%M:%S' };

function same(a: Value | typeof INVALID | undefined, b: Value | typeof INVALID | undefined): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return Object.is(a, b);
}

describe('span converters (cells read in place)', () => {
  it('agree with the text converters wherever they answer, on 100,000 random and tricky cells', () => {
    const next = rng(7);
    let answered = 0;
    for (const column of COLUMNS) {
      const span = spanConverter(column, DEFAULTS)!;
      const text = textConverter(column, DEFAULTS);
      expect(span, column.name).to.be.a('function');
      const cells = [...TRICKY, ...Array.from({ length: 100_000 / COLUMNS.length }, () => randomCell(next))];
      for (const cell of cells) {
        // The cell sits inside a line, as it does in the tokenizer's buffer.
        const line = `x,${cell},y`;
        const got = span(line, 2, 2 + cell.length);
        if (got === undefined) continue;
        answered++;
        const expected = text(cell);
        expect(same(got, expected), `${column.name} '${cell}': span ${String(got)}, text ${String(expected)}`).to.equal(true);
      }
    }
    // The point of spans: most cells of these shapes are answered in place.
    expect(answered).to.be.above(15_000);
  });

  it('strings and json have none: every such cell is sliced', () => {
    expect(spanConverter({ name: 's', type: 'string' }, DEFAULTS)).to.equal(undefined);
    expect(spanConverter({ name: 'j', type: 'json' }, DEFAULTS)).to.equal(undefined);
  });

  it('a CSV parses to the same rows and rejects whether its records take the span path or the quoted path', async () => {
    const next = rng(99);
    const columns: ColumnSpec[] = [{ name: 'k', type: 'string' }, ...COLUMNS, { name: 's', type: 'string' }];
    for (const nullString of [null, '\\N']) {
      const plain: string[] = ['header'];
      const quoted: string[] = ['header'];
      const allQuoted: string[] = ['header'];
      for (let r = 0; r < 3000; r++) {
        const cells = COLUMNS.map((column) => (next() < 0.02 ? '' : next() < 0.02 && nullString !== null ? nullString : cellFor(column, next)));
        const tail = next() < 0.1 ? '' : `s${r}`;
        // A quoted first cell sends the whole record through the quoted path; its value is the same text.
        plain.push([`k${r}`, ...cells, tail].join(','));
        quoted.push([`"k${r}"`, ...cells, tail].join(','));
        // Quoted typed cells are read in place between their quotes; an empty one is '' (no NULL), which a typed
        // column turns into NULL as it does an empty unquoted cell.
        allQuoted.push([`"k${r}"`, ...cells.map((cell) => `"${cell}"`), tail].join(','));
      }
      const options = csvOptions(columns, { skip_header_lines: 1, null_string: nullString, default_timezone: 'UTC', default_timestamp_format: '%Y-%m-%d %H:%M:%S' });
      const a = await parseAll(options, `${plain.join('\n')}\n`, 8192);
      expect(a.rows.length, `rows kept; first rejects: ${JSON.stringify(a.rejects.slice(0, 3))}`).to.be.above(100);
      expect(a.rejects.length, 'rows rejected').to.be.above(100);
      for (const [label, text] of [['first cell quoted', quoted], ['every typed cell quoted', allQuoted]] as const) {
        const b = await parseAll(options, `${text.join('\n')}\n`, 8192);
        expect(a.rows.length, label).to.equal(b.rows.length);
        for (let i = 0; i < a.rows.length; i++) {
          const x = a.rows[i]!;
          const y = b.rows[i]!;
          for (let c = 0; c < x.length; c++) expect(same(x[c]!, y[c]!), `${label}, null_string ${String(nullString)}, row ${i}, column ${columns[c]!.name}: ${String(x[c])} vs ${String(y[c])}`).to.equal(true);
        }
        expect(a.rejects.map((r) => [r.line, r.reason]), label).to.deep.equal(b.rejects.map((r) => [r.line, r.reason]));
      }
    }
  });
});

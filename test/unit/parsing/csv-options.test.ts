import { expect } from 'chai';
import { isImportError } from '../../../src/domain/errors.js';
import type { ColumnSpec } from '../../../src/domain/model/parser-options.js';
import { createParser } from '../../../src/domain/parsing/create-parser.js';
import { chunked, csvOptions, parseAll, strings } from './parse-helpers.js';

const typed: ColumnSpec[] = [
  { name: 'id', type: 'long' },
  { name: 'ok', type: 'boolean' },
  { name: 'price', type: 'double' },
  { name: 'at', type: 'timestamp', format: '%Y-%m-%d %H:%M:%S', timezone: 'Asia/Tokyo' },
  { name: 'doc', type: 'json' },
  { name: 'name', type: 'string' },
];

describe('CSV parser options and typed columns', () => {
  it('converts typed columns, keeps big longs exact and reads NULLs', async () => {
    const text = 'id,ok,price,at,doc,name\n1,yes,1.5,2024-01-02 09:00:00,"{""a"":[1]}",x\n9223372036854775807,0,-2e3,,,""\n';
    const { rows, rejects } = await parseAll(csvOptions(typed, { skip_header_lines: 1 }), text);
    expect(rejects).to.deep.equal([]);
    expect(rows).to.deep.equal([
      [1, true, 1.5, new Date('2024-01-02T00:00:00Z'), { a: [1] }, 'x'],
      [9223372036854775807n, false, -2000, null, null, ''],
    ]);
  });

  it('skips invalid rows, reporting file, 1-based physical line and reason, and keeps the rest', async () => {
    const text = 'h1,h2\n# note\n1,a\n\nx,b\n"multi\nline",c\n3\n4,d,e\n5,"oops"x\n6,"unterminated\n7,f';
    const options = csvOptions([{ name: 'id', type: 'long' }, { name: 's', type: 'string' }], { skip_header_lines: 1, comment_line_marker: '#' });
    for (const chunk of [0, 1, 4]) {
      const { rows, rejects } = await parseAll(options, text, chunk);
      expect(rows).to.deep.equal([[1, 'a'], [7, 'f']]);
      expect(rejects.map((r) => [r.file, r.line])).to.deep.equal([['in.csv', 5], ['in.csv', 6], ['in.csv', 8], ['in.csv', 9], ['in.csv', 10], ['in.csv', 11]]);
      expect(rejects[0]!.reason).to.contain("column 'id'").and.contain('not a long');
      expect(rejects[2]!.reason).to.contain('too few columns');
      expect(rejects[3]!.reason).to.contain('too many columns');
      expect(rejects[4]!.reason).to.contain('after the closing quote');
      expect(rejects[5]!.reason).to.contain('unterminated');
      expect(rejects[0]!.raw).to.equal('x,b');
    }
  });

  it('throws DATA_INVALID_RECORD naming file and line with stop_on_invalid_record', async () => {
    const options = csvOptions([{ name: 'id', type: 'long' }], { stop_on_invalid_record: true });
    let caught: unknown;
    try {
      await parseAll(options, '1\n2\nbad\n');
    } catch (e) {
      caught = e;
    }
    expect(isImportError(caught) && caught.code).to.equal('DATA_INVALID_RECORD');
    expect((caught as Error).message).to.match(/^Skipped line in\.csv:3 \(column 'id'.*\): bad/);
    expect((caught as Error).message).to.contain('stop_on_invalid_record: false');
  });

  it('fills or ignores columns with allow_optional_columns / allow_extra_columns', async () => {
    const options = csvOptions(strings('a', 'b'), { allow_optional_columns: true, allow_extra_columns: true });
    expect((await parseAll(options, 'x\ny,z,w\n')).rows).to.deep.equal([['x', null], ['y', 'z']]);
  });

  it('applies null_string (even quoted) and makes empty fields empty strings', async () => {
    const options = csvOptions(strings('a', 'b', 'c'), { null_string: '\\N' });
    expect((await parseAll(options, '\\N,"\\N",\n')).rows).to.deep.equal([[null, null, '']]);
  });

  it('trims unquoted fields only with trim_if_not_quoted', async () => {
    const text = '  a  , " b " ,c\n';
    expect((await parseAll(csvOptions(strings('a', 'b', 'c'), { trim_if_not_quoted: true }), text)).rows).to.deep.equal([['a', ' b ', 'c']]);
    expect((await parseAll(csvOptions(strings('a', 'b', 'c')), 'x , y,z\n')).rows).to.deep.equal([['x ', ' y', 'z']]);
  });

  it('trim_if_not_quoted trims the fields of records without quotes too, before typed conversion', async () => {
    const columns = [{ name: 's', type: 'string' as const }, { name: 'n', type: 'long' as const }, { name: 'e', type: 'string' as const }];
    const { rows } = await parseAll(csvOptions(columns, { trim_if_not_quoted: true }), '  a b  ,  42 ,   \n');
    expect(rows).to.deep.equal([['a b', 42, null]]);
  });

  it('supports multi-character delimiters, TSV, no quoting and backslash escapes', async () => {
    expect((await parseAll(csvOptions(strings('a', 'b'), { delimiter: '::' }), 'x::y\n"p::q"::r\n', 1)).rows).to.deep.equal([['x', 'y'], ['p::q', 'r']]);
    expect((await parseAll(csvOptions(strings('a', 'b'), { delimiter: '\t', quote: null }), '"x\ty"\n')).rows).to.deep.equal([['"x', 'y"']]);
    expect((await parseAll(csvOptions(strings('a')), '"say \\"hi\\" \\\\ ok"\n')).rows).to.deep.equal([['say "hi" \\ ok']]);
  });

  it('joins quoted line breaks with the configured newline and splits lines on CR, LF and CRLF', async () => {
    const text = '\uFEFFa,"1\r\n2"\rb,"3\n4"\r\nc,5';
    const { rows } = await parseAll(csvOptions(strings('k', 'v'), { newline: 'LF' }), text, 1);
    expect(rows).to.deep.equal([['a', '1\n2'], ['b', '3\n4'], ['c', '5']]);
    expect((await parseAll(csvOptions(strings('k', 'v')), text)).rows[0]).to.deep.equal(['a', '1\r\n2']);
  });

  it('accepts stray quotes inside quoted fields only in ACCEPT_STRAY_QUOTES mode', async () => {
    const text = '"he said "hi" there",x\n';
    const stray = csvOptions(strings('a', 'b'), { quotes_in_quoted_fields: 'ACCEPT_STRAY_QUOTES_ASSUMING_NO_DELIMITERS_IN_FIELDS' });
    expect((await parseAll(stray, text)).rows).to.deep.equal([['he said "hi" there', 'x']]);
    expect((await parseAll(csvOptions(strings('a', 'b')), text)).rejects).to.have.length(1);
  });

  it('rejects a quoted value over max_quoted_size_limit and resumes on the next line', async () => {
    const text = `"${'x'.repeat(50)}\n1\n2\n`;
    const { rows, rejects } = await parseAll(csvOptions(strings('a'), { max_quoted_size_limit: 20 }), text, 8);
    expect(rejects.map((r) => r.line)).to.deep.equal([1]);
    expect(rejects[0]!.reason).to.contain('max_quoted_size_limit');
    expect(rows).to.deep.equal([['1'], ['2']]);
  });

  it('emits batches of batchSize rows', async () => {
    const text = Array.from({ length: 10 }, (_, i) => `${i}`).join('\n');
    const { rows, batches } = await parseAll(csvOptions([{ name: 'n', type: 'long' }]), text, 3, 4);
    expect(batches).to.equal(3);
    expect(rows.map((r) => r[0])).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('by default, batches hold 4,096 narrow rows and at most 32,768 cells of wide ones (80 columns: 409 rows)', async () => {
    for (const [columns, rowsPerBatch] of [[8, 4096], [24, 1365], [80, 409], [250, 256]] as const) {
      const names = Array.from({ length: columns }, (_, c) => `c${c}`);
      const line = names.map((_, c) => String(c)).join(',');
      const text = Array.from({ length: rowsPerBatch * 2 + 1 }, () => line).join('\n');
      const sizes: number[] = [];
      for await (const batch of createParser(csvOptions(strings(...names))).parse(chunked(text, 65536), { file: 'in.csv', onReject: () => undefined })) sizes.push(batch.length);
      expect(sizes, `${columns} columns`).to.deep.equal([rowsPerBatch, rowsPerBatch, 1]);
    }
  });

  it('rejects inconsistent options and bad timestamp formats before reading', () => {
    const bad = [
      csvOptions(strings('a'), { quote: '""' }),
      csvOptions(strings('a'), { delimiter: '"' }),
      csvOptions([{ name: 't', type: 'timestamp', format: '%Y-%Q-%q' }]),
      csvOptions([{ name: 't', type: 'timestamp', timezone: 'Nowhere/Else' }]),
    ];
    for (const options of bad) expect(() => createParser(options)).to.throw().that.satisfies(isImportError);
  });
});

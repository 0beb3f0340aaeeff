import { expect } from 'chai';
import { FormatGuesser, type GuessHints } from '../../../src/domain/format-guesser.js';
import { isImportError } from '../../../src/domain/errors.js';
import type { CsvParserOptions } from '../../../src/domain/model/parser-options.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const hints = (extra: Partial<GuessHints> = {}): GuessHints => ({ decoders: null, sampleIsComplete: true, ...extra });
const guessCsv = (text: string, extra: Partial<GuessHints> = {}): { p: CsvParserOptions; explain: string } => {
  const r = new FormatGuesser().guess(enc(text), hints(extra));
  if (r.parser.type !== 'csv') throw new Error('expected csv');
  return { p: r.parser, explain: r.explain.join('\n') };
};
const types = (p: CsvParserOptions): string[] => p.columns.map((c) => `${c.name}:${c.type}`);

describe('FormatGuesser rules', () => {
  it('emits every CSV option with the reference defaults, so load.yml runs unchanged', () => {
    const { p } = guessCsv('id,name\n1,a\n2,b\n3,c\n');
    expect(p).to.deep.include({
      type: 'csv', quotes_in_quoted_fields: 'ACCEPT_ONLY_RFC4180_ESCAPED', max_quoted_size_limit: 131072, allow_extra_columns: false,
      allow_optional_columns: false, stop_on_invalid_record: false, default_timezone: 'UTC', default_timestamp_format: '%Y-%m-%d %H:%M:%S.%N %z',
    });
  });

  it('fewer than 4 rows or fewer than 2 columns is a DATA_DECODE error naming what to do', () => {
    for (const text of ['a,b\n1,2\n3,4\n', 'a\n1\n2\n3\n4\n']) {
      try {
        new FormatGuesser().guess(enc(text), hints());
        expect.fail('expected an error');
      } catch (e) {
        expect(isImportError(e) && e.code).to.equal('DATA_DECODE');
        expect((e as Error).message).to.match(/at least 4 rows and 2 columns/).and.match(/parser\.columns/);
      }
    }
  });

  it('user-written columns lift the minimum', () => {
    const { p } = guessCsv('a,b\n1,2\n', { parser: { columns: [{ name: 'a', type: 'long' }, { name: 'b', type: 'long' }] } });
    expect(p.columns).to.deep.equal([{ name: 'a', type: 'long' }, { name: 'b', type: 'long' }]);
  });

  it('keeps a last line without newline when the sample is the whole object, drops it otherwise', () => {
    const text = 'n,v\n1,2\n2,3\n3,4\n4,x';
    expect(types(guessCsv(text).p)).to.deep.equal(['n:long', 'v:string']);
    expect(types(guessCsv(text, { sampleIsComplete: false }).p)).to.deep.equal(['n:long', 'v:long']);
  });

  it('finds a header when every column is text, by length regularity', () => {
    const { p, explain } = guessCsv('country_code,currency\nJP,JPY\nUS,USD\nFR,EUR\nDE,EUR\n');
    expect(p.skip_header_lines).to.equal(1);
    expect(types(p)).to.deep.equal(['country_code:string', 'currency:string']);
    expect(explain).to.match(/header: row 1 \(column 1: values are 2/);
  });

  it('no header when the first row looks like the others', () => {
    const { p } = guessCsv('1,a\n2,b\n3,c\n4,d\n');
    expect(p.skip_header_lines).to.equal(0);
    expect(types(p)).to.deep.equal(['c0:long', 'c1:string']);
  });

  it('null_string values do not break typing; empty fields then stay text', () => {
    const { p } = guessCsv('id\tscore\n1\t\\N\n2\t3.5\n3\t\\N\n4\t1\n');
    expect(p.null_string).to.equal('\\N');
    expect(types(p)).to.deep.equal(['id:long', 'score:double']);
  });

  it('recognises epoch-second / millisecond columns by name and says how to load them as time', () => {
    const { p, explain } = guessCsv('id,created_at,ts\n1,1700000000,1700000000123\n2,1700000100,1700000100456\n3,1700000200,1700000200789\n4,1700000300,1700000300000\n');
    expect(types(p)).to.deep.equal(['id:long', 'created_at:long', 'ts:long']);
    expect(explain).to.include("column created_at: long, looks like epoch seconds; to load it as time use type: timestamp, format: '%s'");
    expect(explain).to.include("column ts: long, looks like epoch milliseconds; to load it as time use type: timestamp, format: '%Q'");
  });

  it('timestamp formats: ISO with zone and fraction, d/m when a day exceeds 12, CLF, RFC 2822', () => {
    const rows = [
      ['2024-01-02T03:04:05.123+09:00', '13/01/2024', '02/Jan/2024:03:04:05 +0000', 'Tue, 02 Jan 2024 03:04:05 +0000'],
      ['2024-02-03T04:05:06.456+09:00', '01/02/2024', '03/Feb/2024:04:05:06 -0700', 'Sat, 03 Feb 2024 04:05:06 -0700'],
      ['2024-03-04T05:06:07.789Z', '28/02/2024', '04/Mar/2024:05:06:07 +0100', 'Mon, 04 Mar 2024 05:06:07 +0100'],
      ['2024-04-05T06:07:08.000-05:00', '05/03/2024', '05/Apr/2024:06:07:08 +0000', 'Fri, 05 Apr 2024 06:07:08 +0000'],
    ];
    const { p } = guessCsv(['a,b,c,d', ...rows.map((r) => r.map((v) => `"${v}"`).join(','))].join('\n'));
    expect(p.columns.map((c) => c.format)).to.deep.equal(['%Y-%m-%dT%H:%M:%S.%L%z', '%d/%m/%Y', '%d/%b/%Y:%H:%M:%S %z', '%a, %d %b %Y %H:%M:%S %z']);
  });

  it('a merge the parser would reject (boolean + long) is widened to string, with the reason', () => {
    const { p, explain } = guessCsv('k,flag\n1,yes\n2,0\n3,no\n4,5\n');
    expect(types(p)).to.deep.equal(['k:long', 'flag:string']);
    expect(explain).to.include("column flag: string ('yes' is not a long)");
  });

  it('a larger second sample widens types that would fail later', () => {
    const head = 'id,amount,day\n1,10,2024-01-01\n2,20,2024-01-02\n3,30,2024-01-03\n4,40,2024-01-04\n';
    const { p, explain } = guessCsv(head, { sampleIsComplete: false, verifySample: enc(`${head}5,12.5,2024-01-05\n6,7,soon\n`), verifySampleIsComplete: true });
    expect(types(p)).to.deep.equal(['id:long', 'amount:double', 'day:string']);
    expect(explain).to.include("column amount: widened from long to double: the larger sample has '12.5'");
  });

  it('user-set parser keys win and steer the guess', () => {
    const { p, explain } = guessCsv('a;b|c\n1;2|3\n4;5|6\n7;8|9\n1;1|1\n', { parser: { delimiter: '|', allow_extra_columns: true } });
    expect(p.delimiter).to.equal('|');
    expect(p.allow_extra_columns).to.equal(true);
    expect(types(p)).to.deep.equal(['a;b:string', 'c:long']);
    expect(explain).to.include("delimiter: '|' (set in seed.yml)");
  });

  it('backslash escapes and single-quote quoting are recognised', () => {
    expect(guessCsv('a,b\n1,"x \\" y"\n2,"p\\"q"\n3,"r"\n4,"s"\n').p).to.include({ quote: '"', escape: '\\' });
    expect(guessCsv("a|b\n1|'x|y'\n2|'z'\n3|'w'\n4|'v'\n").p).to.include({ quote: "'", delimiter: '|' });
  });

  it('trim_if_not_quoted is set when trimming changes the types', () => {
    const { p } = guessCsv('name,n\nab, 1\ncd, 22\nef,  3\ngh, 4\n');
    expect(p.trim_if_not_quoted).to.equal(true);
    expect(types(p)).to.deep.equal(['name:string', 'n:long']);
  });

  it('JSON: one object per line -> jsonl; typed element_at columns on request', () => {
    const text = '{"id":1,"at":"2024-01-01 00:00:00","tags":["a"],"ok":true}\n{"id":2,"at":"2024-01-02 00:00:00","tags":[],"ok":false,"a/b":1.5}\n';
    const r = new FormatGuesser().guess(enc(text), hints({ jsonColumns: true }));
    expect(r.parser.type).to.equal('jsonl');
    expect(r.parser.columns).to.deep.equal([
      { name: 'id', type: 'long', element_at: '/id' },
      { name: 'at', type: 'timestamp', format: '%Y-%m-%d %H:%M:%S', element_at: '/at' },
      { name: 'tags', type: 'json', element_at: '/tags' },
      { name: 'ok', type: 'boolean', element_at: '/ok' },
      { name: 'a/b', type: 'double', element_at: '/a~1b' },
    ]);
  });

  it('JSON: a top-level array of objects cut off by the sample end -> json with flatten_json_array', () => {
    const r = new FormatGuesser().guess(enc('[{"a":1},{"a":2},{"a":'), hints({ sampleIsComplete: false }));
    expect(r.parser).to.include({ type: 'json', flatten_json_array: true });
  });

  it('an empty sample is a DATA_DECODE error', () => {
    expect(() => new FormatGuesser().guess(new Uint8Array(0), hints())).to.throw(/sample is empty/);
  });
});

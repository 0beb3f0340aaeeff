import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CsvTokenizer, type CsvTokenizerOptions } from '../../../src/domain/parsing/csv-tokenizer.js';
import { ReferenceCsvTokenizer } from '../../support/reference-csv-tokenizer.js';
import { rng } from './parse-helpers.js';

/** What a tokenizer reports, in order: records (fields, quoting, line, raw text) and rejects. */
type Event = ['record', number, string, string[], boolean[]] | ['invalid', number, string, string];

interface Tokenizer {
  readonly spanned: boolean;
  readonly starts: number[];
  readonly ends: number[];
  readonly fields: string[];
  readonly quoted: boolean[];
  readonly text: string;
  rawText(start: number, end: number): string;
  feed(chunk: string): void;
  end(): void;
}

function events(make: (onRecord: (count: number, line: number, start: number, end: number) => void, onInvalid: (line: number, reason: string, raw: string) => void) => Tokenizer, text: string, chunk: number, inPlace: boolean): Event[] {
  const out: Event[] = [];
  const t: Tokenizer = make(
    (count, line, start, end) => {
      const fields: string[] = [];
      const quoted: boolean[] = [];
      for (let i = 0; i < count; i++) {
        // The production tokenizer reports any field as a position unless it built it (starts -1); the oracle
        // reports positions only for records without quotes.
        const positioned = inPlace ? t.starts[i]! >= 0 : t.spanned;
        fields.push(positioned ? t.text.slice(t.starts[i], t.ends[i]) : t.fields[i]!);
        quoted.push(t.spanned ? false : t.quoted[i]!);
      }
      out.push(['record', line, t.rawText(start, end), fields, quoted]);
    },
    (line, reason, raw) => out.push(['invalid', line, reason, raw]),
  );
  for (let i = 0; i < text.length; i += chunk) t.feed(text.slice(i, i + chunk));
  t.end();
  return out;
}

const PIECES = ['a', 'b', ' ', '  ', '"', '""', "'", '\\', '\\"', ',', '||', '|', '\t', '\n', '\r\n', '\r', '#', 'é', '🙂', '1.5', 'NULL'];
// Whole quoted values, so that many records are well-formed quoted ones rather than rejects.
const QUOTED = ['"ab"', '"a""b"', '"x\ny"', '"x\r\ny"', '"a,b"', "'q'", "'it''s'", '"a\\"b"', '" sp "', '""', '"1.5"', '"long quoted value"'];

function randomText(next: () => number): string {
  const n = Math.floor(next() * 120);
  let s = '';
  for (let i = 0; i < n; i++) s += next() < 0.3 ? QUOTED[Math.floor(next() * QUOTED.length)]! : PIECES[Math.floor(next() * PIECES.length)]!;
  return s;
}

function randomOptions(next: () => number): CsvTokenizerOptions {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const quote = pick(['"', '"', '"', "'", null]);
  return {
    delimiter: pick([',', ',', '||', '\t']),
    quote,
    escape: pick(['"', '\\', null, quote]),
    newline: pick(['\n', '\r\n']),
    trimIfNotQuoted: next() < 0.3,
    acceptStrayQuotes: next() < 0.3,
    maxQuotedSize: pick([2, 5, 17, 131072]),
    commentLineMarker: pick([null, null, '#']),
    skipHeaderLines: pick([0, 0, 1]),
    ...(next() < 0.1 ? { firstLine: 7 } : {}),
  };
}

describe('CSV tokenizer against the per-character oracle (randomised differential test)', () => {
  it('reports the same fields, quoting, lines, raw text and rejects on 4,000 random texts and option sets, in any chunking', () => {
    let quotedRecords = 0;
    let rejects = 0;
    for (let seed = 1; seed <= 4000; seed++) {
      const next = rng(seed);
      const options = randomOptions(next);
      const text = randomText(next);
      const chunk = [1, 2, 3, 7, 1000][seed % 5]!;
      const expected = events((r, i) => new ReferenceCsvTokenizer(options, r, i), text, chunk, false);
      const actual = events((r, i) => new CsvTokenizer(options, r, i), text, chunk, true);
      expect(actual, `seed ${seed}: ${JSON.stringify({ options, text, chunk })}`).to.deep.equal(expected);
      for (const e of expected) {
        if (e[0] === 'invalid') rejects++;
        else if (e[4].includes(true)) quotedRecords++;
      }
    }
    // The generator must reach the paths that changed: quoted records and every kind of reject.
    expect(quotedRecords).to.be.greaterThan(800);
    expect(rejects).to.be.greaterThan(2000);
  });

  it('reaches each reject the quoted scan can give', () => {
    const reasons = new Set<string>();
    for (let seed = 1; seed <= 4000; seed++) {
      const next = rng(seed);
      const options = randomOptions(next);
      const text = randomText(next);
      for (const e of events((r, i) => new CsvTokenizer(options, r, i), text, 1000, true)) if (e[0] === 'invalid') reasons.add(e[2].replace(/[('"].*$/s, ''));
    }
    expect([...reasons].sort()).to.deep.equal([
      'quoted value is longer than max_quoted_size_limit ',
      'unexpected character ',
      'unterminated quoted value: no closing ',
    ]);
  });

  it('reports the same on every text file of the shared corpus (logs, CSV edge cases, datasets), under six option sets', () => {
    const root = '../shared/corpus';
    const files = (readdirSync(root, { recursive: true }) as string[])
      .filter((f) => /\.(csv|tsv|txt|log)(\.gz)?$|\.gz$/.test(f) && !f.startsWith('LICENSES'))
      .sort();
    const base = { delimiter: ',', quote: '"', escape: '"', newline: '\n', trimIfNotQuoted: false, acceptStrayQuotes: false, maxQuotedSize: 131072, commentLineMarker: null, skipHeaderLines: 1 };
    const optionSets: CsvTokenizerOptions[] = [
      base,
      { ...base, delimiter: '\t' },
      { ...base, delimiter: ' ' },
      { ...base, escape: '\\', trimIfNotQuoted: true },
      { ...base, acceptStrayQuotes: true, maxQuotedSize: 64 },
      { ...base, delimiter: ';', commentLineMarker: '#' },
    ];
    let records = 0;
    for (const file of files) {
      let bytes: Uint8Array = readFileSync(join(root, file));
      if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
      const text = new TextDecoder().decode(bytes);
      for (const options of optionSets) {
        // Small chunks make records straddle chunk ends often; the large datasets take one chunking only.
        for (const chunk of text.length < 300_000 ? [65536, 7] : [65536]) {
          const expected = events((r, i) => new ReferenceCsvTokenizer(options, r, i), text, chunk, false);
          const actual = events((r, i) => new CsvTokenizer(options, r, i), text, chunk, true);
          expect(actual.length, `${file} ${JSON.stringify(options)} chunk ${chunk}`).to.equal(expected.length);
          expect(actual, `${file} ${JSON.stringify(options)} chunk ${chunk}`).to.deep.equal(expected);
          records += expected.length;
        }
      }
    }
    expect(files.length, 'corpus files read').to.be.greaterThan(100);
    expect(records).to.be.greaterThan(200_000);
  });
});

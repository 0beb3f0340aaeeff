import { expect } from 'chai';
import { parseString } from 'fast-csv';
import { csvOptions, parseAll, rng, strings } from './parse-helpers.js';


const ALPHABET = ['a', 'b', 'Z', '1', ' ', ',', '"', '\n', '\\', 'é', '日', '🙂', ';', "'"];

function randomCsv(seed: number): { text: string; cols: number } {
  const next = rng(seed);
  const cols = 2 + Math.floor(next() * 5);
  const rows = 1 + Math.floor(next() * 40);
  const eol = next() < 0.5 ? '\n' : '\r\n';
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < cols; c++) {
      let cell = '';
      const len = Math.floor(next() * 8);
      for (let i = 0; i < len; i++) cell += ALPHABET[Math.floor(next() * ALPHABET.length)]!;
      // fast-csv turns an unquoted all-space field into '' (the reference keeps it), so quote those.
      const mustQuote = /[",\n]/.test(cell) || /^ +$/.test(cell) || next() < 0.2;
      cells.push(mustQuote ? `"${cell.replace(/"/g, '""')}"` : cell);
    }
    lines.push(cells.join(','));
  }
  return { text: lines.join(eol) + (next() < 0.5 ? eol : ''), cols };
}

function fastCsvRows(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString<string[], string[]>(text, { headers: false })
      .on('data', (row: string[]) => rows.push(row))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

describe('CSV tokenizer against fast-csv (randomised differential test)', () => {
  it('agrees on 300 random CSVs with quotes, delimiters and newlines inside fields, in any chunking', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { text, cols } = randomCsv(seed);
      const expected = await fastCsvRows(text);
      // RFC 4180 escaping (escape = quote) and LF joins, which is what the generator writes.
      const options = csvOptions(strings(...Array.from({ length: cols }, (_, i) => `c${i}`)), { escape: '"', newline: 'LF' });
      const { rows, rejects } = await parseAll(options, text, 1 + (seed % 13));
      expect(rejects, `seed ${seed}`).to.deep.equal([]);
      expect(rows.map((r) => r.map((v) => v ?? '')), `seed ${seed}`).to.deep.equal(expected);
    }
  });
});

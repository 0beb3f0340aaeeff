/*
 * Parser throughput: createParser (8 typed columns) vs fast-csv (strings only) on the same ~50 MB CSV.
 * Run: npx tsx bench/parse-bench.ts [megabytes]
 */
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseString } from 'fast-csv';
import type { CsvParserOptions } from '../src/domain/model/parser-options.js';
import { createParser } from '../src/domain/parsing/create-parser.js';

const megabytes = Number(process.argv[2] ?? 50);
const file = join(tmpdir(), `s3-import-parse-bench-${megabytes}mb.csv`);

function generate(): void {
  let seed = 42;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const parts: string[] = ['id,name,price,qty,active,created_at,note,score\n'];
  let size = parts[0]!.length;
  for (let i = 0; size < megabytes * 1_000_000; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const note = rand() < 0.1 ? `"said ""hi"", then left"` : `note ${i % 977}`;
    const line = `${i},name_${Math.floor(rand() * 1e6)},${(rand() * 1000).toFixed(2)},${Math.floor(rand() * 500)},${rand() < 0.5 ? 'true' : 'false'},2024-03-${day} 12:${String(i % 60).padStart(2, '0')}:00,${note},${(rand() * 10).toFixed(4)}\n`;
    parts.push(line);
    size += line.length;
  }
  writeFileSync(file, parts.join(''));
}

const options: CsvParserOptions = {
  type: 'csv', charset: 'UTF-8', newline: 'LF', stop_on_invalid_record: true, default_timezone: 'UTC',
  default_timestamp_format: '%Y-%m-%d %H:%M:%S', delimiter: ',', quote: '"', escape: '"', skip_header_lines: 1,
  null_string: null, trim_if_not_quoted: false, quotes_in_quoted_fields: 'ACCEPT_ONLY_RFC4180_ESCAPED',
  max_quoted_size_limit: 131072, comment_line_marker: null, allow_optional_columns: false, allow_extra_columns: false,
  columns: [
    { name: 'id', type: 'long' }, { name: 'name', type: 'string' }, { name: 'price', type: 'double' },
    { name: 'qty', type: 'long' }, { name: 'active', type: 'boolean' }, { name: 'created_at', type: 'timestamp' },
    { name: 'note', type: 'string' }, { name: 'score', type: 'double' },
  ],
};

async function* chunks(): AsyncIterable<string> {
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 })) yield chunk as string;
}

async function ours(): Promise<number> {
  let rows = 0;
  const parser = createParser(options);
  for await (const batch of parser.parse(chunks(), { file, onReject: () => undefined })) rows += batch.length;
  return rows;
}

function fastCsv(): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
    let text = '';
    stream.on('data', (c) => (text += c as string));
    stream.on('end', () => {
      parseString(text, { headers: false, skipLines: 1 })
        .on('data', () => rows++)
        .on('error', reject)
        .on('end', () => resolve(rows));
    });
  });
}

async function time(name: string, run: () => Promise<number>): Promise<number> {
  const start = process.hrtime.bigint();
  const rows = await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const mb = statSync(file).size / 1e6;
  const rowsPerSecond = rows / seconds;
  console.log(`${name.padEnd(28)} ${rows} rows  ${seconds.toFixed(2)} s  ${(mb / seconds).toFixed(1)} MB/s  ${Math.round(rowsPerSecond)} rows/s`);
  return rowsPerSecond;
}

if (!existsSync(file)) generate();
console.log(`file: ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB)`);
const mine = await time('createParser (8 typed cols)', ours);
const theirs = await time('fast-csv (strings)', fastCsv);
console.log(`ratio: ${(mine / theirs).toFixed(2)}x rows/s`);

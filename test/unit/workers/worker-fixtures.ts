import { gzipSync } from 'node:zlib';
import type { ImportConfig } from '../../../src/domain/model/import-config.js';
import { loadImportConfig } from '../../../src/app/config/load-config.js';
import type { Value } from '../../../src/domain/model/record-batch.js';

/** A CSV job with quotes, rejects, timestamps and every filter type that runs per record. */
export function csvConfig(parseWorkers: number, extra = ''): ImportConfig {
  return loadImportConfig(
    `
in:
  type: file
  path_prefix: data/
  parser:
    type: csv
    skip_header_lines: 1
    columns:
      - {name: id, type: long}
      - {name: name, type: string}
      - {name: score, type: double}
      - {name: created_at, type: timestamp, format: "%Y-%m-%d %H:%M:%S"}
filters:
  - type: digest
    columns: [{name: name, new_name: name_hash}]
  - type: column
    add_columns: [{name: source, type: string, default: s3}]
  - type: add_time
    to_column: {name: loaded_at, type: long, unit: milli}
    from_value: {mode: upload_time}
  - type: rename
    columns: {score: points}
exec: {parse_workers: ${parseWorkers}, max_threads: 4}
${extra}`,
    'load.yml',
  );
}

/** `rows` generated CSV lines after a header; every 97th row has a bad id, every 89th a bad timestamp. */
export function generatedCsv(rows: number, seed: number): string {
  const lines = ['id,name,score,created_at'];
  for (let i = 0; i < rows; i++) {
    const id = i % 97 === 5 ? `x${i}` : String(seed * 1_000_000 + i);
    const time = i % 89 === 7 ? 'yesterday' : `2024-0${1 + (i % 9)}-1${i % 10} 0${i % 10}:1${i % 6}:2${i % 10}`;
    const name = i % 7 === 0 ? `"quoted, ""name"" ${i}"` : i % 11 === 0 ? `"two\nlines ${i}"` : `n${i}`;
    lines.push(`${id},${name},${(i * 1.25).toFixed(2)},${time}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The files of the differential job: plain, gzip, multi-member gzip, an invalid UTF-8 byte, a multi-chunk file. */
export function csvFiles(): Record<string, Uint8Array | string> {
  const files: Record<string, Uint8Array | string> = {
    'data/a.csv': 'id,name,score,created_at\n1,"alice, ""the"" first",1.5,2024-01-01 00:00:00\nx,bad,1,2024-01-01 00:00:00\n3,"multi\nline",2,not a time\n',
    'data/b.csv.gz': gzipSync('id,name,score,created_at\n4,carol,3.25,2024-01-02 00:00:00\n'),
    'data/c.csv.gz': Buffer.concat([gzipSync('id,name,score,created_at\n5,d,1,2024-01-03 00:00:00\n'), gzipSync('6,e,2,2024-01-03 00:00:01\n')]),
    'data/d.csv': Buffer.concat([Buffer.from('id,name,score,created_at\n7,caf'), Buffer.from([0xff]), Buffer.from(',1,2024-01-04 00:00:00\n')]),
    'data/e.csv': generatedCsv(30_000, 1),
    'data/f.csv.gz': gzipSync(generatedCsv(12_000, 2)),
  };
  for (let i = 0; i < 12; i++) files[`data/small/${String(i).padStart(2, '0')}.csv`] = generatedCsv(300 + i, 10 + i);
  return files;
}

/** Rows as comparable text, sorted: the row order across files depends on scheduling, the content must not. */
export function canonicalRows(rows: readonly (readonly Value[])[]): string[] {
  return rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))).sort();
}

// What DuckDB's automatic compression costs when rows are written to a database file (docs/decisions/performance.md,
// update 9): the bench's 100 files of 2 MB (run `npm run bench` once to generate them) are read into an in-memory
// table, then copied into a fresh DuckDB file column by column, with automatic compression and uncompressed.
// Run: node bench/duckdb-compression.mjs [glob]
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import console from 'node:console';

const glob = process.argv[2] ?? new URL('./data/full/medium-files/*.csv', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'duckdb-compression-'));
const file = join(dir, 'f.duckdb');
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const conn = await instance.connect();
try {
  await conn.run(`CREATE TABLE m AS SELECT * FROM read_csv('${glob.replaceAll("'", "''")}')`);
  const columns = (await conn.runAndReadAll('DESCRIBE m')).getRows().map((row) => String(row[0]));
  for (const set of [columns.join(', '), ...columns]) {
    for (const compression of ['auto', 'uncompressed']) {
      rmSync(file, { force: true });
      rmSync(`${file}.wal`, { force: true });
      await conn.run(`ATTACH '${file}' AS f`);
      await conn.run(`SET force_compression = '${compression}'`);
      const start = performance.now();
      await conn.run(`CREATE TABLE f.t AS SELECT ${set} FROM m`);
      const ms = performance.now() - start;
      await conn.run('CHECKPOINT f');
      await conn.run('DETACH f');
      console.log(`${set.padEnd(60)} ${compression.padEnd(13)} ${ms.toFixed(0).padStart(6)} ms ${(statSync(file).size / 1e6).toFixed(1).padStart(6)} MB`);
    }
  }
} finally {
  conn.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
}

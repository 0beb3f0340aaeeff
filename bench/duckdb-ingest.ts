/**
 * Ingestion paths from columnar RecordBatches into a DuckDB staging table, measured side by side.
 * Run: npx tsx bench/duckdb-ingest.ts [rows]   (default 2,000,000 rows x 8 typed columns, 4096-row batches)
 * Each method loads the same rows into a fresh TEMP staging table of a file database, then the commit step
 * (INSERT INTO target SELECT ... FROM staging) is timed once for the implemented path.
 */
import { mkdtempSync, rmSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DuckDBInstance, DuckDBConnection, DuckDBDataChunk, DuckDBTimestampTZValue, DuckDBAppender, DuckDBType,
} from '@duckdb/node-api';
import type { Column, RecordBatch, Value } from '../src/domain/model/record-batch.js';
import { writeBatchToAppender } from '../src/adapters/duckdb/duckdb-chunk-writer.js';
import { DuckDbTableStore } from '../src/adapters/duckdb/duckdb-table-store.js';

const TOTAL = Number(process.argv[2] ?? 2_000_000);
const BATCH = 4096;
const COLUMNS: Column[] = [
  { name: 'time', type: 'long' }, { name: 'id', type: 'long' }, { name: 'price', type: 'double' },
  { name: 'name', type: 'string' }, { name: 'flag', type: 'boolean' }, { name: 'ts', type: 'timestamp' },
  { name: 'payload', type: 'json' }, { name: 'note', type: 'string' },
];
const DDL = '("time" BIGINT, id BIGINT, price DOUBLE, name VARCHAR, flag BOOLEAN, ts TIMESTAMPTZ, payload JSON, note VARCHAR)';

function makeBatch(seed: number): RecordBatch {
  const v: Value[][] = COLUMNS.map(() => []);
  for (let i = 0; i < BATCH; i++) {
    const n = seed * BATCH + i;
    v[0]!.push(1_700_000_000 + n);
    v[1]!.push(n % 1000 === 0 ? 9007199254740993n + BigInt(n) : n);
    v[2]!.push(n * 0.25);
    v[3]!.push(`name "${n}", ünïcode`);
    v[4]!.push(n % 3 === 0);
    v[5]!.push(new Date(1_700_000_000_000 + n * 1001));
    v[6]!.push({ k: n, tags: ['a', 'b'] });
    v[7]!.push(n % 5 === 0 ? null : `line\nbreak ${n}`);
  }
  return { columns: COLUMNS, vectors: v, length: BATCH };
}
const POOL = Array.from({ length: 16 }, (_, i) => makeBatch(i));
function* batches(): Generator<RecordBatch> {
  for (let done = 0, i = 0; done < TOTAL; done += BATCH, i++) yield POOL[i % POOL.length]!;
}

function appendRow(app: DuckDBAppender, b: RecordBatch): void {
  for (let r = 0; r < b.length; r++) {
    for (let c = 0; c < COLUMNS.length; c++) {
      const x = b.vectors[c]![r];
      if (x === null || x === undefined) app.appendNull();
      else if (c <= 1) app.appendBigInt(BigInt(x as number | bigint));
      else if (c === 2) app.appendDouble(x as number);
      else if (c === 4) app.appendBoolean(x as boolean);
      else if (c === 5) app.appendTimestampTZ(new DuckDBTimestampTZValue(BigInt((x as Date).getTime()) * 1000n));
      else if (c === 6) app.appendVarchar(JSON.stringify(x));
      else app.appendVarchar(x as string);
    }
    app.endRow();
  }
}

function appendChunkSetColumnValues(app: DuckDBAppender, types: DuckDBType[], b: RecordBatch): void {
  for (let off = 0; off < b.length; off += 2048) {
    const n = Math.min(2048, b.length - off);
    const chunk = DuckDBDataChunk.create(types, n);
    for (let c = 0; c < COLUMNS.length; c++) {
      const src = b.vectors[c]!.slice(off, off + n);
      chunk.setColumnValues(c, src.map((x) => {
        if (x === null) return null;
        if (c <= 1) return BigInt(x as number | bigint);
        if (c === 5) return new DuckDBTimestampTZValue(BigInt((x as Date).getTime()) * 1000n);
        if (c === 6) return JSON.stringify(x);
        return x as string | number | boolean;
      }));
    }
    app.appendDataChunk(chunk);
  }
}

function csvCell(x: Value, c: number): string {
  if (x === null) return '';
  if (c === 5) return (x as Date).toISOString();
  const s = c === 6 ? JSON.stringify(x) : String(x);
  return c === 3 || c === 6 || c === 7 ? `"${s.replaceAll('"', '""')}"` : s;
}

async function timed(label: string, run: () => Promise<void>, conn: DuckDBConnection): Promise<void> {
  await conn.run('DROP TABLE IF EXISTS staging');
  await conn.run(`CREATE TEMP TABLE staging ${DDL}`);
  const t0 = performance.now();
  await run();
  const secs = (performance.now() - t0) / 1000;
  const count = Number((await conn.runAndReadAll('SELECT count(*) FROM staging')).getRows()[0]![0]);
  console.log(`${label.padEnd(38)} ${String(count).padStart(9)} rows ${secs.toFixed(2).padStart(6)} s ${Math.round(count / secs).toLocaleString('en-US').padStart(11)} rows/s`);
}

const dir = mkdtempSync(join(tmpdir(), 'duckdb-ingest-'));
const instance = await DuckDBInstance.create(join(dir, 'bench.duckdb'));
const conn = await instance.connect();
try {
  console.log(`DuckDB ingest: ${TOTAL.toLocaleString('en-US')} rows x ${COLUMNS.length} columns, ${BATCH}-row batches`);
  await timed('appender, row-wise', async () => {
    const app = await conn.createAppender('staging', 'main', 'temp');
    for (const b of batches()) appendRow(app, b);
    app.closeSync();
  }, conn);
  await timed('appender, chunk setColumnValues', async () => {
    const app = await conn.createAppender('staging', 'main', 'temp');
    const types = Array.from({ length: app.columnCount }, (_, i) => app.columnType(i));
    for (const b of batches()) appendChunkSetColumnValues(app, types, b);
    app.closeSync();
  }, conn);
  await timed('appender, chunk writer (implemented)', async () => {
    const app = await conn.createAppender('staging', 'main', 'temp');
    for (const b of batches()) writeBatchToAppender(app, b, COLUMNS);
    app.closeSync();
  }, conn);
  await timed('CSV staging file + COPY', async () => {
    const file = join(dir, 'staging.csv');
    const fd = openSync(file, 'w');
    for (const b of batches()) {
      let out = '';
      for (let r = 0; r < b.length; r++) {
        for (let c = 0; c < COLUMNS.length; c++) out += (c ? ',' : '') + csvCell(b.vectors[c]![r] ?? null, c);
        out += '\n';
      }
      writeSync(fd, out);
    }
    closeSync(fd);
    await conn.run(`COPY staging FROM '${file}' (FORMAT csv, HEADER false, QUOTE '"', ESCAPE '"', NULL '', allow_quoted_nulls false)`);
  }, conn);
  await conn.run(`CREATE TABLE target ${DDL}`);
  const staged = Number((await conn.runAndReadAll('SELECT count(*) FROM staging')).getRows()[0]![0]);
  const t0 = performance.now();
  await conn.run('BEGIN; INSERT INTO target SELECT * FROM staging; COMMIT');
  const secs = (performance.now() - t0) / 1000;
  console.log(`${'commit: INSERT target FROM staging'.padEnd(38)} ${' '.repeat(14)} ${secs.toFixed(2).padStart(6)} s ${Math.round(staged / secs).toLocaleString('en-US').padStart(11)} rows/s`);
  // Replace strategies on a 2M-row target: rows swapped inside the kept table vs a new table renamed over it.
  await conn.run(`CREATE TABLE swap_target AS SELECT * FROM target`);
  const t1 = performance.now();
  await conn.run('BEGIN; DELETE FROM target; INSERT INTO target SELECT * FROM staging; COMMIT');
  const t2 = performance.now();
  await conn.run('BEGIN; CREATE TABLE swap_new AS SELECT * FROM staging; DROP TABLE swap_target; ALTER TABLE swap_new RENAME TO swap_target; COMMIT');
  const t3 = performance.now();
  console.log(`replace commit: DELETE + INSERT in kept table ${((t2 - t1) / 1000).toFixed(2)} s; CTAS + DROP + RENAME ${((t3 - t2) / 1000).toFixed(2)} s`);
} finally {
  conn.closeSync();
  instance.closeSync();
}
// End to end through the adapter: beginLoad, write every batch, commit (staging + INSERT ... SELECT).
const store = await DuckDbTableStore.open(join(dir, 'store.duckdb'));
try {
  const ref = { database: 'bench', table: 'events' };
  await store.createDatabase(ref.database);
  await store.createTable(ref);
  const t0 = performance.now();
  const load = await store.beginLoad(ref, 'append');
  for (const b of batches()) await load.write(b);
  const { rows } = await load.commit();
  const secs = (performance.now() - t0) / 1000;
  console.log(`${'DuckDbTableStore append, end to end'.padEnd(38)} ${String(rows).padStart(9)} rows ${secs.toFixed(2).padStart(6)} s ${Math.round(rows / secs).toLocaleString('en-US').padStart(11)} rows/s`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

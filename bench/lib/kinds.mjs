// The work each scenario measures. Every kind returns { rows, bytes, seconds, note? }; bytes are as stored.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { loadConfig } from './configs.mjs';

// Modules are imported inside each kind, so a scenario's peak RSS holds only what that scenario loads.

async function timed(work) {
  const start = process.hrtime.bigint();
  const out = await work();
  return { ...out, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

async function readFile({ path }) {
  return timed(async () => {
    let bytes = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) bytes += chunk.length;
    return { rows: 0, bytes };
  });
}

async function readS3({ s3, key }) {
  const { GetObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
  const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const out = await timed(async () => {
    const res = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    let bytes = 0;
    for await (const chunk of res.Body) bytes += chunk.length;
    return { rows: 0, bytes };
  });
  client.destroy();
  return out;
}

/** Lists the prefix and GETs every object, `concurrency` at a time: the floor for a many-small-files import from S3. */
async function readS3Prefix({ s3, prefix, concurrency = 1 }) {
  const { GetObjectCommand, ListObjectsV2Command, S3Client } = await import('@aws-sdk/client-s3');
  const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const out = await timed(async () => {
    const keys = [];
    let token;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) keys.push(o.Key);
      token = page.NextContinuationToken;
    } while (token);
    let bytes = 0;
    let next = 0;
    const worker = async () => {
      while (next < keys.length) {
        const res = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: keys[next++] }));
        for await (const chunk of res.Body) bytes += chunk.length;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { rows: 0, bytes, note: `${keys.length} GETs, ${concurrency} at a time` };
  });
  client.destroy();
  return out;
}

/** fast-csv yields string rows only, so this is a floor for any typed parser. */
async function parseFastCsv({ path, bytes }) {
  const { parse: fastCsvParse } = await import('fast-csv');
  return timed(() => new Promise((resolve, reject) => {
    let rows = 0;
    createReadStream(path, { highWaterMark: 1 << 16 })
      .pipe(fastCsvParse({ headers: false, skipLines: 1 }))
      .on('data', () => rows++)
      .on('error', reject)
      .on('end', () => resolve({ rows, bytes }));
  }));
}

async function parseOurs({ path, bytes }) {
  const { S3Import } = await import('../../dist/app/s3-import.js');
  const { createParser } = await import('../../dist/domain/parsing/create-parser.js');
  const app = S3Import.config(loadConfig({ type: 'file', prefix: path }));
  const parser = createParser(app.in.parser);
  return timed(async () => {
    let rows = 0;
    const text = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
    for await (const batch of parser.parse(text, { file: path, onReject: () => undefined })) rows += batch.length;
    return { rows, bytes };
  });
}

/** DuckDB's own reader, auto-detecting the dialect and types as read_csv_auto does, into an in-memory table. */
async function duckdbNative({ glob, bytes }) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const out = await timed(async () => {
    await connection.run(`CREATE TABLE t AS SELECT * FROM read_csv('${glob.replaceAll("'", "''")}')`);
    const reader = await connection.runAndReadAll('SELECT count(*) AS n FROM t');
    return { rows: Number(reader.getRowObjects()[0].n), bytes };
  });
  const threads = (await connection.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjects()[0].t;
  connection.closeSync();
  instance.closeSync();
  return { ...out, note: `duckdb threads=${threads}` };
}

/** Our end-to-end import (list, read, decompress, parse, load) into the embedded DuckDB warehouse. */
async function importOurs({ where, format, exec, bytes, warehouse = 'duckdb' }) {
  const { createS3Import, S3Import } = await import('../../dist/index.js');
  const home = mkdtempSync(join(tmpdir(), 's3-import-bench-'));
  const app = await createS3Import({ home, warehouse, logger: quietLogger() });
  try {
    const config = S3Import.config(loadConfig(where, { format, exec }));
    // The warehouse is opened before the clock starts, as duckdbNative creates its instance first: both sides time
    // the load, not loading DuckDB's library or opening a database (a long-lived host, or the scheduler, pays that
    // once). `s3-import issue` pays it per run: see the CLI timings in docs/benchmarks.md.
    await app.warehouse.listDatabases();
    const out = await timed(async () => {
      const job = await app.import({ config, database: 'bench', table: 't', autoCreateTable: true });
      if (job.status !== 'success') throw new Error(`import ended ${job.status}: ${JSON.stringify(job.error)}`);
      return { rows: job.records, bytes: job.bytes || bytes, note: `${job.files} files` };
    });
    return out;
  } finally {
    await app.close();
    rmSync(home, { recursive: true, force: true });
  }
}

function quietLogger() {
  const noop = () => undefined;
  return { debug: noop, info: noop, warn: (m) => process.stderr.write(`warn: ${m}\n`), error: (m) => process.stderr.write(`error: ${m}\n`) };
}


/** Scenario kinds by name, as bench/run.mjs plans them. */
export const SCENARIO_KINDS = {
  'read-file': readFile, 'read-s3': readS3, 'read-s3-prefix': readS3Prefix, 'parse-fast-csv': parseFastCsv, 'parse-ours': parseOurs,
  'duckdb-native': duckdbNative, import: importOurs,
};

// Deterministic bench data, streamed to disk so a 1 GB file never sits in memory.
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { createReadStream } from 'node:fs';

/** Bumped whenever the row format changes, so cached data is regenerated. */
const FORMAT_VERSION = 2;

export const HEADER = 'id,name,price,qty,active,created_at,note,score\n';

/** The 8 typed columns every CSV/JSONL row carries (as in bench/parse-bench.ts). */
export const COLUMNS = [
  { name: 'id', type: 'long' }, { name: 'name', type: 'string' }, { name: 'price', type: 'double' },
  { name: 'qty', type: 'long' }, { name: 'active', type: 'boolean' },
  { name: 'created_at', type: 'timestamp', format: '%Y-%m-%d %H:%M:%S' },
  { name: 'note', type: 'string' }, { name: 'score', type: 'double' },
];

function rowFields(i, rand) {
  const day = String(1 + (i % 28)).padStart(2, '0');
  return {
    id: i, name: `name_${Math.floor(rand() * 1e6)}`, price: (rand() * 1000).toFixed(2), qty: Math.floor(rand() * 500),
    active: rand() < 0.5, created_at: `2024-03-${day} 12:${String(i % 60).padStart(2, '0')}:00`,
    // One row in ten has a quoted field with escaped quotes and a comma, so the tokenizer's slow path is exercised.
    quoted: rand() < 0.1, note: `note ${i % 977}`, score: (rand() * 10).toFixed(4),
  };
}

function lcg(seed) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

function csvLine(f) {
  const note = f.quoted ? '"said ""hi"", then left"' : f.note;
  return `${f.id},${f.name},${f.price},${f.qty},${f.active},${f.created_at},${note},${f.score}\n`;
}

function jsonLine(f) {
  const note = f.quoted ? 'said "hi", then left' : f.note;
  return `${JSON.stringify({ id: f.id, name: f.name, price: Number(f.price), qty: f.qty, active: f.active, created_at: f.created_at, note, score: Number(f.score) })}\n`;
}

/** Writes rows [first, first+count) to `path` in ~1 MB chunks, respecting backpressure. Returns bytes written. */
export async function writeRows(path, { first = 0, count, format = 'csv', seed = 42 }) {
  return (await writeRowsUntil(path, { first, count, format, seed, maxBytes: Infinity })).bytes;
}

/** As writeRows, stopping after `count` rows or once `maxBytes` are written (the file is never built in memory). */
export async function writeRowsUntil(path, { first = 0, count = Infinity, format = 'csv', seed = 42, maxBytes }) {
  const out = createWriteStream(path);
  const rand = lcg(seed + first);
  const line = format === 'csv' ? csvLine : jsonLine;
  let buf = format === 'csv' ? HEADER : '';
  let written = 0;
  let i = first;
  for (; i < first + count && written + buf.length < maxBytes; i++) {
    buf += line(rowFields(i, rand));
    if (buf.length >= 1 << 20) {
      written += buf.length;
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return { bytes: statSync(path).size, rows: i - first };
}

async function gzipFile(src, dst) {
  await pipeline(createReadStream(src), createGzip({ level: 6 }), createWriteStream(dst));
}

function bzip2File(src, dst) {
  // lbzip2 uses both cores; bzip2 is the fallback. Either writes the same format.
  const tool = spawnSync('sh', ['-c', 'command -v lbzip2 || command -v bzip2']).stdout.toString().trim();
  if (!tool) throw new Error('bench needs lbzip2 or bzip2 on PATH to write the .bz2 file (apt-get install lbzip2)');
  const r = spawnSync('sh', ['-c', `"${tool}" -c -9 < "${src}" > "${dst}"`]);
  if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr}`);
}

/**
 * Lays out one data set under `dir` (skipped when a manifest with the same plan is there):
 * large/big.csv, medium.csv.gz, medium.csv.bz2, medium.jsonl, and small/part-NNNNN.csv.
 */
export async function ensureDataSet(dir, plan) {
  const manifestPath = join(dir, 'manifest.json');
  const want = JSON.stringify({ FORMAT_VERSION, plan });
  if (existsSync(manifestPath)) {
    const have = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (JSON.stringify({ FORMAT_VERSION: have.FORMAT_VERSION, plan: have.plan }) === want) return have;
  }
  rmSync(dir, { recursive: true, force: true });
  for (const sub of ['large', 'gz', 'bz2', 'jsonl', 'small', 'medium-files']) mkdirSync(join(dir, sub), { recursive: true });
  const files = {};
  files.csv = { path: join(dir, 'large/big.csv'), rows: plan.largeRows };
  await writeRows(files.csv.path, { count: plan.largeRows });
  const medium = join(dir, 'medium.csv');
  await writeRows(medium, { count: plan.mediumRows });
  files.gz = { path: join(dir, 'gz/medium.csv.gz'), rows: plan.mediumRows };
  await gzipFile(medium, files.gz.path);
  files.bz2 = { path: join(dir, 'bz2/medium.csv.bz2'), rows: plan.mediumRows };
  bzip2File(medium, files.bz2.path);
  rmSync(medium);
  files.jsonl = { path: join(dir, 'jsonl/medium.jsonl'), rows: plan.mediumRows };
  await writeRows(files.jsonl.path, { count: plan.mediumRows, format: 'jsonl' });
  let smallBytes = 0;
  for (let f = 0; f < plan.smallFiles; f++) {
    smallBytes += await writeRows(join(dir, 'small', `part-${String(f).padStart(5, '0')}.csv`), { first: f * plan.smallRows, count: plan.smallRows });
  }
  files.small = { path: join(dir, 'small'), rows: plan.smallFiles * plan.smallRows, files: plan.smallFiles, bytes: smallBytes };
  let mediumBytes = 0;
  for (let f = 0; f < plan.mediumFiles; f++) {
    mediumBytes += await writeRows(join(dir, 'medium-files', `part-${String(f).padStart(4, '0')}.csv`), { first: f * plan.mediumFileRows, count: plan.mediumFileRows });
  }
  files.mediumFiles = { path: join(dir, 'medium-files'), rows: plan.mediumFiles * plan.mediumFileRows, files: plan.mediumFiles, bytes: mediumBytes };
  for (const k of ['csv', 'gz', 'bz2', 'jsonl']) files[k].bytes = statSync(files[k].path).size;
  const manifest = { FORMAT_VERSION, plan, files };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return manifest;
}

// Peak memory of the CLI on a large file and on very many small files (in.type: file).
// Run: npm run build && node bench/memory.mjs [--size-gb 1] [--files 50000] [--workers N] [--keep]
// Also a wide CSV (80 string columns, 150,000 rows, ~275 MB). S3_IMPORT_WAREHOUSE=duckdb-thread measures that warehouse.
// --workers sets exec.parse_workers (default: the config default).
// Data goes to bench/data/memory (gitignored) and is deleted at the end unless --keep.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import console from 'node:console';
import { stringify } from 'yaml';
import { ensureRows, ensureWide, WIDE_COLUMNS } from './lib/memory-data.mjs';
import { loadConfig } from './lib/configs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const sizeGb = arg('size-gb', 1);
const fileCount = arg('files', 50_000);
const workers = arg('workers', undefined);
const dataDir = join(root, 'bench/data/memory');

const free = spawnSync('df', ['-h', '/tmp', root], { encoding: 'utf8' }).stdout;
console.log(`disk before generating:\n${free}`);
const { large, small } = await ensureRows(dataDir, { sizeGb, fileCount });
console.log(`large: ${large.path} ${(statSync(large.path).size / 1e9).toFixed(2)} GB, ${large.rows} rows; small: ${fileCount} files, ${small.rows} rows`);

const wide = await ensureWide(join(dataDir, 'wide'));
const wideParser = {
  type: 'csv', charset: 'UTF-8', newline: 'LF', delimiter: ',', quote: '"', escape: '"', skip_header_lines: 1,
  columns: Array.from({ length: WIDE_COLUMNS }, (_, c) => ({ name: `c${c}`, type: 'string' })),
};
const results = [
  measure(`large csv ${sizeGb} GB`, { type: 'file', prefix: large.path }),
  measure(`${fileCount} small files`, { type: 'file', prefix: `${small.path}/` }),
  measure(`wide csv (${WIDE_COLUMNS} string columns, ${wide.rows} rows)`, { type: 'file', prefix: wide.path }, wideParser),
];
console.log(JSON.stringify({ sizeGb, fileCount, parseWorkers: workers ?? 'default', results }, null, 2));
if (!process.argv.includes('--keep')) rmSync(dataDir, { recursive: true, force: true });

/** Runs `s3-import issue` under /usr/bin/time -v (or polls VmHWM) and returns its peak RSS and duration. */
function measure(name, where, parser) {
  const home = mkdtempSync(join(tmpdir(), 's3-import-mem-'));
  const configPath = join(home, 'load.yml');
  const config = loadConfig(where, { exec: { max_threads: 2, ...(workers === undefined ? {} : { parse_workers: workers }) } });
  if (parser !== undefined) config.in.parser = parser;
  writeFileSync(configPath, stringify(config));
  const cli = [join(root, 'bin/s3-import.js'), '--home', home, '--format', 'json', '--no-progress', 'issue', configPath, '--database', 'mem', '--table', 't', '--auto-create-table'];
  const started = Date.now();
  const withTime = existsSync('/usr/bin/time');
  const child = withTime
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...cli], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(process.execPath, cli, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (Date.now() - started) / 1000;
  rmSync(home, { recursive: true, force: true });
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr ?? '');
  const job = parseJob(child.stdout);
  const result = {
    name, exit: child.status, seconds, records: job?.records ?? null, files: job?.files ?? null,
    peak_rss_mb: kb ? Math.round(Number(kb[1]) / 1024) : null,
    how: withTime ? '/usr/bin/time -v' : 'no /usr/bin/time: peak RSS not measured',
  };
  if (child.status !== 0) result.stderr = (child.stderr ?? '').split('\n').filter((l) => !l.startsWith('\t')).slice(-5).join(' | ');
  console.log(`${name}: ${JSON.stringify(result)}`);
  return result;
}

function parseJob(stdout) {
  try {
    const doc = JSON.parse(stdout);
    return doc.job ?? doc;
  } catch {
    return null;
  }
}


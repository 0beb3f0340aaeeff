// `npm run bench [-- --quick]`: our import vs DuckDB's own CSV reader, parsers alone and raw reads, side by side,
// each in its own child process (peak RSS per scenario). Writes bench/results/latest.json. See docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import console from 'node:console';
import { ensureDataSet } from './lib/generate.mjs';
import { startMotoBucket, upload, uploadFolder } from './lib/moto.mjs';
import { planScenarios, SIZES } from './lib/plan.mjs';
import { printTable, ratios } from './lib/report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const mode = process.argv.includes('--quick') ? 'quick' : 'full';
// --repeat N runs every scenario N times and keeps the median by time: the machine is shared, so single runs are noisy.
const repeatAt = process.argv.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Math.max(1, Number(process.argv[repeatAt + 1]) || 1) : 1;
const load = [loadavg()[0]];

console.log(`bench (${mode}): generating data under bench/data/${mode} (cached between runs)...`);
const manifest = await ensureDataSet(join(root, 'bench/data', mode), SIZES[mode]);
const { files } = manifest;
const workers = await parseWorkersOption();
console.log(`worker threads: ${workers === 'parse_workers' ? 'exec.parse_workers exists; comparing parse_workers 1 vs 2' : 'no exec.parse_workers option yet; comparing exec.max_threads 1 vs 2 (one thread, async I/O overlap only)'}`);

const moto = await startMotoBucket();
let s3 = null;
try {
  if (typeof moto === 'string') {
    console.log(`S3 scenarios skipped: ${moto}`);
  } else {
    console.log(`uploading to moto at ${moto.endpoint}...`);
    await upload(moto, files.csv.path, 'large/big.csv');
    await upload(moto, files.gz.path, 'gz/medium.csv.gz');
    await upload(moto, files.bz2.path, 'bz2/medium.csv.bz2');
    await upload(moto, files.jsonl.path, 'jsonl/medium.jsonl');
    await uploadFolder(moto, files.small.path, 'small/');
    await uploadFolder(moto, files.mediumFiles.path, 'medium/');
    s3 = { endpoint: moto.endpoint, bucket: moto.bucket };
  }
  const results = [];
  for (const spec of planScenarios(files, s3, workers)) {
    const result = median(Array.from({ length: repeat }, () => runChild(spec)));
    results.push(result);
    console.log(`  ${spec.name}: ${result.error ? `FAILED ${result.error}` : `${result.seconds} s, ${result.mb_per_s} MB/s, ${result.rows_per_s} rows/s, ${result.peak_rss_mb} MB peak`}`);
    load.push(loadavg()[0]);
  }
  const report = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadavg: load.map((l) => Number(l.toFixed(2))) },
    mode, repeat, data: Object.fromEntries(Object.entries(files).map(([k, f]) => [k, { rows: f.rows, mb: Number((f.bytes / 1e6).toFixed(1)), ...(f.files ? { files: f.files } : {}) }])),
    workers, s3: s3 ? 'moto' : null,
    scenarios: results,
    ratios: ratios(results, s3 !== null, workers),
  };
  printTable(report);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  // latest.json is whatever ran last; latest-<mode>.json keeps the last run of each mode.
  for (const name of ['latest.json', `latest-${mode}.json`]) writeFileSync(join(root, 'bench/results', name), `${JSON.stringify(report, null, 2)}\n`);
  console.log('wrote bench/results/latest.json');
} finally {
  if (typeof moto !== 'string') await moto.stop();
}

function runChild(spec) {
  const child = spawnSync(process.execPath, ['bench/scenario.mjs', JSON.stringify(spec)], { cwd: root, encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 24 });
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (line) return JSON.parse(line.slice(7));
  const why = (child.stderr || child.error?.message || `exit ${child.status}`).trim().split('\n').slice(-3).join(' | ');
  return { name: spec.name, error: why };
}

/** The run with the median time; peak RSS is the highest seen, since memory is not noise. */
function median(runs) {
  const ok = runs.filter((r) => !r.error).sort((a, b) => a.seconds - b.seconds);
  if (ok.length === 0) return runs[0];
  const mid = ok[Math.floor((ok.length - 1) / 2)];
  return { ...mid, peak_rss_mb: Math.max(...ok.map((r) => r.peak_rss_mb)), ...(ok.length > 1 ? { runs: ok.length } : {}) };
}

/** True once another engineer's worker-thread parsing lands as `exec.parse_workers`. */
async function parseWorkersOption() {
  const { S3Import } = await import('../dist/app/s3-import.js');
  try {
    S3Import.config({ in: { type: 'file', path_prefix: 'x', parser: { type: 'jsonl' } }, exec: { parse_workers: 2 } });
    return 'parse_workers';
  } catch {
    return 'max_threads';
  }
}

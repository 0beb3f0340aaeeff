// CPU profile of one end-to-end import of the bench's large CSV (local folder), top self-time functions.
// Run: npm run build && node bench/profile.mjs [--quick] [--top 10] [--workers N] [--small]   (needs the data of `npm run bench` first)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import console from 'node:console';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv.includes('--quick') ? 'quick' : 'full';
const topAt = process.argv.indexOf('--top');
const top = topAt >= 0 ? Number(process.argv[topAt + 1]) : 10;
const workersAt = process.argv.indexOf('--workers');
const exec = workersAt >= 0 ? { parse_workers: Number(process.argv[workersAt + 1]) } : {};
const { files } = JSON.parse(readFileSync(join(root, 'bench/data', mode, 'manifest.json'), 'utf8'));
const data = process.argv.includes('--small') ? { path: files.small.path, bytes: files.small.bytes, label: 'small files' } : { ...files.csv, label: 'csv' };
const spec = { name: `import file: ${data.label} (profiled)`, kind: 'import', where: { type: 'file', prefix: data.path }, format: 'csv', exec, bytes: data.bytes };

const dir = mkdtempSync(join(tmpdir(), 's3-import-prof-'));
const child = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, 'bench/scenario.mjs', JSON.stringify(spec)], { cwd: root, encoding: 'utf8' });
console.log(child.stdout.split('\n').find((l) => l.startsWith('RESULT')) ?? child.stderr);
// One profile per thread (main first, then each worker thread, by file name order of their thread ids).
const profiles = readdirSync(dir).sort().map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')));
rmSync(dir, { recursive: true, force: true });
for (const [index, profile] of profiles.entries()) report(profile, index === 0 ? 'main thread' : `thread ${index}`);

function report(profile, label) {

// Self time per node = its sample count x the mean sampling interval; nodes of one function are summed.
const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
const hits = new Map();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
const byFunction = new Map();
for (const node of profile.nodes) {
  const n = hits.get(node.id) ?? 0;
  if (n === 0) continue;
  const f = node.callFrame;
  const file = f.url.startsWith('file:') ? relative(root, fileURLToPath(f.url)) : f.url;
  const where = file ? `${file}:${f.lineNumber + 1}` : '';
  const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + n);
}
const total = profile.samples.length;
const rows = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top);
console.log(`${label}: top ${top} self time of ${(total * interval / 1000).toFixed(1)} s sampled:`);
for (const [name, n] of rows) console.log(`${(100 * n / total).toFixed(1).padStart(5)}%  ${(n * interval).toFixed(0).padStart(6)} ms  ${name}`);
}

import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { workspace, writeConfig, type Job, type Rows } from '../fixtures/cli/cli-kit.js';
import { bytesRead } from '../support/outcomes.js';

// S3_IMPORT_WAREHOUSE=duckdb-thread: the same warehouse file, served by a thread of its own. What a user sees must
// not change: the same rows, the same errors, and a killed import still leaves the table as it was.

const THREAD = { S3_IMPORT_WAREHOUSE: 'duckdb-thread' };
const MAIN = { S3_IMPORT_WAREHOUSE: 'duckdb' };
const PARSER = {
  type: 'csv', skip_header_lines: 1,
  columns: [{ name: 'id', type: 'long' }, { name: 'name', type: 'string' }, { name: 'at', type: 'timestamp', format: '%Y-%m-%d %H:%M:%S' }],
};

/** Row `i` of a file: its name is long (over 12 UTF-8 bytes: it crosses to the thread as bytes) every 7th and 5th row, non-ASCII every 5th. */
const nameOf = (n: number, i: number): string => `name-${n}${i % 7 === 0 ? ' with a longer tail' : ''}${i % 5 === 0 ? ' — ünïcödé 😀' : ''}`;

const csv = (from: number, count: number): string =>
  ['id,name,at', ...Array.from({ length: count }, (_, i) => `${from + i},${nameOf(from + i, i)},2024-01-0${1 + (i % 9)} 10:00:0${i % 10}`)].join('\n') + '\n';

async function importWith(env: Record<string, string>, home: string, load: string, table: string, extra: readonly string[] = []): Promise<Job> {
  const result = await runCli(['--format', 'json', 'issue', load, '--database', 'wt', '--table', table, '--auto-create-table', ...extra], { home, env });
  expect(result.code, result.stdout + result.stderr).to.equal(0);
  return result.json as Job;
}

async function rowsOf(env: Record<string, string>, home: string, table: string): Promise<Rows> {
  const result = await runCli(['--format', 'json', 'table:tail', 'wt', table, '-n', '100000'], { home, env });
  expect(result.code, result.stdout + result.stderr).to.equal(0);
  return result.json as Rows;
}

describe('CLI with the warehouse thread (S3_IMPORT_WAREHOUSE=duckdb-thread)', function () {
  this.timeout(240_000);

  it('imports a folder of 300 small files and a larger file into the same rows as DuckDB on the main thread', async function () {
    const files: Record<string, string> = {};
    for (let f = 0; f < 300; f++) files[`small-${String(f).padStart(3, '0')}.csv`] = csv(f * 10, 10);
    files['z-large.csv'] = csv(100_000, 30_000);
    const ws = workspace(files);
    const load = writeConfig(ws.dir, 'load.yml', { in: { type: 'file', path_prefix: `${ws.dir}/d/`, parser: PARSER } });
    const threaded = await importWith(THREAD, ws.home, load, 'threaded');
    const plain = await importWith(MAIN, ws.home, load, 'plain');
    expect(threaded).to.include({ status: 'success', files: 301, records: 33_000 });
    expect(plain).to.include({ status: 'success', files: 301, records: 33_000 });
    const [a, b] = [await rowsOf(THREAD, ws.home, 'threaded'), await rowsOf(MAIN, ws.home, 'plain')];
    expect(a.rows.length).to.equal(33_000);
    expect(a).to.deep.equal(b);
    // Both go through the same parser, whose batch buffers the stores hand back for reuse: every row must also be
    // the one its file wrote.
    const [id, name] = ['id', 'name'].map((c) => a.columns.findIndex((column) => column.name === c)) as [number, number];
    const wrong = a.rows.filter((row) => {
      const n = Number(row[id]);
      const i = n >= 100_000 ? n - 100_000 : n % 10;
      return row[name] !== nameOf(n, i);
    });
    expect(wrong.slice(0, 3)).to.deep.equal([]);
    expect(new Set(a.rows.map((row) => Number(row[id]))).size).to.equal(33_000);
  });

  it('is what the CLI uses to load tables unless S3_IMPORT_WAREHOUSE says otherwise; other commands open DuckDB on the main thread', async function () {
    const ws = workspace({ 'a.csv': csv(0, 2) });
    const load = writeConfig(ws.dir, 'load.yml', { in: { type: 'file', path_prefix: `${ws.dir}/d/`, parser: PARSER } });
    const run = async (env: Record<string, string>, args: string[]): Promise<string> => {
      const result = await runCli(['--debug', '--no-progress', ...args], { home: ws.home, env });
      expect(result.code, result.stdout + result.stderr).to.equal(0);
      return result.stderr;
    };
    const issue = ['issue', load, '--database', 'wt', '--table', 't', '--auto-create-table'];
    expect(await run({}, issue)).to.include('(duckdb-thread)');
    expect(await run({}, ['table:list', 'wt'])).to.include('DuckDB on the main thread (duckdb)');
    expect(await run(MAIN, issue)).to.include('DuckDB on the main thread (duckdb)').and.not.include('(duckdb-thread)');
    expect(await run(THREAD, ['table:list', 'wt'])).to.include('(duckdb-thread)');
  });

  it('leaves its core to it: a folder of mid-size files is parsed on the main thread, not by parse workers', async function () {
    const files: Record<string, string> = {};
    for (let f = 0; f < 4; f++) files[`part-${f}.csv`] = csv(f * 3_000, 3_000); // ~130 KB each: auto mode's worker size
    const ws = workspace(files);
    const load = writeConfig(ws.dir, 'load.yml', { in: { type: 'file', path_prefix: `${ws.dir}/d/`, parser: PARSER } });
    const parsing = async (env: Record<string, string>, table: string): Promise<string | undefined> => {
      const result = await runCli(['--debug', '--no-progress', 'issue', load, '--database', 'wt', '--table', table, '--auto-create-table'], { home: ws.home, env });
      expect(result.code, result.stdout + result.stderr).to.equal(0);
      return /parsing on [^\n]*/.exec(result.stderr)?.[0];
    };
    expect(await parsing({}, 'a')).to.equal(availableParallelism() >= 3 ? `parsing on ${Math.min(availableParallelism() - 1, 4)} worker threads` : 'parsing on the main thread');
    expect(await parsing(MAIN, 'b')).to.equal(availableParallelism() >= 2 ? `parsing on ${Math.min(availableParallelism(), 4)} worker threads` : 'parsing on the main thread');
  });

  it('an unknown S3_IMPORT_WAREHOUSE is a config error that names the choices', async function () {
    const ws = workspace({ 'a.csv': csv(0, 2) });
    const load = writeConfig(ws.dir, 'load.yml', { in: { type: 'file', path_prefix: `${ws.dir}/d/`, parser: PARSER } });
    const result = await runCli(['--format', 'json', 'issue', load, '--database', 'wt', '--table', 't', '--auto-create-table'], { home: ws.home, env: { S3_IMPORT_WAREHOUSE: 'duckdb_thread' } });
    expect(result.code).to.equal(2);
    expect(result.stdout + result.stderr).to.include('S3_IMPORT_WAREHOUSE').and.include('duckdb-thread');
  });

  it('a replace killed with SIGKILL mid-load leaves the old rows intact', async function () {
    const ws = workspace({ 'old.csv': csv(1, 3) });
    const old = writeConfig(ws.dir, 'old.yml', { in: { type: 'file', path_prefix: `${ws.dir}/d/old`, parser: PARSER } });
    expect(await importWith(THREAD, ws.home, old, 'kept')).to.include({ status: 'success', records: 3 });

    const big = path.join(ws.dir, 'd', 'big.csv');
    writeFileSync(big, csv(1_000_000, 1_500_000));
    const load = writeConfig(ws.dir, 'big.yml', { in: { type: 'file', path_prefix: big, parser: PARSER }, out: { mode: 'replace' } });
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli/run.ts'), '--home', ws.home, '--no-progress', 'issue', load, '--database', 'wt', '--table', 'kept'], {
      cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...THREAD, S3_IMPORT_MASTER_KEY: undefined },
    });
    const state = { exited: false };
    const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    child.on('exit', () => (state.exited = true));
    // Kill once a good part of the file has been read; without /proc, after 6 s.
    const started = Date.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      if (state.exited) break;
      const read = child.pid === undefined ? undefined : bytesRead(child.pid);
      if (read === undefined ? Date.now() - started > 6_000 : read > 30_000_000) break;
    }
    if (state.exited) expect.fail('the import finished before it could be killed; make the generated file larger');
    child.kill('SIGKILL');
    expect(await closed).to.equal('SIGKILL');
    const kept = await rowsOf(THREAD, ws.home, 'kept');
    expect(kept.rows.map((row) => row[kept.columns.findIndex((c) => c.name === 'id')])).to.deep.equal([1, 2, 3]);
  });
});


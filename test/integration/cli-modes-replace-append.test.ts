import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { column, issue, tail, workspace, writeConfig } from '../fixtures/cli/cli-kit.js';
import { bytesRead } from '../support/outcomes.js';

const PARSER = {
  type: 'csv', skip_header_lines: 1,
  columns: [{ name: 'id', type: 'long' }, { name: 'name', type: 'string' }],
};

const csv = (ids: readonly number[]): string => ['id,name', ...ids.map((i) => `${i},n${i}`)].join('\n') + '\n';

const ids = async (home: string, table: string): Promise<number[]> => (column(await tail(home, table), 'id') as number[]).sort((a, b) => a - b);

/** Writes a CSV of `rows` generated rows (about 50 bytes each) without holding it in memory. */
function writeLargeCsv(file: string, rows: number): void {
  const fd = openSync(file, 'w');
  writeSync(fd, 'id,name\n');
  for (let start = 0; start < rows; start += 100_000) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(rows, start + 100_000); i++) lines.push(`${1_000_000 + i},generated-row-${i}-padding-padding-padding`);
    writeSync(fd, lines.join('\n') + '\n');
  }
  closeSync(fd);
}


describe('CLI modes: replace, replace_on_new_data, append', function () {
  this.timeout(240_000);

  it('replace killed with SIGKILL mid-load leaves the old rows intact (DuckDB on the main thread)', async () => {
    const ws = workspace({ 'old.csv': csv([1, 2, 3]) });
    const old = writeConfig(ws.dir, 'old.yml', { in: { type: 'file', path_prefix: `${ws.dir}/d/old`, parser: PARSER } });
    expect((await issue(ws.home, old, 'kept')).job).to.include({ status: 'success', records: 3 });

    const big = path.join(ws.dir, 'd', 'big.csv');
    writeLargeCsv(big, 2_000_000); // ~100 MB
    const load = writeConfig(ws.dir, 'big.yml', { in: { type: 'file', path_prefix: big, parser: PARSER }, out: { mode: 'replace' } });
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli/run.ts'), '--home', ws.home, '--no-progress', 'issue', load, '--database', 'h12', '--table', 'kept'], {
      // DuckDB on the main thread (the warehouse thread has the same test in cli-warehouse-thread.test.ts).
      cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, S3_IMPORT_WAREHOUSE: 'duckdb', S3_IMPORT_MASTER_KEY: undefined },
    });
    let exited = false;
    const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    child.on('exit', () => (exited = true));
    // Kill once a good part of the file has been read (the load is under way); without /proc, after 6 s.
    const started = Date.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      if (exited) break;
      const read = child.pid === undefined ? undefined : bytesRead(child.pid);
      if (read === undefined ? Date.now() - started > 6_000 : read > 40_000_000) break;
    }
    if (read(exited)) expect.fail('the import finished before it could be killed; make the generated file larger');
    child.kill('SIGKILL');
    expect(await closed).to.equal('SIGKILL');

    expect(await ids(ws.home, 'kept')).to.deep.equal([1, 2, 3]);
    // and the table still takes a normal import afterwards
    expect((await issue(ws.home, old, 'kept')).job).to.include({ status: 'success', records: 3 });
    expect(await ids(ws.home, 'kept')).to.deep.equal([1, 1, 2, 2, 3, 3]);
  });

  it('replace_on_new_data: no new files leaves the table untouched; new files replace it', async () => {
    const ws = workspace({ 'a.csv': csv([1, 2]) });
    const diff = path.join(ws.dir, 'diff.yml');
    const load = writeConfig(ws.dir, 'load.yml', { in: { type: 'file', path_prefix: `${ws.dir}/d/`, parser: PARSER }, out: { mode: 'replace_on_new_data' } });
    expect((await issue(ws.home, load, 'rond', ['-c', diff])).job).to.include({ status: 'success', records: 2 });

    const none = await issue(ws.home, load, 'rond', ['-c', diff]);
    expect(none.result.code, none.result.stdout + none.result.stderr).to.equal(0);
    expect(none.job).to.include({ status: 'no_new_data', files: 0, records: 0 });
    expect(await ids(ws.home, 'rond')).to.deep.equal([1, 2]);

    writeFileSync(path.join(ws.dir, 'd', 'b.csv'), csv([3]));
    expect((await issue(ws.home, load, 'rond', ['-c', diff])).job).to.include({ status: 'success', files: 1, records: 1 });
    expect(await ids(ws.home, 'rond')).to.deep.equal([3]);
  });

  it('append twice doubles the rows; a failed append adds nothing', async () => {
    const ws = workspace({ 'a.csv': csv([1, 2]), 'b.csv': csv([3]) });
    const load = writeConfig(ws.dir, 'load.yml', { in: { type: 'file', path_prefix: `${ws.dir}/d/`, parser: PARSER }, out: { mode: 'append' } });
    expect((await issue(ws.home, load, 'app')).job).to.include({ status: 'success', records: 3, mode: 'append' });
    expect((await issue(ws.home, load, 'app')).job).to.include({ status: 'success', records: 3 });
    expect(await ids(ws.home, 'app')).to.deep.equal([1, 1, 2, 2, 3, 3]);

    // c.csv sorts last: a.csv and b.csv parse fine before it fails, yet none of their rows may stay
    writeFileSync(path.join(ws.dir, 'd', 'c.csv'), 'id,name\n4,n4\nnot-a-number,x\n');
    const strict = writeConfig(ws.dir, 'strict.yml', { in: { type: 'file', path_prefix: `${ws.dir}/d/`, parser: { ...PARSER, stop_on_invalid_record: true } } });
    const failed = await issue(ws.home, strict, 'app');
    expect(failed.result.code, failed.result.stdout + failed.result.stderr).to.equal(1);
    expect(failed.job.status).to.equal('error');
    expect(failed.job.error?.code).to.equal('DATA_INVALID_RECORD');
    expect(await ids(ws.home, 'app')).to.deep.equal([1, 1, 2, 2, 3, 3]);
    const history = await runCli(['--format', 'json', 'job:show', failed.job.job_id], { home: ws.home });
    expect(history.json).to.deep.include({ status: 'error' });
  });
});

/** Reads a flag set by an event handler (keeps the compiler from narrowing it to its initial value). */
function read(flag: boolean): boolean {
  return flag;
}

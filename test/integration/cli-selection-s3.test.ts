import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { runCli, tempHome } from '../support/cli.js';
import { CSV_PARSER, csvFile, issueJson, s3In, tableIds, withS3Backend } from '../support/cli-s3.js';

interface Job { job_id: string; status: string; files: number; records: number; skipped_records: number; error?: { code: string; message: string } }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('CLI file selection against S3 (last_path, modified time, ledger, failures, job:show)', function () {
  this.timeout(180_000);
  const s3 = withS3Backend();

  /** `issue LOAD -c DIFF` in json; returns the job and the exit code. */
  async function issue(home: string, load: string, diff: string, table: string): Promise<{ code: number; job: Job; out: string }> {
    const result = await issueJson(home, load, table, ['-c', diff]);
    return { code: result.code, job: result.json as Job, out: result.stdout + result.stderr };
  }

  async function rowCount(home: string, table: string): Promise<number> {
    const shown = await runCli(['--format', 'json', 'table:show', 'acc', table], { home });
    expect(shown.code, shown.stderr).to.equal(0);
    return (shown.json as { rows: number }).rows;
  }

  it("the seed's CloudFront example: last_path selects the two later files, a rerun finds nothing, a new key loads alone", async () => {
    const bucket = await s3.bucket('cloudfront');
    const names = ['2017-04-23-15.a103fd5a', '2017-04-23-15.b2aede4a', '2017-04-23-16.594fa8e6', '2017-04-23-16.d12f42f9'];
    for (const [i, name] of names.entries()) await s3.backend.put(bucket, `logging/E231A697YXWD39.${name}.gz`, csvFile(range(i * 10, 2), true));
    await s3.backend.put(bucket, 'logging/E231A697YXWD39.2017-04-23-16.notes.txt', csvFile([999]));
    const load = s3.writeConfig('cloudfront.yml', {
      in: s3In(s3.backend, bucket, {
        path_prefix: 'logging/', path_match_pattern: '.gz$', last_path: 'logging/E231A697YXWD39.2017-04-23-15.b2aede4a.gz',
        decoders: [{ type: 'gzip' }],
      }),
    });
    const diff = path.join(s3.dir, 'cloudfront-diff.yml');
    const home = tempHome();

    const first = await issue(home, load, diff, 'cloudfront');
    expect(first.code, first.out).to.equal(0);
    expect(first.job).to.include({ status: 'success', files: 2, records: 4 });
    expect(await tableIds(home, 'cloudfront')).to.deep.equal([20, 21, 30, 31]);
    expect(parse(readFileSync(diff, 'utf8'))).to.deep.equal({ in: { last_path: 'logging/E231A697YXWD39.2017-04-23-16.d12f42f9.gz' }, out: {} });

    const again = await issue(home, load, diff, 'cloudfront');
    expect(again.code, again.out).to.equal(0);
    expect(again.job).to.include({ status: 'no_new_data', files: 0, records: 0 });
    expect(await tableIds(home, 'cloudfront')).to.deep.equal([20, 21, 30, 31]);

    await s3.backend.put(bucket, 'logging/E231A697YXWD39.2017-04-23-17.0badcafe.gz', csvFile([40], true));
    const third = await issue(home, load, diff, 'cloudfront');
    expect(third.code, third.out).to.equal(0);
    expect(third.job).to.include({ status: 'success', files: 1, records: 1 });
    expect(await tableIds(home, 'cloudfront')).to.deep.equal([20, 21, 30, 31, 40]);
    expect(parse(readFileSync(diff, 'utf8'))).to.deep.equal({ in: { last_path: 'logging/E231A697YXWD39.2017-04-23-17.0badcafe.gz' }, out: {} });
  });

  it('use_modified_time: each run imports the files modified since the previous one, no gaps, no overlaps', async () => {
    const bucket = await s3.bucket('modtime');
    const load = s3.writeConfig('modtime.yml', { in: s3In(s3.backend, bucket, { path_prefix: 'm/', use_modified_time: true }) });
    const diff = path.join(s3.dir, 'modtime-diff.yml');
    const home = tempHome();
    await s3.backend.put(bucket, 'm/b.csv', csvFile([1]));
    await s3.backend.put(bucket, 'm/c.csv', csvFile([2]));
    // The listing's own second belongs to the next run (S3 times are whole seconds): let it pass.
    await sleep(1100);

    const first = await issue(home, load, diff, 'modtime');
    expect(first.code, first.out).to.equal(0);
    expect(first.job).to.include({ status: 'success', files: 2 });
    expect(parse(readFileSync(diff, 'utf8')).in).to.have.property('last_modified_time').that.matches(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    // Uploaded right after the first run, in the same second: it must neither be lost nor loaded twice.
    await s3.backend.put(bucket, 'm/a.csv', csvFile([3]));
    await sleep(1100);
    const second = await issue(home, load, diff, 'modtime');
    expect(second.code, second.out).to.equal(0);
    expect(second.job).to.include({ status: 'success', files: 1, records: 1 });

    await s3.backend.put(bucket, 'm/d.csv', csvFile([4]));
    await sleep(1100);
    const third = await issue(home, load, diff, 'modtime');
    expect(third.job, third.out).to.include({ status: 'success', files: 1, records: 1 });
    const fourth = await issue(home, load, diff, 'modtime');
    expect(fourth.job, fourth.out).to.include({ status: 'no_new_data', files: 0 });
    expect(await tableIds(home, 'modtime')).to.deep.equal([1, 2, 3, 4]);
  });

  it('incremental_strategy ledger: a late key that sorts before last_path loads exactly once', async () => {
    const bucket = await s3.bucket('ledger');
    const load = s3.writeConfig('ledger.yml', { in: s3In(s3.backend, bucket, { path_prefix: 'l/', incremental_strategy: 'ledger' }) });
    const diff = path.join(s3.dir, 'ledger-diff.yml');
    const home = tempHome();
    await s3.backend.put(bucket, 'l/2024-01-02.csv', csvFile([2]));
    await s3.backend.put(bucket, 'l/2024-01-03.csv', csvFile([3]));
    const first = await issue(home, load, diff, 'ledger');
    expect(first.job, first.out).to.include({ status: 'success', files: 2 });

    await s3.backend.put(bucket, 'l/2024-01-01.csv', csvFile([1]));
    const second = await issue(home, load, diff, 'ledger');
    expect(second.job, second.out).to.include({ status: 'success', files: 1, records: 1 });
    const third = await issue(home, load, diff, 'ledger');
    expect(third.code, third.out).to.equal(0);
    expect(third.job).to.include({ status: 'no_new_data', files: 0 });
    expect(await tableIds(home, 'ledger')).to.deep.equal([1, 2, 3]);
  });

  it('a failure while loading leaves table and config diff unchanged; the rerun imports each file once', async () => {
    const bucket = await s3.bucket('atomic');
    const load = s3.writeConfig('atomic.yml', { in: s3In(s3.backend, bucket, { path_prefix: 'z/', decoders: [{ type: 'gzip' }] }) });
    const diff = path.join(s3.dir, 'atomic-diff.yml');
    const home = tempHome();
    await s3.backend.put(bucket, 'z/1.csv.gz', csvFile([1, 2], true));
    const first = await issue(home, load, diff, 'atomic');
    expect(first.job, first.out).to.include({ status: 'success', files: 1 });
    const diffBefore = readFileSync(diff, 'utf8');

    const good = csvFile(range(100, 50), true);
    await s3.backend.put(bucket, 'z/2.csv.gz', csvFile([3, 4], true));
    await s3.backend.put(bucket, 'z/3.csv.gz', good.subarray(0, Math.floor(good.length / 2)));
    const failed = await issue(home, load, diff, 'atomic');
    expect(failed.code, failed.out).to.equal(1);
    expect(failed.job.status).to.equal('error');
    expect(failed.job.error?.message, 'names the broken file').to.contain('z/3.csv.gz');
    expect(await rowCount(home, 'atomic')).to.equal(2);
    expect(readFileSync(diff, 'utf8')).to.equal(diffBefore);

    await s3.backend.put(bucket, 'z/3.csv.gz', good);
    const rerun = await issue(home, load, diff, 'atomic');
    expect(rerun.code, rerun.out).to.equal(0);
    expect(rerun.job).to.include({ status: 'success', files: 2, records: 52 });
    expect(await tableIds(home, 'atomic')).to.deep.equal([1, 2, 3, 4, ...range(100, 50)]);
  });

  it('stop_on_invalid_record: an invalid row fails the job with nothing loaded and the diff not written', async () => {
    const bucket = await s3.bucket('strict');
    const load = s3.writeConfig('strict.yml', { in: s3In(s3.backend, bucket, { path_prefix: 's/', parser: { ...CSV_PARSER, stop_on_invalid_record: true } }) });
    const diff = path.join(s3.dir, 'strict-diff.yml');
    const home = tempHome();
    await s3.backend.put(bucket, 's/1.csv', csvFile([1, 2]));
    await s3.backend.put(bucket, 's/2.csv', 'id,name\n3,ok\nnot-a-number,bad\n');
    const failed = await issue(home, load, diff, 'strict');
    expect(failed.code, failed.out).to.equal(1);
    expect(existsSync(diff), 'no diff after a failed run').to.equal(false);
    expect(await tableIds(home, 'strict')).to.deep.equal([]);

    await s3.backend.put(bucket, 's/2.csv', csvFile([3]));
    const rerun = await issue(home, load, diff, 'strict');
    expect(rerun.job, rerun.out).to.include({ status: 'success', files: 2, records: 3 });
    expect(await tableIds(home, 'strict')).to.deep.equal([1, 2, 3]);
  });

  it('job:show --format json lists files_detail with key, size, records and skipped', async () => {
    const bucket = await s3.bucket('detail');
    const bad = 'id,name\n7,ok\noops,bad\n8,ok\n';
    await s3.backend.put(bucket, 'd/1.csv', csvFile([1, 2, 3]));
    await s3.backend.put(bucket, 'd/2.csv', bad);
    const load = s3.writeConfig('detail.yml', { in: s3In(s3.backend, bucket, { path_prefix: 'd/' }) });
    const home = tempHome();
    const run = await issueJson(home, load, 'detail');
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    const job = run.json as Job;
    expect(job).to.include({ records: 5, skipped_records: 1 });
    const shown = await runCli(['--format', 'json', 'job:show', job.job_id], { home });
    expect(shown.code, shown.stderr).to.equal(0);
    const body = shown.json as Job & { files_detail: unknown[] };
    expect(body).to.include({ job_id: job.job_id, status: 'success', files: 2 });
    expect(body.files_detail).to.deep.equal([
      { key: 'd/1.csv', size: csvFile([1, 2, 3]).length, records: 3, skipped: 0 },
      { key: 'd/2.csv', size: Buffer.byteLength(bad), records: 2, skipped: 1 },
    ]);
  });
});

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { runCli, tempHome, type CliResult } from '../support/cli.js';
import { withS3Backend } from '../support/cli-s3.js';
import type { Job } from '../fixtures/cli/cli-kit.js';

interface Schedule { name: string; cron: string; timezone: string; database: string; table: string; next_run: string; time_column: string | null }
interface HistoryRow { job_id: string; status: string; records: number; database: string; table: string }

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The seed's CLI walkthrough (td connector:guess ... connector:delete) against moto, as a user types it. */
describe('CLI schedules: the seed walkthrough on S3', function () {
  this.timeout(240_000);
  const s3 = withS3Backend();
  let bucket: string;
  let seed: string;
  let secret: string;
  /** A load config written by hand (examples/load.yml's parser), for the tests that do not guess. */
  let load: string;

  before(async function () {
    if (!s3.available) return;
    bucket = await s3.bucket('walkthrough');
    for (const name of ['events-2024-01-01.csv', 'events-2024-01-02.csv.gz']) {
      await s3.backend.put(bucket, `path/to/sample_file/${name}`, readFileSync(path.join('examples/data', name)));
    }
    secret = s3.backend.credentials.secretAccessKey;
    const source = {
      type: 's3_v2', endpoint: s3.backend.endpoint, bucket, path_prefix: 'path/to/sample_file/',
      access_key_id: s3.backend.credentials.accessKeyId, secret_access_key: secret,
    };
    seed = s3.writeConfig('seed.yml', { in: source, out: { mode: 'append' } });
    const example = parse(readFileSync('examples/load.yml', 'utf8')) as { in: { parser: unknown } };
    load = s3.writeConfig('load.yml', { in: { ...source, parser: example.in.parser }, out: { mode: 'append' } });
  });

  const cli = (home: string, ...args: string[]): Promise<CliResult> => runCli(['--format', 'json', ...args], { home });
  const ok = (r: CliResult): unknown => {
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    return r.json;
  };
  const noSecret = (r: CliResult): void => {
    expect(r.stdout + r.stderr, 'the secret access key').not.to.contain(secret);
  };

  it('guess, preview, issue, create (Asia/Tokyo), list, show without secrets, run, history, delete', async () => {
    const home = tempHome();
    const guessedLoad = path.join(s3.dir, 'guessed.yml');
    const guessed = await runCli(['guess', seed, '-o', guessedLoad], { home });
    expect(guessed.code, guessed.stderr).to.equal(0);
    noSecret(guessed);
    const parser = (parse(readFileSync(guessedLoad, 'utf8')) as { in: { parser: { columns: { name: string; type: string }[] } } }).in.parser;
    expect(parser.columns.map((c) => `${c.name}:${c.type}`)).to.deep.equal(['id:long', 'user:string', 'page:string', 'status:long', 'duration_ms:long', 'created_at:timestamp']);

    const preview = ok(await cli(home, 'preview', guessedLoad)) as { rows: unknown[][] };
    expect(preview.rows.length).to.be.greaterThan(3);

    const issued = ok(await cli(home, 'issue', guessedLoad, '--database', 'td_sample_db', '--table', 'td_sample_table', '--time-column', 'created_at', '--auto-create-table')) as Job;
    expect(issued).to.include({ status: 'success', files: 2, records: 22, time_column: 'created_at' });

    const created = ok(await cli(home, 'create', 'daily_import', '10 0 * * *', 'td_sample_db', 'td_sample_table', guessedLoad, '--timezone', 'Asia/Tokyo', '--time-column', 'created_at')) as Schedule;
    expect(created).to.include({ name: 'daily_import', cron: '10 0 * * *', timezone: 'Asia/Tokyo', time_column: 'created_at' });
    expect(created.next_run).to.match(/T15:10:00\.000Z$/); // 00:10 in Tokyo

    const listed = ok(await cli(home, 'list')) as Schedule[];
    expect(listed.map((s) => s.name)).to.deep.equal(['daily_import']);

    for (const format of ['json', 'text']) {
      const shown = await runCli(['--format', format, 'show', 'daily_import'], { home });
      expect(shown.code, shown.stderr).to.equal(0);
      expect(shown.stdout).to.contain(bucket);
      noSecret(shown);
    }

    const ran = ok(await cli(home, 'run', 'daily_import')) as Job;
    expect(ran).to.include({ status: 'success', records: 22, database: 'td_sample_db', table: 'td_sample_table' });
    noSecret(await cli(home, 'job:show', ran.job_id));

    const history = ok(await cli(home, 'history', 'daily_import')) as HistoryRow[];
    expect(history.map((h) => [h.job_id, h.status, h.records])).to.deep.equal([[ran.job_id, 'success', 22]]);
    noSecret(await runCli(['history', 'daily_import'], { home }));

    expect(ok(await cli(home, 'delete', 'daily_import'))).to.deep.equal({ deleted: 'daily_import' });
    expect(ok(await cli(home, 'list'))).to.deep.equal([]);
  });

  it('create --timezone PST exits 2 and saves nothing', async () => {
    const home = tempHome();
    const result = await runCli(['create', 'pst', '10 0 * * *', 'd', 't', load, '--timezone', 'PST'], { home });
    expect(result.code, result.stdout + result.stderr).to.equal(2);
    expect(result.stderr).to.match(/^error: \S+: .*PST/);
    expect(ok(await cli(home, 'list'))).to.deep.equal([]);
  });

  it('two scheduler --once processes on one home with a due schedule run exactly one job', async () => {
    const home = tempHome();
    const created = ok(await cli(home, 'create', 'every_minute', '* * * * *', 'db', 'every', load)) as Schedule;
    // A new schedule is first due at its next slot; wait for it (at most a minute) instead of faking the clock.
    const wait = Date.parse(created.next_run) - Date.now() + 1_500;
    console.log(`      waiting ${Math.max(0, Math.round(wait / 1000))} s for the slot ${created.next_run}`);
    await sleep(Math.max(0, wait));

    const [a, b] = await Promise.all([runCli(['scheduler', '--once'], { home }), runCli(['scheduler', '--once'], { home })]);
    expect(a.code, a.stdout + a.stderr).to.equal(0);
    expect(b.code, b.stdout + b.stderr).to.equal(0);
    const history = ok(await cli(home, 'history', 'every_minute')) as HistoryRow[];
    expect(history.map((h) => [h.status, h.records])).to.deep.equal([['success', 22]]);
  });
});

import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempHome } from '../support/cli.js';
import { csvFile, issueJson, s3In, stackFrames, startRecordingProxy, tableIds, withS3Backend } from '../support/cli-s3.js';

interface Job { status: string; files: number; records: number; error?: { code: string; message: string } }

describe('CLI issue against S3 (auth methods, saved authentications, Glacier, secrets)', function () {
  this.timeout(180_000);
  const s3 = withS3Backend({ needIam: true });
  let bucket: string;
  before(async function () {
    if (!s3.available) return;
    bucket = await s3.bucket('cli-s3');
    await s3.backend.put(bucket, 'in/a.csv', csvFile([1, 2]));
    await s3.backend.put(bucket, 'in/b.csv', csvFile([3]));
  });

  async function expectImported(home: string, load: string, table: string): Promise<void> {
    const result = await issueJson(home, load, table);
    expect(result.code, result.stdout + result.stderr).to.equal(0);
    expect(result.json).to.deep.include({ status: 'success', files: 2, records: 3 });
    expect(await tableIds(home, table)).to.deep.equal([1, 2, 3]);
  }

  it('basic: imports the files under the prefix', async () => {
    const load = s3.writeConfig('basic.yml', { in: s3In(s3.backend, bucket, { path_prefix: 'in/' }) });
    await expectImported(tempHome(), load, 'basic');
  });

  it('session: temporary keys with session_token import', async () => {
    const iam = s3.backend.iam!;
    const sts = new STSClient({ region: 'us-east-1', endpoint: s3.backend.endpoint, credentials: s3.backend.credentials });
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${iam.accountId}:role/${iam.roleName}`, RoleSessionName: 'cli' }));
    sts.destroy();
    const c = out.Credentials!;
    const load = s3.writeConfig('session.yml', {
      in: s3In(s3.backend, bucket, { path_prefix: 'in/', auth_method: 'session', access_key_id: c.AccessKeyId, secret_access_key: c.SecretAccessKey, session_token: c.SessionToken }),
    });
    await expectImported(tempHome(), load, 'session');
  });

  it('assume_role: sends ExternalId and the duration to STS, then imports with the role', async () => {
    const iam = s3.backend.iam!;
    const proxy = await startRecordingProxy(s3.backend.endpoint);
    try {
      const load = s3.writeConfig('assume.yml', {
        in: s3In(s3.backend, bucket, {
          path_prefix: 'in/', auth_method: 'assume_role', account_id: iam.accountId, role_name: iam.roleName,
          external_id: 'ext-cli-42', duration_in_seconds: 1800, sts_endpoint: proxy.endpoint,
        }),
      });
      await expectImported(tempHome(), load, 'assumed');
      const calls = proxy.bodies.filter((b) => b.get('Action') === 'AssumeRole');
      expect(calls, 'AssumeRole calls through sts_endpoint').to.have.length.greaterThan(0);
      expect(calls[0]!.get('RoleArn')).to.equal(`arn:aws:iam::${iam.accountId}:role/${iam.roleName}`);
      expect(calls[0]!.get('ExternalId')).to.equal('ext-cli-42');
      expect(calls[0]!.get('DurationSeconds')).to.equal('1800');
    } finally {
      await proxy.close();
    }
  });

  it('a wrong secret exits 1 naming the credential problem, without a stack trace', async () => {
    const wrong = 'wrongSecret0123456789abcdefghijklmnopqrstu';
    const load = s3.writeConfig('wrong.yml', { in: s3In(s3.backend, bucket, { path_prefix: 'in/', secret_access_key: wrong }) });
    const result = await runCli(['issue', load, '--database', 'acc', '--table', 'wrong', '--auto-create-table'], { home: tempHome() });
    expect(result.code, result.stdout + result.stderr).to.equal(1);
    expect(stackFrames(result), result.stderr).to.deep.equal([]);
    const errorLines = (result.stdout + result.stderr).split('\n').filter((l) => l.startsWith('error: '));
    expect(errorLines, result.stdout + result.stderr).to.have.length.greaterThan(0);
    expect(errorLines[0]).to.match(/^error: STORAGE_CREDENTIALS: /).and.contain('secret_access_key');
    expect(result.stderr.trim().split('\n'), result.stderr).to.have.length(1);
    expect(result.stderr).to.match(/^error: STORAGE_CREDENTIALS: .*secret_access_key.*\(job \S+\)$/m);
  });

  it('secrets never appear in any output of a failing issue (text and json)', async () => {
    const wrong = 'leakCheckSecretZYXWVUTSRQPONMLKJIHGFEDCBA';
    const load = s3.writeConfig('leak.yml', { in: s3In(s3.backend, bucket, { path_prefix: 'in/', secret_access_key: wrong }) });
    const home = tempHome();
    const jobIds: string[] = [];
    for (const format of ['text', 'json']) {
      const result = await runCli(['--format', format, 'issue', load, '--database', 'acc', '--table', 'leak', '--auto-create-table'], { home });
      expect(result.code, `${format}: ${result.stderr}`).to.equal(1);
      expect(result.stdout + result.stderr, format).to.contain('STORAGE_CREDENTIALS').and.not.contain(wrong);
      if (format === 'json') expect(result.json, 'one JSON document on stdout').to.deep.include({ status: 'error' });
      jobIds.push(...Array.from((result.stdout + result.stderr).matchAll(/\(job (\S+)\)/g), (m) => m[1]!));
    }
    expect(jobIds).to.have.length(2);
    for (const args of [['job:show', jobIds[0]!], ['--format', 'json', 'job:show', jobIds[1]!]]) {
      const shown = await runCli(args, { home });
      expect(shown.code, shown.stderr).to.equal(0);
      expect(shown.stdout, args.join(' ')).to.contain('STORAGE_CREDENTIALS').and.not.contain(wrong);
    }
    for (const file of ['catalog.sqlite', 'catalog.sqlite-wal'].map((f) => path.join(home, f)).filter((f) => existsSync(f))) {
      expect(readFileSync(file).includes(Buffer.from(wrong)), file).to.equal(false);
    }
  });

  it('auth_method anonymous exits 2 with the supported methods', async () => {
    const load = s3.writeConfig('anon.yml', { in: { type: 's3_v2', bucket, endpoint: s3.backend.endpoint, path_prefix: 'in/', auth_method: 'anonymous', parser: s3In(s3.backend, bucket)['parser'] } });
    const result = await runCli(['issue', load, '--database', 'acc', '--table', 'anon', '--auto-create-table'], { home: tempHome() });
    expect(result.code).to.equal(2);
    expect(result.stdout).to.equal('');
    expect(result.stderr.trim().split('\n'), result.stderr).to.have.length(1);
    expect(result.stderr).to.contain('anonymous is not supported by s3_v2; use basic, session or assume_role');
  });

  it('auth:create then td_authentication_id imports; the catalog and auth:list/show never hold the secret in plain text', async () => {
    const home = tempHome();
    const { accessKeyId, secretAccessKey } = s3.backend.credentials;
    const created = await runCli(['auth:create', 'moto-admin', '--method', 'basic', '--access-key-id', accessKeyId, '--secret-access-key', secretAccessKey, '--endpoint', s3.backend.endpoint], { home });
    expect(created.code, created.stderr).to.equal(0);
    expect(created.stdout + created.stderr).not.to.contain(secretAccessKey);
    const load = s3.writeConfig('saved.yml', { in: { type: 's3_v2', bucket, path_prefix: 'in/', td_authentication_id: 'moto-admin', parser: s3In(s3.backend, bucket)['parser'] } });
    await expectImported(home, load, 'saved');
    for (const args of [['auth:list'], ['auth:show', 'moto-admin'], ['--format', 'json', 'auth:list'], ['--format', 'json', 'auth:show', 'moto-admin']]) {
      const shown = await runCli(args, { home });
      expect(shown.code, shown.stderr).to.equal(0);
      expect(shown.stdout, args.join(' ')).to.contain('moto-admin');
      expect(shown.stdout + shown.stderr, args.join(' ')).not.to.contain(secretAccessKey);
    }
    const catalog = ['catalog.sqlite', 'catalog.sqlite-wal'].map((f) => path.join(home, f)).filter((f) => existsSync(f));
    expect(catalog).to.include(path.join(home, 'catalog.sqlite'));
    for (const file of catalog) expect(readFileSync(file).includes(Buffer.from(secretAccessKey)), file).to.equal(false);
  });

  describe('a GLACIER object', () => {
    let glacierBucket: string;
    before(async () => {
      glacierBucket = await s3.bucket('cli-glacier');
      await s3.backend.put(glacierBucket, 'g/1.csv', csvFile([1]));
      await s3.backend.put(glacierBucket, 'g/2.csv', csvFile([2]), 'GLACIER');
      await s3.backend.put(glacierBucket, 'g/3.csv', csvFile([3]));
    });

    it('fails the job (exit 1) naming skip_glacier_objects; the table stays empty', async () => {
      const home = tempHome();
      const load = s3.writeConfig('glacier-fail.yml', { in: s3In(s3.backend, glacierBucket, { path_prefix: 'g/' }) });
      const result = await issueJson(home, load, 'glacier');
      expect(result.code, result.stdout + result.stderr).to.equal(1);
      expect((result.json as Job).error?.message).to.contain('skip_glacier_objects').and.contain('g/2.csv');
      expect(await tableIds(home, 'glacier')).to.deep.equal([]);
    });

    it('is skipped with skip_glacier_objects: true while the other files load', async () => {
      const home = tempHome();
      const load = s3.writeConfig('glacier-skip.yml', { in: s3In(s3.backend, glacierBucket, { path_prefix: 'g/', skip_glacier_objects: true }) });
      const result = await issueJson(home, load, 'glacier');
      expect(result.code, result.stdout + result.stderr).to.equal(0);
      expect(result.json).to.deep.include({ status: 'success', files: 2, records: 2 });
      expect(await tableIds(home, 'glacier')).to.deep.equal([1, 3]);
    });
  });
});

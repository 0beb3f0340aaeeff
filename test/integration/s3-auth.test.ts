import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { expect } from 'chai';
import { stsAssumeRole, type AssumeRole } from '../../src/adapters/aws-s3/s3-credentials.js';
import { s3BackendOrSkip, type S3TestBackend } from '../support/s3-backend.js';
import { basicSource, listKeys, openStore, readText, rejection } from './s3-test-kit.js';

describe('S3 authentication against a real server', function () {
  let backend: S3TestBackend | undefined;
  let bucket: string;
  before(async function () {
    backend = await s3BackendOrSkip(this);
    bucket = await backend.createBucket('auth');
    await backend.put(bucket, 'in/a.csv', 'id,name\n1,alice\n');
  });
  after(async () => {
    if (backend && bucket) await backend.deleteBucket(bucket);
    await backend?.stop();
  });

  function needIam(ctx: Mocha.Context): NonNullable<S3TestBackend['iam']> {
    if (backend?.iam) return backend.iam;
    console.log(`      skipped: ${backend?.name} has no IAM/STS with signature checks (moto has)`);
    return ctx.skip();
  }

  async function listAndRead(source: Record<string, unknown>, options = {}): Promise<void> {
    const store = await openStore(source, options);
    try {
      expect(await listKeys(store, 'in/')).to.deep.equal(['in/a.csv']);
      expect(await readText(store, 'in/a.csv')).to.equal('id,name\n1,alice\n');
    } finally {
      await store.close();
    }
  }

  it('basic: access_key_id + secret_access_key list and read', async () => {
    await listAndRead(basicSource(backend!, bucket));
  });

  it('session: temporary keys with session_token list and read', async function () {
    const iam = needIam(this);
    const sts = new STSClient({ region: 'us-east-1', endpoint: backend!.endpoint, credentials: backend!.credentials });
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${iam.accountId}:role/${iam.roleName}`, RoleSessionName: 'test' }));
    sts.destroy();
    const c = out.Credentials!;
    await listAndRead({
      type: 's3_v2', bucket, endpoint: backend!.endpoint, auth_method: 'session',
      access_key_id: c.AccessKeyId, secret_access_key: c.SecretAccessKey, session_token: c.SessionToken,
    });
  });

  it('assume_role: sends ExternalId and the duration to STS, then lists and reads with the role', async function () {
    const iam = needIam(this);
    const seen: Array<Parameters<AssumeRole>[0]> = [];
    const expirations: Date[] = [];
    const spy = (settings: Parameters<typeof stsAssumeRole>[0]): AssumeRole => {
      const real = stsAssumeRole(settings);
      return async (input) => {
        seen.push(input);
        const creds = await real(input);
        if (creds.expiration) expirations.push(creds.expiration);
        return creds;
      };
    };
    const source = {
      ...basicSource(backend!, bucket), auth_method: 'assume_role', account_id: iam.accountId, role_name: iam.roleName,
      external_id: 'ext-42', duration_in_seconds: 1800, session_name: 'integration',
    };
    await listAndRead(source, { assumeRole: spy });
    expect(seen).to.have.length(1);
    expect(seen[0]).to.deep.include({ RoleArn: `arn:aws:iam::${iam.accountId}:role/${iam.roleName}`, ExternalId: 'ext-42', DurationSeconds: 1800, RoleSessionName: 'integration' });
    expect(expirations[0]!.getTime() - Date.now()).to.be.within(1700_000, 1810_000);
  });

  it('a wrong secret fails with STORAGE_CREDENTIALS and the secret is not in the message', async function () {
    needIam(this);
    const wrong = 'wrong-secret-0123456789abcdefghijklmnopqrstuv';
    const store = await openStore(basicSource(backend!, bucket, { secret_access_key: wrong }));
    const error = await rejection(listKeys(store, ''));
    await store.close();
    expect(error.code).to.equal('STORAGE_CREDENTIALS');
    expect(error.message).to.contain('secret_access_key').and.not.contain(wrong);
  });

  it('valid keys without permission fail with STORAGE_ACCESS_DENIED naming s3:ListBucket', async function () {
    const iam = needIam(this);
    const store = await openStore(basicSource(backend!, bucket, { access_key_id: iam.nobody.accessKeyId, secret_access_key: iam.nobody.secretAccessKey }));
    const error = await rejection(listKeys(store, ''));
    await store.close();
    expect(error.code).to.equal('STORAGE_ACCESS_DENIED');
    expect(error.message).to.contain(`s3:ListBucket on arn:aws:s3:::${bucket}`).and.not.contain(iam.nobody.secretAccessKey);
  });

  it('anonymous is a config error (exit 2) before any request', async () => {
    const error = await rejection(openStore({ type: 's3_v2', bucket, endpoint: backend!.endpoint, auth_method: 'anonymous' }));
    expect(error).to.include({ code: 'CONFIG_INVALID' });
    expect(error.message).to.contain('anonymous is not supported by s3_v2; use basic, session or assume_role');
  });
});

import { expect } from 'chai';
import { assumeRoleProvider, type AssumeRole } from '../../../src/adapters/aws-s3/s3-credentials.js';
import { S3ObjectStoreFactory } from '../../../src/adapters/aws-s3/s3-object-store-factory.js';
import { parseS3Settings } from '../../../src/adapters/aws-s3/s3-settings.js';
import { isImportError } from '../../../src/domain/errors.js';
import { silentLogger } from './fake-s3-api.js';

const role = parseS3Settings({ bucket: 'b', auth_method: 'assume_role', account_id: '123456789012', role_name: 'importer', external_id: 'ext-1', duration_in_seconds: 900 });

describe('assume_role credentials', () => {
  it('sends ExternalId and DurationSeconds, caches, and renews 5 minutes before expiry', async () => {
    let now = Date.parse('2024-01-01T00:00:00Z');
    const inputs: unknown[] = [];
    const assume: AssumeRole = async (input) => {
      inputs.push(input);
      return { accessKeyId: `ASIA${inputs.length}`, secretAccessKey: 's', sessionToken: 't', expiration: new Date(now + 900_000) };
    };
    const provider = assumeRoleProvider(role, assume, () => now);
    expect((await provider()).accessKeyId).to.equal('ASIA1');
    now += 9 * 60_000;
    expect((await provider()).accessKeyId).to.equal('ASIA1');
    now += 2 * 60_000; // 4 minutes left: inside the refresh margin
    const [a, b] = await Promise.all([provider(), provider()]);
    expect([a.accessKeyId, b.accessKeyId]).to.deep.equal(['ASIA2', 'ASIA2']);
    expect(inputs[0]).to.deep.equal({ RoleArn: 'arn:aws:iam::123456789012:role/importer', RoleSessionName: 's3-import', DurationSeconds: 900, ExternalId: 'ext-1' });
  });

  it('an STS refusal names sts:AssumeRole and the role', async () => {
    const provider = assumeRoleProvider(role, async () => {
      throw Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    });
    const error: unknown = await provider().catch((e: unknown) => e);
    expect(isImportError(error) && error.code).to.equal('STORAGE_ACCESS_DENIED');
    expect((error as Error).message).to.contain('sts:AssumeRole on arn:aws:iam::123456789012:role/importer');
  });
});

describe('S3ObjectStoreFactory: saved authentications', () => {
  const saved = { auth_method: 'session', access_key_id: 'AKIA', secret_access_key: 'SECRET', session_token: 'TOKEN' };
  const factory = new S3ObjectStoreFactory({ logger: silentLogger, resolveAuthentication: async (id) => (id === '42' ? saved : undefined) });
  const message = async (source: Record<string, unknown>): Promise<string> => {
    const error: unknown = await factory.open({ type: 's3_v2', bucket: 'b', ...source }).then(() => undefined, (e: unknown) => e);
    if (!isImportError(error)) throw new Error('expected an ImportError');
    expect(error.exitCode).to.equal(2);
    return error.message;
  };

  it('merges the saved keys by id (number or string) and opens a store', async () => {
    const store = await factory.open({ type: 's3_v2', bucket: 'b', td_authentication_id: 42 });
    expect(store.capabilities).to.deep.equal({ sortedListing: true, rangeReads: true, storageClasses: true });
    await store.close();
  });

  it('rejects an unknown id, an inline key that the saved one also sets, and anonymous', async () => {
    expect(await message({ td_authentication_id: 'nope' })).to.contain("no saved authentication 'nope'");
    expect(await message({ td_authentication_id: '42', access_key_id: 'X' })).to.contain('in.access_key_id: is also set by saved authentication');
    expect(await message({ auth_method: 'anonymous' })).to.contain('anonymous is not supported by s3_v2');
  });

  it('never puts a secret in a config error', async () => {
    const text = await message({ td_authentication_id: '42', role_name: 'r' });
    expect(text).to.contain('in.role_name');
    for (const secret of ['SECRET', 'TOKEN']) expect(text).not.to.contain(secret);
  });
});

import { expect } from 'chai';
import { isImportError } from '../../../src/domain/errors.js';
import { parseS3Settings, roleArn, validateS3Auth } from '../../../src/adapters/aws-s3/s3-settings.js';

function authError(settings: Record<string, unknown>): { key: unknown; message: string; exit: number } {
  try {
    validateS3Auth(parseS3Settings({ bucket: 'b', ...settings }));
  } catch (error) {
    if (!isImportError(error)) throw error;
    return { key: error.details['key'], message: error.message, exit: error.exitCode };
  }
  throw new Error('expected a config error');
}

describe('s3 settings: auth rules', () => {
  it('basic is the default and needs both keys', () => {
    const e = authError({ access_key_id: 'AKIA' });
    expect(e.key).to.equal('in.secret_access_key');
    expect(e.message).to.contain('auth_method is basic (the default)');
    expect(e.exit).to.equal(2);
  });

  it('session needs session_token', () => {
    expect(authError({ auth_method: 'session', access_key_id: 'a', secret_access_key: 's' }).key).to.equal('in.session_token');
  });

  it('rejects keys the chosen method does not use, by name', () => {
    const e = authError({ access_key_id: 'a', secret_access_key: 's', session_token: 't' });
    expect(e.key).to.equal('in.session_token');
    expect(e.message).to.contain('not used by auth_method basic').and.contain('auth_method: session');
    expect(authError({ access_key_id: 'a', secret_access_key: 's', role_name: 'r' }).key).to.equal('in.role_name');
  });

  it('assume_role needs account_id and role_name; base keys come in pairs', () => {
    expect(authError({ auth_method: 'assume_role', role_name: 'r' }).key).to.equal('in.account_id');
    expect(authError({ auth_method: 'assume_role', account_id: '123456789012', role_name: 'r', access_key_id: 'a' }).key).to.equal('in.secret_access_key');
    expect(() => validateS3Auth(parseS3Settings({ bucket: 'b', auth_method: 'assume_role', account_id: '123456789012', role_name: 'r', external_id: 'x', duration_in_seconds: 900 }))).not.to.throw();
  });

  it('rejects anonymous with the documented message and duration outside 900..43200', () => {
    expect(() => parseS3Settings({ bucket: 'b', auth_method: 'anonymous' })).to.throw('anonymous is not supported by s3_v2; use basic, session or assume_role');
    expect(() => validateS3Auth({ bucket: 'b', auth_method: 'anonymous' } as never)).to.throw('anonymous is not supported by s3_v2');
    expect(() => parseS3Settings({ bucket: 'b', duration_in_seconds: 43201 })).to.throw('in.duration_in_seconds: must be 900..43200');
  });

  it('builds the role ARN from partition, account and role (numeric account ids keep their leading zero)', () => {
    expect(roleArn({ account_id: 12345678901, role_name: 'importer', arn_partition: undefined })).to.equal('arn:aws:iam::012345678901:role/importer');
    expect(roleArn({ account_id: '123456789012', role_name: 'r', arn_partition: 'aws-cn' })).to.equal('arn:aws-cn:iam::123456789012:role/r');
  });

  it('applies the retry defaults of embulk-input-s3', () => {
    const s = parseS3Settings({ bucket: 'b' });
    expect([s.maximum_retries, s.initial_retry_interval_millis, s.maximum_retry_interval_millis]).to.deep.equal([7, 2000, 480000]);
  });
});

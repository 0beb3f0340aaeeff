import { expect } from 'chai';
import { mapS3Error } from '../../../src/adapters/aws-s3/s3-error-mapper.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
function sdkError(name: string, status: number): Error {
  // SDK messages may echo request details; the mapper must not pass them on.
  return Object.assign(new Error(`${name}: signature for ${SECRET}`), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status } });
}
const read = { operation: 'read', bucket: 'data', key: 'in/a.csv' } as const;
const list = { operation: 'list', bucket: 'data' } as const;

describe('S3 error mapping', () => {
  const cases: Array<[string, number, 'read' | 'list', string, boolean]> = [
    ['NoSuchBucket', 404, 'list', 'STORAGE_NOT_FOUND', false],
    ['NoSuchKey', 404, 'read', 'STORAGE_NOT_FOUND', false],
    ['AccessDenied', 403, 'list', 'STORAGE_ACCESS_DENIED', false],
    ['InvalidAccessKeyId', 403, 'read', 'STORAGE_CREDENTIALS', false],
    ['SignatureDoesNotMatch', 403, 'read', 'STORAGE_CREDENTIALS', false],
    ['ExpiredToken', 400, 'read', 'STORAGE_TOKEN_EXPIRED', false],
    ['InvalidObjectState', 403, 'read', 'STORAGE_GLACIER', false],
    ['SlowDown', 503, 'read', 'STORAGE_THROTTLED', true],
    ['ServiceUnavailable', 503, 'list', 'STORAGE_THROTTLED', true],
    ['InternalError', 500, 'read', 'STORAGE_UNAVAILABLE', true],
  ];
  for (const [name, status, op, code, retryable] of cases) {
    it(`${name} -> ${code}${retryable ? ' (retryable)' : ''}, without the SDK message`, () => {
      const mapped = mapS3Error(sdkError(name, status), op === 'read' ? read : list);
      expect(mapped.code).to.equal(code);
      expect(mapped.retryable).to.equal(retryable);
      expect(mapped.message).not.to.contain(SECRET);
      expect(JSON.stringify(mapped.details)).not.to.contain(SECRET);
    });
  }

  it('access denied names the IAM action that is missing', () => {
    expect(mapS3Error(sdkError('AccessDenied', 403), list).message).to.contain('s3:ListBucket on arn:aws:s3:::data');
    expect(mapS3Error(sdkError('AccessDenied', 403), read).message).to.contain('s3:GetObject on arn:aws:s3:::data/*');
    const sts = mapS3Error(sdkError('AccessDenied', 403), { operation: 'assume_role', bucket: 'data', roleArn: 'arn:aws:iam::123456789012:role/r' });
    expect(sts.message).to.contain('sts:AssumeRole on arn:aws:iam::123456789012:role/r');
  });

  it('network failures are retryable STORAGE_IO; a Glacier object says how to proceed', () => {
    const reset = mapS3Error(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), read);
    expect([reset.code, reset.retryable]).to.deep.equal(['STORAGE_IO', true]);
    expect(mapS3Error(sdkError('InvalidObjectState', 403), read).message).to.contain('skip_glacier_objects: true');
  });
});

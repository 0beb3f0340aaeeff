import { expect } from 'chai';
import { S3ObjectStore } from '../../../src/adapters/aws-s3/s3-object-store.js';
import type { S3Api } from '../../../src/adapters/aws-s3/s3-api.js';
import { isImportError } from '../../../src/domain/errors.js';
import { fakeBody, scriptedApi, sdkError, silentLogger } from './fake-s3-api.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const reset = (): Error => Object.assign(new Error('aborted'), { code: 'ECONNRESET' });

function storeOn(api: S3Api, sleeps: number[] = []): S3ObjectStore {
  const retry = { maximumRetries: 3, initialIntervalMillis: 2000, maximumIntervalMillis: 5000 };
  return new S3ObjectStore({ api, bucket: 'data', retry, logger: silentLogger, sleep: async (ms) => void sleeps.push(ms) });
}

async function readAll(store: S3ObjectStore, key: string): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const c of store.read(key)) parts.push(c);
  return Buffer.concat(parts).toString();
}

async function failure(promise: Promise<unknown>): Promise<{ code: string }> {
  try {
    await promise;
  } catch (error) {
    if (isImportError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('S3ObjectStore (fake S3 API)', () => {
  it('follows continuation tokens and sends StartAfter only on the first page; ETags lose their quotes', async () => {
    const when = new Date('2024-01-02T03:04:05Z');
    const api = scriptedApi({
      list: [
        { Contents: [{ Key: 'p/a', Size: 1, LastModified: when, ETag: '"abc"', StorageClass: 'STANDARD' }], IsTruncated: true, NextContinuationToken: 't1' },
        { Contents: [{ Key: 'p/b', Size: 2, LastModified: when, ETag: '"def"', StorageClass: 'GLACIER' }], IsTruncated: false },
      ],
    });
    const listed = [];
    for await (const o of storeOn(api).list('p/', { startAfter: 'p/0' })) listed.push(o);
    expect(listed).to.deep.equal([
      { key: 'p/a', size: 1, lastModified: when, etag: 'abc', storageClass: 'STANDARD' },
      { key: 'p/b', size: 2, lastModified: when, etag: 'def', storageClass: 'GLACIER' },
    ]);
    expect(api.calls.map((c) => c.input)).to.deep.equal([
      { Bucket: 'data', Prefix: 'p/', StartAfter: 'p/0' },
      { Bucket: 'data', Prefix: 'p/', ContinuationToken: 't1' },
    ]);
  });

  it('retries throttling with doubling, jittered back-off, then succeeds', async () => {
    const api = scriptedApi({ list: [sdkError('SlowDown', 503), sdkError('InternalError', 500), { Contents: [] }] });
    const sleeps: number[] = [];
    for await (const _ of storeOn(api, sleeps).list('')) void _;
    expect(sleeps).to.have.length(2);
    expect(sleeps[0]).to.be.within(1000, 2000);
    expect(sleeps[1]).to.be.within(2000, 4000);
  });

  it('gives up after maximum_retries with STORAGE_THROTTLED, and does not retry 403', async () => {
    const throttled = scriptedApi({ list: Array.from({ length: 4 }, () => sdkError('SlowDown', 503)) });
    expect((await failure(storeOn(throttled).list('')[Symbol.asyncIterator]().next())).code).to.equal('STORAGE_THROTTLED');
    expect(throttled.calls).to.have.length(4);
    const denied = scriptedApi({ list: [sdkError('AccessDenied', 403)] });
    const sleeps: number[] = [];
    expect((await failure(storeOn(denied, sleeps).list('')[Symbol.asyncIterator]().next())).code).to.equal('STORAGE_ACCESS_DENIED');
    expect(sleeps).to.deep.equal([]);
  });

  it('resumes a body that breaks mid-way with Range from the offset and If-Match on the first ETag', async () => {
    const api = scriptedApi({
      get: [
        { body: fakeBody([bytes('hello '), bytes('wor')], reset()), etag: '"e1"', contentLength: 11 },
        { body: fakeBody([bytes('ld')]), etag: '"e1"', contentLength: 2, contentRange: 'bytes 9-10/11' },
      ],
    });
    expect(await readAll(storeOn(api), 'k')).to.equal('hello world');
    expect(api.calls[1]!.input).to.deep.equal({ Bucket: 'data', Key: 'k', Range: 'bytes=9-', IfMatch: '"e1"' });
  });

  it('treats a body that ends short of Content-Length as broken and resumes it', async () => {
    const api = scriptedApi({
      get: [
        { body: fakeBody([bytes('abc')]), etag: '"e"', contentLength: 5 },
        { body: fakeBody([bytes('de')]), etag: '"e"', contentRange: 'bytes 3-4/5' },
      ],
    });
    expect(await readAll(storeOn(api), 'k')).to.equal('abcde');
  });

  it('reports an object that changed during the read instead of splicing two versions', async () => {
    const api = scriptedApi({ get: [{ body: fakeBody([bytes('ab')], reset()), etag: '"v1"', contentLength: 4 }, sdkError('PreconditionFailed', 412)] });
    const e = await failure(readAll(storeOn(api), 'k'));
    expect(e.code).to.equal('STORAGE_IO');
    expect((e as unknown as Error).message).to.contain('changed while it was being read');
  });

  it('breaking out of read() destroys the body', async () => {
    const body = fakeBody([bytes('a'), bytes('b'), bytes('c')]);
    const api = scriptedApi({ get: [{ body, etag: '"e"', contentLength: 3 }] });
    for await (const _ of storeOn(api).read('k')) break;
    expect(body.destroyed).to.equal(true);
  });

  it('sends ranged reads as Range headers and maps a Glacier object to STORAGE_GLACIER', async () => {
    const api = scriptedApi({ get: [{ body: fakeBody([bytes('bc')]), etag: '"e"', contentRange: 'bytes 1-2/9' }, sdkError('InvalidObjectState', 403)] });
    const parts: Uint8Array[] = [];
    for await (const c of storeOn(api).read('k', { range: { start: 1, end: 2 } })) parts.push(c);
    expect(Buffer.concat(parts).toString()).to.equal('bc');
    expect(api.calls[0]!.input['Range']).to.equal('bytes=1-2');
    expect((await failure(readAll(storeOn(api), 'cold'))).code).to.equal('STORAGE_GLACIER');
  });

  it('stat of a missing key is undefined', async () => {
    expect(await storeOn(scriptedApi({})).stat('nope')).to.equal(undefined);
  });
});

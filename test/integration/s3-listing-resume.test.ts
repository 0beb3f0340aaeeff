import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { s3BackendOrSkip, type S3TestBackend } from '../support/s3-backend.js';
import { basicSource, listKeys, openStore, readText, rejection } from './s3-test-kit.js';

/** Deterministic pseudo-random bytes so a splice or a repeat changes the digest. */
function pattern(size: number): Buffer {
  const out = Buffer.alloc(size);
  let x = 2463534242;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('S3 listing, Glacier and resumed reads against a real server', function () {
  let backend: S3TestBackend | undefined;
  let bucket: string;
  before(async function () {
    backend = await s3BackendOrSkip(this);
    bucket = await backend.createBucket('listing');
  });
  after(async () => {
    if (backend && bucket) await backend.deleteBucket(bucket);
    await backend?.stop();
  });

  it('lists 2,500 keys across pages, each once and in byte order', async () => {
    const keys = Array.from({ length: 2500 }, (_, i) => `many/${String(i).padStart(5, '0')}.csv`);
    for (let i = 0; i < keys.length; i += 25) await Promise.all(keys.slice(i, i + 25).map((k) => backend!.put(bucket, k, 'x')));
    const store = await openStore(basicSource(backend!, bucket));
    expect(await listKeys(store, 'many/')).to.deep.equal(keys);
    const after = [];
    for await (const o of store.list('many/', { startAfter: keys[1999]! })) after.push(o.key);
    expect(after).to.deep.equal(keys.slice(2000));
    await store.close();
  });

  it('lists a GLACIER object with its storage class, and reading it fails with STORAGE_GLACIER', async function () {
    if (!backend!.glacier) {
      console.log(`      skipped: ${backend!.name} does not keep storage classes or refuse Glacier reads (moto does)`);
      return this.skip();
    }
    await backend!.put(bucket, 'cold/old.csv', 'a\n', 'GLACIER');
    const store = await openStore(basicSource(backend!, bucket));
    const listed = [];
    for await (const o of store.list('cold/')) listed.push(o);
    expect(listed.map((o) => [o.key, o.storageClass])).to.deep.equal([['cold/old.csv', 'GLACIER']]);
    const error = await rejection(readText(store, 'cold/old.csv'));
    expect(error.code).to.equal('STORAGE_GLACIER');
    expect(error.message).to.contain('skip_glacier_objects');
    await store.close();
  });

  describe('through a proxy that cuts a response mid-body', () => {
    let proxy: FaultProxy;
    before(async () => {
      const url = new URL(backend!.endpoint);
      proxy = await startFaultProxy({ host: url.hostname, port: Number(url.port) });
    });
    after(async () => proxy?.close());

    it('resumes with Range from the byte offset and If-Match: every byte exactly once', async () => {
      const body = pattern(3 * 1024 * 1024 + 17);
      await backend!.put(bucket, 'big/data.bin', body);
      const store = await openStore(basicSource(backend!, bucket, { endpoint: proxy.endpoint }));
      proxy.cutNextResponse(/^GET \S*big\/data\.bin/, 1024 * 1024);
      const parts: Uint8Array[] = [];
      for await (const c of store.read('big/data.bin')) parts.push(c);
      await store.close();
      const got = Buffer.concat(parts);
      expect(got.length).to.equal(body.length);
      expect(createHash('sha256').update(got).digest('hex')).to.equal(createHash('sha256').update(body).digest('hex'));
      const gets = proxy.requests.filter((r) => /^GET \S*big\/data\.bin/.test(r));
      expect(gets).to.have.length(2);
      expect(gets[1]).to.match(/range: bytes=\d+-/i).and.match(/if-match: "?[0-9a-f]+/i);
      const resumedAt = Number(/bytes=(\d+)-/i.exec(gets[1]!)![1]);
      expect(resumedAt).to.be.within(1, 1024 * 1024);
    });
  });
});

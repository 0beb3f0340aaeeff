import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { isImportError } from '../domain/errors.js';
import { compareKeys } from '../domain/key-order.js';
import type { ObjectStore } from '../ports/object-store.js';

export interface ObjectStoreFixture {
  readonly store: ObjectStore;
  /** Creates an object (used to arrange each test). */
  put(key: string, body: Uint8Array | string, options?: { storageClass?: string }): Promise<void>;
  cleanup(): Promise<void>;
}

async function collect(iterable: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of iterable) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

/** Skips a capability-gated test and says why (a silent skip hides gaps). */
function skipBecause(ctx: Mocha.Context, reason: string): never {
  console.log(`      skipped: ${reason}`);
  ctx.skip();
}

async function keys(store: ObjectStore, prefix: string, startAfter?: string): Promise<string[]> {
  const out: string[] = [];
  for await (const o of store.list(prefix, startAfter === undefined ? {} : { startAfter })) out.push(o.key);
  return out;
}

/**
 * The behaviour every ObjectStore must show. Run it against your adapter:
 * `describeObjectStoreContract('my store', async () => ({ store, put, cleanup }))`.
 */
export function describeObjectStoreContract(name: string, makeFixture: () => Promise<ObjectStoreFixture>): void {
  describe(`ObjectStore contract: ${name}`, function () {
    let fx: ObjectStoreFixture;
    beforeEach(async () => {
      fx = await makeFixture();
    });
    afterEach(async () => {
      await fx.cleanup();
    });

    it('lists every key under a prefix recursively, with size and modification time', async () => {
      await fx.put('logs/2024/a.csv', 'a,b\n1,2\n');
      await fx.put('logs/2024/deep/b.csv', 'x');
      await fx.put('logs-other/c.csv', 'xyz');
      await fx.put('other/d.csv', 'd');
      const listed = [];
      for await (const o of fx.store.list('logs')) listed.push(o);
      const byKey = new Map(listed.map((o) => [o.key, o]));
      expect([...byKey.keys()].sort()).to.deep.equal(['logs-other/c.csv', 'logs/2024/a.csv', 'logs/2024/deep/b.csv']);
      expect(byKey.get('logs/2024/a.csv')!.size).to.equal(8);
      expect(byKey.get('logs/2024/a.csv')!.lastModified).to.be.instanceOf(Date);
      expect(Math.abs(byKey.get('logs/2024/a.csv')!.lastModified.getTime() - Date.now())).to.be.below(10 * 60_000);
    });

    it('an empty prefix lists the whole bucket', async () => {
      await fx.put('a.csv', '1');
      await fx.put('dir/b.csv', '2');
      expect((await keys(fx.store, '')).sort()).to.deep.equal(['a.csv', 'dir/b.csv']);
    });

    it('lists in UTF-8 byte order when it declares sortedListing', async function () {
      if (!fx.store.capabilities.sortedListing) skipBecause(this, 'store does not declare sortedListing (the selector sorts for it)');
      const names = ['p/b', 'p/a', 'p/a b', 'p/A', 'p/ä', 'p/z', 'p/日本', 'p/\u{1F600}', 'p/\uFF5E'];
      for (const k of names) await fx.put(k, 'x');
      const listed = await keys(fx.store, 'p/');
      expect(listed).to.deep.equal([...names].sort(compareKeys));
    });

    it('startAfter yields only keys strictly after the given key', async () => {
      for (const k of ['s/1.csv', 's/2.csv', 's/3.csv']) await fx.put(k, 'x');
      const listed = await keys(fx.store, 's/', 's/2.csv');
      expect(listed).to.deep.equal(['s/3.csv']);
    });

    it('keys with spaces, +, % and non-ASCII round-trip through list and read', async () => {
      const odd = ['odd/a b+c%20d.csv', 'odd/日本語/ファイル.csv', 'odd/é=1&x.csv'];
      for (const k of odd) await fx.put(k, `body of ${k}`);
      expect((await keys(fx.store, 'odd/')).sort()).to.deep.equal([...odd].sort());
      for (const k of odd) expect(await collect(fx.store.read(k))).to.equal(`body of ${k}`);
    });

    it('reads an object as it was written, and a byte range when it supports ranges', async () => {
      const body = 'id,name\n' + Array.from({ length: 5000 }, (_, i) => `${i},name-${i}`).join('\n');
      await fx.put('r/data.csv', body);
      expect(await collect(fx.store.read('r/data.csv'))).to.equal(body);
      if (fx.store.capabilities.rangeReads) {
        expect(await collect(fx.store.read('r/data.csv', { range: { start: 3, end: 6 } }))).to.equal(body.slice(3, 7));
        expect(await collect(fx.store.read('r/data.csv', { range: { start: 100 } }))).to.equal(body.slice(100));
      }
    });

    it('stat returns metadata, or undefined for a missing key', async () => {
      await fx.put('st/one.csv', 'hello');
      const info = await fx.store.stat('st/one.csv');
      expect(info?.key).to.equal('st/one.csv');
      expect(info?.size).to.equal(5);
      expect(await fx.store.stat('st/missing.csv')).to.equal(undefined);
    });

    it('reading a missing key fails with STORAGE_NOT_FOUND naming the key', async () => {
      let error: unknown;
      try {
        await collect(fx.store.read('nope/missing.csv'));
      } catch (e) {
        error = e;
      }
      expect(isImportError(error), String(error)).to.equal(true);
      if (isImportError(error)) {
        expect(error.code).to.equal('STORAGE_NOT_FOUND');
        expect(error.message).to.contain('nope/missing.csv');
      }
    });

    it('stopping a read early releases it, and the store still works', async () => {
      await fx.put('early/big.csv', 'x'.repeat(3 * 1024 * 1024));
      for (let i = 0; i < 3; i++) {
        for await (const chunk of fx.store.read('early/big.csv')) {
          expect(chunk.length).to.be.above(0);
          break;
        }
      }
      expect((await fx.store.stat('early/big.csv'))?.size).to.equal(3 * 1024 * 1024);
    });

    it('an etag changes when an object is overwritten', async () => {
      await fx.put('e/v.csv', 'one');
      const first = await fx.store.stat('e/v.csv');
      await new Promise((r) => setTimeout(r, 20));
      await fx.put('e/v.csv', 'two, longer');
      const second = await fx.store.stat('e/v.csv');
      expect(first?.etag).to.be.a('string');
      expect(second?.etag).to.not.equal(first?.etag);
    });

    it('localPath, where implemented, names a file holding the object\'s bytes', async function () {
      const localPath = fx.store.localPath?.bind(fx.store);
      if (localPath === undefined) skipBecause(this, 'store has no local paths');
      await fx.put('local/a b.csv', 'x,y\n1,2\n');
      const file = localPath('local/a b.csv');
      expect(isAbsolute(file), file).to.equal(true);
      expect(readFileSync(file, 'utf8')).to.equal('x,y\n1,2\n');
    });

    it('reports the storage class where it supports them', async function () {
      if (!fx.store.capabilities.storageClasses) skipBecause(this, 'store has no storage classes');
      await fx.put('cold/archived.csv', 'x', { storageClass: 'GLACIER' });
      await fx.put('cold/hot.csv', 'y');
      const listed = new Map<string, string | undefined>();
      for await (const o of fx.store.list('cold/')) listed.set(o.key, o.storageClass);
      expect(listed.get('cold/archived.csv')).to.equal('GLACIER');
      expect(listed.get('cold/hot.csv') ?? 'STANDARD').to.equal('STANDARD');
    });
  });
}

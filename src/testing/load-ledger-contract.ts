import { expect } from 'chai';
import { ledgerKey } from '../domain/file-selector.js';
import type { LedgerEntry, LoadLedger } from '../ports/state-store.js';
import type { CatalogFixture } from './state-store-contract.js';

const entry = (sourceId: string, key: string, etag: string): LedgerEntry => ({
  sourceId,
  key,
  etag,
  size: 10,
  lastModified: new Date('2024-01-01T00:00:00Z'),
  jobId: 'job-1',
  records: 3,
});

/**
 * The behaviour every LoadLedger must show: an object version (key + etag) recorded for a source is reported
 * by `loaded` as `ledgerKey(file)` (`key + "\0" + etag`), for that source only.
 */
export function describeLoadLedgerContract(name: string, makeFixture: () => Promise<CatalogFixture<LoadLedger>>): void {
  describe(`LoadLedger contract: ${name}`, function () {
    let fx: CatalogFixture<LoadLedger>;
    beforeEach(async () => {
      fx = await makeFixture();
    });
    afterEach(async () => {
      await fx.cleanup();
    });

    it('reports nothing loaded for a new source or an empty file list', async () => {
      expect([...(await fx.store.loaded('s1', [{ key: 'a.csv', etag: 'e1' }]))]).to.deep.equal([]);
      await fx.store.record([entry('s1', 'a.csv', 'e1')]);
      expect([...(await fx.store.loaded('s1', []))]).to.deep.equal([]);
    });

    it('matches by key and etag: a rewritten object (new etag) is not loaded', async () => {
      await fx.store.record([entry('s1', 'a.csv', 'e1'), entry('s1', 'b.csv', 'e1')]);
      const files = [
        { key: 'a.csv', etag: 'e1' },
        { key: 'b.csv', etag: 'e2' },
        { key: 'c.csv', etag: 'e1' },
      ];
      expect([...(await fx.store.loaded('s1', files))]).to.deep.equal([ledgerKey(files[0] as { key: string; etag: string })]);
    });

    it('keeps sources apart', async () => {
      await fx.store.record([entry('s1', 'a.csv', 'e1')]);
      expect((await fx.store.loaded('s2', [{ key: 'a.csv', etag: 'e1' }])).size).to.equal(0);
    });

    it('treats recording the same object version twice as one record', async () => {
      await fx.store.record([entry('s1', 'a.csv', 'e1')]);
      await fx.store.record([entry('s1', 'a.csv', 'e1')]);
      expect((await fx.store.loaded('s1', [{ key: 'a.csv', etag: 'e1' }])).size).to.equal(1);
    });

    it('handles keys with quotes, unicode and etags with quotes', async () => {
      const odd = [
        { key: 'dir/it\'s "x".csv', etag: '"abc-2"' },
        { key: 'データ/ファイル.csv', etag: 'e' },
      ];
      await fx.store.record(odd.map((f) => entry('s1', f.key, f.etag)));
      expect((await fx.store.loaded('s1', odd)).size).to.equal(2);
    });

    it('answers for 50,000 files at once', async function () {
      this.timeout(60_000);
      const files = Array.from({ length: 50_000 }, (_, i) => ({ key: `logs/2024/${String(i).padStart(6, '0')}.csv.gz`, etag: `etag${i}` }));
      await fx.store.record(files.filter((_, i) => i % 2 === 0).map((f) => entry('s1', f.key, f.etag)));
      const done = await fx.store.loaded('s1', files);
      expect(done.size).to.equal(25_000);
      expect(done.has(ledgerKey({ key: 'logs/2024/049998.csv.gz', etag: 'etag49998' }))).to.equal(true);
      expect(done.has(ledgerKey({ key: 'logs/2024/049999.csv.gz', etag: 'etag49999' }))).to.equal(false);
    });
  });
}

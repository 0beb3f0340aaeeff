import { expect } from 'chai';
import type { RejectedRecord } from '../domain/model/rejected-record.js';
import type { JobRecord, JobStore } from '../ports/job-store.js';
import { expectImportError, type CatalogFixture } from './state-store-contract.js';

/** A complete job record with every optional part filled, for round-trip tests. */
export function sampleJob(overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    jobId: 'job-1',
    status: 'running',
    database: 'db',
    table: 'events',
    mode: 'append',
    schedule: 'daily',
    uniqueId: null,
    files: 0,
    records: 0,
    skippedRecords: 0,
    bytes: 0,
    timeColumn: 'ts',
    startedAt: new Date('2024-05-01T10:00:00.123Z'),
    durationS: 0,
    configDiff: null,
    error: null,
    ...overrides,
  };
}

const reject = (line: number, raw = `bad,${line}`): RejectedRecord => ({ file: 'a.csv', line, reason: 'column 2: not a long', raw });

/** The behaviour every JobStore must show: job history, idempotency by unique id, files and rejected records. */
export function describeJobStoreContract(name: string, makeFixture: () => Promise<CatalogFixture<JobStore>>): void {
  describe(`JobStore contract: ${name}`, function () {
    let fx: CatalogFixture<JobStore>;
    beforeEach(async () => {
      fx = await makeFixture();
    });
    afterEach(async () => {
      await fx.cleanup();
    });

    it('returns a created job exactly as given, and nothing for an unknown id', async () => {
      const job = sampleJob({
        uniqueId: 'wf-1',
        configDiff: { in: { last_path: 'a.csv' }, out: {} },
        error: { code: 'DATA_DECODE', message: 'a.csv: not gzip' },
        status: 'error',
        durationS: 1.25,
        bytes: 2 ** 40,
      });
      await fx.store.create(job);
      expect(await fx.store.get('job-1')).to.deep.equal(job);
      expect(await fx.store.get('nope')).to.equal(undefined);
    });

    it('refuses a second job with the same unique id (idempotent imports) and finds the first', async () => {
      await fx.store.create(sampleJob({ jobId: 'j1', uniqueId: 'wf-1' }));
      await expectImportError(fx.store.create(sampleJob({ jobId: 'j2', uniqueId: 'wf-1' })), 'ALREADY_EXISTS');
      expect((await fx.store.findByUniqueId('wf-1'))?.jobId).to.equal('j1');
      expect(await fx.store.get('j2')).to.equal(undefined);
      expect(await fx.store.findByUniqueId('wf-2')).to.equal(undefined);
    });

    it('refuses a duplicate job id and allows many jobs without a unique id', async () => {
      await fx.store.create(sampleJob({ jobId: 'j1' }));
      await fx.store.create(sampleJob({ jobId: 'j2' }));
      await expectImportError(fx.store.create(sampleJob({ jobId: 'j1' })), 'ALREADY_EXISTS');
    });

    it('updates a job (status, counters, error) and refuses to update an unknown one', async () => {
      await fx.store.create(sampleJob());
      const done = sampleJob({ status: 'success', files: 2, records: 10, skippedRecords: 1, bytes: 99, durationS: 3.5, configDiff: { in: { last_path: 'b.csv' }, out: {} } });
      await fx.store.update(done);
      expect(await fx.store.get('job-1')).to.deep.equal(done);
      await expectImportError(fx.store.update(sampleJob({ jobId: 'ghost' })), 'NOT_FOUND');
    });

    it('lists the jobs of one schedule newest first, up to the limit', async () => {
      const at = (h: number): Date => new Date(Date.UTC(2024, 4, 1, h));
      await fx.store.create(sampleJob({ jobId: 'old', startedAt: at(1) }));
      await fx.store.create(sampleJob({ jobId: 'newest', startedAt: at(3) }));
      await fx.store.create(sampleJob({ jobId: 'middle', startedAt: at(2) }));
      await fx.store.create(sampleJob({ jobId: 'other', schedule: 'hourly', startedAt: at(4) }));
      await fx.store.create(sampleJob({ jobId: 'one-off', schedule: null, startedAt: at(5) }));
      expect((await fx.store.listBySchedule('daily', 10)).map((j) => j.jobId)).to.deep.equal(['newest', 'middle', 'old']);
      expect((await fx.store.listBySchedule('daily', 2)).map((j) => j.jobId)).to.deep.equal(['newest', 'middle']);
      expect(await fx.store.listBySchedule('none', 10)).to.deep.equal([]);
    });

    it('keeps the files of a job in the order added, across calls', async () => {
      await fx.store.create(sampleJob());
      await fx.store.addFiles('job-1', [{ key: 'b.csv', size: 5, records: 2, skipped: 0 }]);
      await fx.store.addFiles('job-1', [
        { key: 'a.csv', size: 7, records: 3, skipped: 1 },
        { key: 'c.csv', size: 0, records: 0, skipped: 0 },
      ]);
      expect((await fx.store.files('job-1')).map((f) => f.key)).to.deep.equal(['b.csv', 'a.csv', 'c.csv']);
      expect((await fx.store.files('job-1'))[1]).to.deep.equal({ key: 'a.csv', size: 7, records: 3, skipped: 1 });
      expect(await fx.store.files('unknown')).to.deep.equal([]);
      await expectImportError(fx.store.addFiles('unknown', [{ key: 'x', size: 1, records: 1, skipped: 0 }]), 'NOT_FOUND');
    });

    it('keeps rejected records in order, up to the limit asked for', async () => {
      await fx.store.create(sampleJob());
      await fx.store.addRejects('job-1', [reject(3), reject(7)]);
      await fx.store.addRejects('job-1', [reject(9)]);
      expect((await fx.store.rejects('job-1', 10)).map((r) => r.line)).to.deep.equal([3, 7, 9]);
      expect(await fx.store.rejects('job-1', 1)).to.deep.equal([reject(3)]);
      await expectImportError(fx.store.addRejects('unknown', [reject(1)]), 'NOT_FOUND');
    });

    it('cuts the raw text of a rejected record to 4 KiB without splitting a character', async () => {
      await fx.store.create(sampleJob());
      await fx.store.addRejects('job-1', [reject(1, 'é'.repeat(5000))]);
      const [kept] = await fx.store.rejects('job-1', 1);
      expect(Buffer.byteLength(kept?.raw ?? '')).to.equal(4096);
      expect(kept?.raw).to.equal('é'.repeat(2048));
    });

    it('keeps at most 10,000 rejected records per job', async function () {
      this.timeout(30_000);
      await fx.store.create(sampleJob());
      await fx.store.addRejects('job-1', Array.from({ length: 9_999 }, (_, i) => reject(i + 1)));
      await fx.store.addRejects('job-1', [reject(10_000), reject(10_001), reject(10_002)]);
      const kept = await fx.store.rejects('job-1', 20_000);
      expect(kept).to.have.length(10_000);
      expect(kept.at(-1)?.line).to.equal(10_000);
    });
  });
}

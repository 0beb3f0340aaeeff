import { expect } from 'chai';
import type { Schedule, ScheduleStore } from '../ports/schedule-store.js';
import { expectImportError, type CatalogFixture } from './state-store-contract.js';

/** A schedule whose config holds secrets at several depths (the store must round-trip them). */
export function sampleSchedule(overrides: Partial<Schedule> = {}): Schedule {
  return {
    name: 'daily',
    cron: '0 2 * * *',
    timezone: 'Asia/Tokyo',
    delay: 600,
    database: 'db',
    table: 'events',
    timeColumn: null,
    config: {
      in: {
        type: 's3',
        bucket: 'b',
        path_prefix: 'logs/',
        access_key_id: 'AKIAEXAMPLE',
        secret_access_key: 'wJalrXUtnFEMI-contract-secret',
        http_proxy: { host: 'proxy', port: 3128, user: 'u', password: 'proxy-pass-contract' },
        parser: { type: 'csv', columns: [{ name: 'id', type: 'long' }] },
      },
      filters: [{ type: 'digest', columns: ['email'], hmac_key: 'hmac-contract-key' }],
      out: { mode: 'append' },
    },
    createdAt: new Date('2024-05-01T00:00:00.000Z'),
    lastScheduledAt: null,
    ...overrides,
  };
}

const at = (minute: number): Date => new Date(Date.UTC(2024, 4, 1, 0, minute));

/** The behaviour every ScheduleStore must show: CRUD by name and an exclusive, expiring lease. */
export function describeScheduleStoreContract(name: string, makeFixture: () => Promise<CatalogFixture<ScheduleStore>>): void {
  describe(`ScheduleStore contract: ${name}`, function () {
    let fx: CatalogFixture<ScheduleStore>;
    beforeEach(async () => {
      fx = await makeFixture();
    });
    afterEach(async () => {
      await fx.cleanup();
    });

    it('returns a created schedule exactly as given, secrets included', async () => {
      const schedule = sampleSchedule({ lastScheduledAt: at(5), timeColumn: 'ts' });
      await fx.store.create(schedule);
      expect(await fx.store.get('daily')).to.deep.equal(schedule);
      expect(await fx.store.get('nope')).to.equal(undefined);
    });

    it('refuses a second schedule with the same name', async () => {
      await fx.store.create(sampleSchedule());
      await expectImportError(fx.store.create(sampleSchedule({ cron: '@hourly' })), 'ALREADY_EXISTS');
      expect((await fx.store.get('daily'))?.cron).to.equal('0 2 * * *');
    });

    it('lists schedules by name', async () => {
      await fx.store.create(sampleSchedule({ name: 'b' }));
      await fx.store.create(sampleSchedule({ name: 'a' }));
      expect((await fx.store.list()).map((s) => s.name)).to.deep.equal(['a', 'b']);
    });

    it('updates a schedule and refuses to update or delete an unknown one', async () => {
      await fx.store.create(sampleSchedule());
      const changed = sampleSchedule({ cron: '@hourly', lastScheduledAt: at(1), config: { in: { type: 'file', path_prefix: '/tmp/x' } } });
      await fx.store.update(changed);
      expect(await fx.store.get('daily')).to.deep.equal(changed);
      await expectImportError(fx.store.update(sampleSchedule({ name: 'ghost' })), 'NOT_FOUND');
      await expectImportError(fx.store.delete('ghost'), 'NOT_FOUND');
    });

    it('deletes a schedule', async () => {
      await fx.store.create(sampleSchedule());
      await fx.store.delete('daily');
      expect(await fx.store.get('daily')).to.equal(undefined);
      expect(await fx.store.list()).to.deep.equal([]);
    });

    it('gives the lease to one owner until it expires or is released', async () => {
      await fx.store.create(sampleSchedule());
      expect(await fx.store.acquireLease('daily', 'A', at(10), at(0))).to.equal(true);
      expect(await fx.store.acquireLease('daily', 'B', at(10), at(5))).to.equal(false);
      expect(await fx.store.acquireLease('daily', 'A', at(20), at(5)), 'the holder renews').to.equal(true);
      expect(await fx.store.acquireLease('daily', 'B', at(30), at(15)), 'renewed lease still live').to.equal(false);
      expect(await fx.store.acquireLease('daily', 'B', at(30), at(20)), 'expired at until').to.equal(true);
      await fx.store.releaseLease('daily', 'A');
      expect(await fx.store.acquireLease('daily', 'A', at(40), at(21)), "A's release does not free B's lease").to.equal(false);
      await fx.store.releaseLease('daily', 'B');
      expect(await fx.store.acquireLease('daily', 'A', at(40), at(21))).to.equal(true);
    });

    it('keeps the lease when the schedule is updated, and has no lease for an unknown schedule', async () => {
      await fx.store.create(sampleSchedule());
      expect(await fx.store.acquireLease('daily', 'A', at(10), at(0))).to.equal(true);
      await fx.store.update(sampleSchedule({ lastScheduledAt: at(1) }));
      expect(await fx.store.acquireLease('daily', 'B', at(10), at(2))).to.equal(false);
      expect(await fx.store.acquireLease('ghost', 'A', at(10), at(0))).to.equal(false);
    });

    it('lets exactly one of two racing owners take a free lease', async () => {
      await fx.store.create(sampleSchedule());
      const won = await Promise.all([fx.store.acquireLease('daily', 'A', at(10), at(0)), fx.store.acquireLease('daily', 'B', at(10), at(0))]);
      expect(won.filter(Boolean)).to.have.length(1);
    });

    it('is not affected by changes to a given config object', async () => {
      const schedule = sampleSchedule();
      await fx.store.create(schedule);
      (schedule.config['in'] as Record<string, unknown>)['bucket'] = 'mutated';
      expect(await fx.store.get('daily')).to.deep.equal(sampleSchedule());
    });
  });
}

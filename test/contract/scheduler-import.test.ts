import { expect } from 'chai';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createS3Import } from '../../src/app/container.js';
import type { S3Import } from '../../src/app/s3-import.js';
import type { Logger } from '../../src/ports/logger.js';
import { ManualClock } from '../unit/schedules/fake-import-files.js';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const table = { database: 'db', table: 'events' };
const config = {
  in: {
    type: 'file',
    path_prefix: 'data/',
    incremental: true,
    parser: { type: 'csv', skip_header_lines: 1, columns: [{ name: 'id', type: 'long' }, { name: 'name', type: 'string' }] },
  },
  out: { mode: 'append' },
};

/** The real ImportFiles over a local folder and in-memory stores, driven by the scheduler and a manual clock. */
describe('scheduled incremental import (real ImportFiles, local folder)', () => {
  let dir: string;
  let s3: S3Import;
  const clock = new ManualClock('2024-01-01T00:30:00Z');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 's3-import-sched-'));
    await mkdir(join(dir, 'data'));
    await writeFile(join(dir, 'data', 'a.csv'), 'id,name\n1,a\n2,b\n');
    s3 = await createS3Import({ warehouse: 'memory', catalog: 'memory', cwd: dir, clock, logger: quiet });
    await s3.warehouse.createDatabase('db', { ifNotExists: true });
    await s3.warehouse.createTable(table, { ifNotExists: true });
  });
  afterEach(async () => {
    await s3.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('each slot loads only new files; --config-diff {in: {}} makes the next slot load everything again', async () => {
    const schedules = s3.scheduling();
    const scheduler = s3.scheduler(quiet, 'daemon-a');
    await schedules.create({ name: 'hourly', cron: '@hourly', database: 'db', table: 'events', config });

    const first = await scheduler.runOnce(clock.set('2024-01-01T01:00:00Z'));
    expect(first.map((j) => [j.status, j.records])).to.deep.equal([['success', 2]]);
    expect((await schedules.show('hourly')).configDiff).to.deep.equal({ in: { last_path: 'data/a.csv' }, out: {} });

    await writeFile(join(dir, 'data', 'b.csv'), 'id,name\n3,c\n');
    const second = await scheduler.runOnce(clock.set('2024-01-01T02:00:00Z'));
    expect(second.map((j) => [j.status, j.records])).to.deep.equal([['success', 1]]);
    expect((await s3.warehouse.describeTable(table))!.rowCount).to.equal(3);

    const third = await scheduler.runOnce(clock.set('2024-01-01T03:00:00Z'));
    expect(third.map((j) => j.status)).to.deep.equal(['no_new_data']);

    await schedules.update('hourly', { configDiff: { in: {}, out: {} } });
    const reloaded = await scheduler.runOnce(clock.set('2024-01-01T04:00:00Z'));
    expect(reloaded.map((j) => j.records)).to.deep.equal([3]);
    expect((await s3.warehouse.describeTable(table))!.rowCount).to.equal(6);
    expect((await schedules.history('hourly')).map((j) => j.status)).to.deep.equal(['success', 'no_new_data', 'success', 'success']);
  });
});

import { expect } from 'chai';
import { InMemoryJobStore } from '../../../src/adapters/in-memory/in-memory-job-store.js';
import { InMemoryScheduleStore } from '../../../src/adapters/in-memory/in-memory-schedule-store.js';
import { InMemoryStateStore } from '../../../src/adapters/in-memory/in-memory-state-store.js';
import { ManageSchedules, type CreateScheduleInput } from '../../../src/app/manage-schedules.js';
import { isImportError } from '../../../src/domain/errors.js';
import type { ConfigDiff } from '../../../src/domain/model/source-options.js';
import { FakeImportFiles, ManualClock, loadConfig } from './fake-import-files.js';

function setup(now = '2024-01-01T00:10:00Z') {
  const clock = new ManualClock(now);
  const scheduleStore = new InMemoryScheduleStore();
  const stateStore = new InMemoryStateStore(clock);
  const jobStore = new InMemoryJobStore();
  const importFiles = new FakeImportFiles(jobStore, clock);
  const schedules = new ManageSchedules({ scheduleStore, stateStore, jobStore, clock, importFiles });
  return { clock, scheduleStore, stateStore, jobStore, importFiles, schedules };
}

const input = (over: Partial<CreateScheduleInput> = {}): CreateScheduleInput => ({
  name: 'daily_import',
  cron: '0 9 * * *',
  timezone: 'Asia/Tokyo',
  database: 'db',
  table: 'events',
  config: loadConfig(),
  ...over,
});

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string; exit: number }> {
  try {
    await promise;
  } catch (error) {
    if (isImportError(error)) return { code: error.code, message: error.message, exit: error.exitCode };
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('ManageSchedules', () => {
  it('creates a schedule and reports its next run in the schedule zone (Asia/Tokyo 09:00 = 00:00 UTC)', async () => {
    const { schedules } = setup('2024-01-01T00:10:00Z');
    const view = await schedules.create(input());
    expect(view).to.include({ name: 'daily_import', cron: '0 9 * * *', timezone: 'Asia/Tokyo', delay: 0, database: 'db', table: 'events', timeColumn: null });
    expect(view.nextRun.toISOString()).to.equal('2024-01-02T00:00:00.000Z');
    const [listed] = await schedules.list();
    expect(listed!.nextRun.toISOString()).to.equal('2024-01-02T00:00:00.000Z');
  });

  it('defaults to UTC and adds -D delay seconds to the next run', async () => {
    const { schedules } = setup('2024-01-01T00:10:00Z');
    const view = await schedules.create(input({ cron: '@hourly', timezone: undefined, delay: 600 }));
    expect(view.timezone).to.equal('UTC');
    // The 00:00 slot's delayed start (00:10) is now, so it is still owed; the next after it is 01:10.
    expect(view.nextRun.toISOString()).to.equal('2024-01-01T00:10:00.000Z');
  });

  it('rejects a PST zone, a bad cron, a bad name, a negative delay and a bad load config with exit 2, saving nothing', async () => {
    const { schedules } = setup();
    const pst = await rejection(schedules.create(input({ timezone: 'PST' })));
    expect(pst).to.include({ code: 'CONFIG_INVALID', exit: 2 });
    expect(pst.message).to.contain('America/Los_Angeles');
    expect((await rejection(schedules.create(input({ cron: '0 9 * *' })))).message).to.match(/^cron: /);
    expect((await rejection(schedules.create(input({ name: 'bad name!' })))).message).to.match(/^name: /);
    expect((await rejection(schedules.create(input({ delay: -5 })))).message).to.match(/^delay: /);
    const badConfig = await rejection(schedules.create(input({ config: { in: { type: 's3_v2', bucket: 'b', path_prefix: 'x/', parser: { type: 'csv' }, pathprefix: 'y' } } })));
    expect(badConfig).to.include({ code: 'CONFIG_INVALID', exit: 2 });
    expect(badConfig.message).to.contain('in.pathprefix');
    expect(await schedules.list()).to.deep.equal([]);
  });

  it('refuses a duplicate name and names unknown schedules with what to do', async () => {
    const { schedules } = setup();
    await schedules.create(input());
    expect(await rejection(schedules.create(input()))).to.include({ code: 'ALREADY_EXISTS' });
    const missing = await rejection(schedules.show('nope'));
    expect(missing.code).to.equal('NOT_FOUND');
    expect(missing.message).to.contain('s3-import list');
    expect((await rejection(schedules.update('nope', { delay: 1 }))).code).to.equal('NOT_FOUND');
    expect((await rejection(schedules.run('nope'))).code).to.equal('NOT_FOUND');
    expect((await rejection(schedules.delete('nope'))).code).to.equal('NOT_FOUND');
  });

  it('show redacts secrets of the saved config and includes the current config diff', async () => {
    const { schedules, stateStore } = setup();
    await schedules.create(input());
    expect((await schedules.show('daily_import')).configDiff).to.equal(null);
    await stateStore.put('schedule:daily_import', { in: { last_path: 'logs/b.csv' }, out: {} }, 0);
    const shown = await schedules.show('daily_import');
    expect(JSON.stringify(shown)).not.to.contain('TOP-SECRET-KEY');
    expect((shown.config['in'] as Record<string, unknown>)['secret_access_key']).to.equal('***');
    expect(shown.configDiff).to.deep.equal({ in: { last_path: 'logs/b.csv' }, out: {} });
  });

  it('update changes the timing, validates it, and --config-diff replaces the incremental state', async () => {
    const { schedules, stateStore } = setup('2024-01-01T00:10:00Z');
    await schedules.create(input());
    await stateStore.put('schedule:daily_import', { in: { last_path: 'logs/z.csv' }, out: {} }, 0);
    const view = await schedules.update('daily_import', { cron: '30 1 * * *', timezone: 'America/New_York', delay: 60 });
    expect(view.nextRun.toISOString()).to.equal('2024-01-01T06:31:00.000Z');
    expect((await rejection(schedules.update('daily_import', { timezone: 'CST' }))).message).to.match(/^timezone: /);
    await schedules.update('daily_import', { configDiff: { in: { last_path: 'logs/a.csv' }, out: {} } });
    expect((await schedules.show('daily_import')).configDiff).to.deep.equal({ in: { last_path: 'logs/a.csv' }, out: {} });
    const bad = await rejection(schedules.update('daily_import', { configDiff: { in: { lastpath: 'x' } } as unknown as ConfigDiff }));
    expect(bad.message).to.contain('config_diff.in.lastpath');
  });

  it('run passes the schedule state id, table and time column to the import and shows up in history', async () => {
    const { schedules, importFiles } = setup();
    await schedules.create(input({ timeColumn: 'created_at' }));
    const job = await schedules.run('daily_import');
    expect(job.status).to.equal('success');
    const request = importFiles.requests[0]!;
    expect(request).to.include({ stateId: 'schedule:daily_import', schedule: 'daily_import', database: 'db', table: 'events', timeColumn: 'created_at' });
    expect(request.config.in.path_prefix).to.equal('logs/');
    expect((await schedules.history('daily_import')).map((j) => j.jobId)).to.deep.equal([job.jobId]);
  });

  it('run with a TIME stands for that cron slot: a second run of the same slot returns the first job', async () => {
    const { schedules, importFiles } = setup();
    await schedules.create(input());
    const slot = new Date('2024-01-01T00:00:00Z');
    const first = await schedules.run('daily_import', slot);
    const second = await schedules.run('daily_import', slot);
    expect(second.jobId).to.equal(first.jobId);
    expect(importFiles.requests).to.have.length(1);
  });

  it('run while another run of the schedule is going records a skipped job instead of running twice', async () => {
    const { schedules, importFiles } = setup();
    await schedules.create(input());
    importFiles.hold();
    const first = schedules.run('daily_import');
    await importFiles.started(1);
    const skipped = await schedules.run('daily_import');
    expect(skipped.status).to.equal('skipped');
    expect(skipped.error?.message).to.contain('still running');
    importFiles.release();
    expect((await first).status).to.equal('success');
    expect((await schedules.history('daily_import')).map((j) => j.status).sort()).to.deep.equal(['skipped', 'success']);
  });

  it('delete removes the schedule and its state but keeps its history', async () => {
    const { schedules, stateStore } = setup();
    await schedules.create(input());
    await schedules.run('daily_import');
    await stateStore.put('schedule:daily_import', { in: { last_path: 'logs/a.csv' }, out: {} }, 0);
    await schedules.delete('daily_import');
    expect(await schedules.list()).to.deep.equal([]);
    expect(await stateStore.get('schedule:daily_import')).to.equal(undefined);
    expect(await schedules.history('daily_import')).to.have.length(1);
    expect((await rejection(schedules.history('never_existed'))).code).to.equal('NOT_FOUND');
  });
});

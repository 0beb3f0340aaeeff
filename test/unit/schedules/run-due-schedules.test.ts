import { expect } from 'chai';
import { InMemoryJobStore } from '../../../src/adapters/in-memory/in-memory-job-store.js';
import { InMemoryScheduleStore } from '../../../src/adapters/in-memory/in-memory-schedule-store.js';
import { InMemoryStateStore } from '../../../src/adapters/in-memory/in-memory-state-store.js';
import { ManageSchedules, type CreateScheduleInput } from '../../../src/app/manage-schedules.js';
import { RunDueSchedules } from '../../../src/app/run-due-schedules.js';
import type { Logger } from '../../../src/ports/logger.js';
import { FakeImportFiles, ManualClock, loadConfig } from './fake-import-files.js';

class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  debug(): void {}
  info(message: string): void {
    this.lines.push(`info ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error ${message}`);
  }
}

// The manual clock jumps by hours between polls; a day-long lease keeps a held run's lease live across the jumps.
function setup(createdAt: string, leaseMs = 86_400_000) {
  const clock = new ManualClock(createdAt);
  const scheduleStore = new InMemoryScheduleStore();
  const stateStore = new InMemoryStateStore(clock);
  const jobStore = new InMemoryJobStore();
  const importFiles = new FakeImportFiles(jobStore, clock);
  const logger = new RecordingLogger();
  const deps = { scheduleStore, stateStore, jobStore, clock, importFiles, logger, leaseMs };
  const schedules = new ManageSchedules(deps);
  const create = (over: Partial<CreateScheduleInput> = {}) =>
    schedules.create({ name: 'hourly', cron: '@hourly', database: 'db', table: 't', config: loadConfig(), ...over });
  const daemon = (owner: string) => new RunDueSchedules({ ...deps, owner });
  return { clock, scheduleStore, jobStore, importFiles, logger, schedules, create, daemon };
}

const isoOf = (d: Date | null): string | null => d?.toISOString() ?? null;

describe('RunDueSchedules', () => {
  it('runs a due slot once with the schedule state id and a per-slot unique id, then nothing until the next slot', async () => {
    const { clock, create, daemon, importFiles, scheduleStore } = setup('2024-01-01T09:30:00Z');
    await create();
    const scheduler = daemon('a');
    expect(await scheduler.runOnce(clock.set('2024-01-01T09:59:59Z'))).to.deep.equal([]);
    const jobs = await scheduler.runOnce(clock.set('2024-01-01T10:00:05Z'));
    expect(jobs.map((j) => j.status)).to.deep.equal(['success']);
    expect(importFiles.requests[0]).to.include({ stateId: 'schedule:hourly', schedule: 'hourly', uniqueId: 'schedule:hourly@2024-01-01T10:00:00.000Z' });
    expect(isoOf((await scheduleStore.get('hourly'))!.lastScheduledAt)).to.equal('2024-01-01T10:00:00.000Z');
    expect(await scheduler.runOnce(clock.set('2024-01-01T10:30:00Z'))).to.deep.equal([]);
    expect(await scheduler.runOnce(clock.set('2024-01-01T11:00:00Z'))).to.have.length(1);
  });

  it('-D delay: the 10:00 slot of a 600 s delayed schedule starts at 10:10, not before', async () => {
    const { clock, create, daemon, importFiles } = setup('2024-01-01T09:30:00Z');
    await create({ delay: 600 });
    const scheduler = daemon('a');
    expect(await scheduler.runOnce(clock.set('2024-01-01T10:09:59Z'))).to.deep.equal([]);
    expect(await scheduler.runOnce(clock.set('2024-01-01T10:10:00Z'))).to.have.length(1);
    expect(importFiles.requests[0]!.uniqueId).to.equal('schedule:hourly@2024-01-01T10:00:00.000Z');
  });

  it('after downtime runs only the most recent missed slot, once, and says which slots were dropped', async () => {
    const { clock, create, daemon, importFiles, logger } = setup('2024-01-01T09:30:00Z');
    await create();
    const scheduler = daemon('a');
    await scheduler.runOnce(clock.set('2024-01-01T10:00:00Z'));
    // Down from 10:01 to 15:20: the 11:00 to 15:00 slots were missed.
    const jobs = await scheduler.runOnce(clock.set('2024-01-01T15:20:00Z'));
    expect(jobs).to.have.length(1);
    expect(importFiles.requests.map((r) => r.uniqueId)).to.deep.equal(['schedule:hourly@2024-01-01T10:00:00.000Z', 'schedule:hourly@2024-01-01T15:00:00.000Z']);
    expect(logger.lines.join('\n')).to.contain('slots from 2024-01-01T11:00:00.000Z to before 2024-01-01T15:00:00.000Z');
    expect(await scheduler.runOnce(clock.set('2024-01-01T15:40:00Z'))).to.deep.equal([]);
  });

  it('a daily 01:30 New York schedule polled every 5 minutes through the fall-back night runs once', async () => {
    const { clock, create, daemon, importFiles } = setup('2024-11-02T12:00:00Z');
    await create({ name: 'nightly', cron: '30 1 * * *', timezone: 'America/New_York' });
    const scheduler = daemon('a');
    for (let t = Date.parse('2024-11-03T04:00:00Z'); t <= Date.parse('2024-11-03T09:00:00Z'); t += 5 * 60_000) {
      await scheduler.runOnce(clock.set(new Date(t).toISOString()));
    }
    expect(importFiles.requests.map((r) => r.uniqueId)).to.deep.equal(['schedule:nightly@2024-11-03T05:30:00.000Z']);
  });

  it('a daily 02:30 New York schedule runs once on the spring-forward day, at 03:30 EDT', async () => {
    const { clock, create, daemon, importFiles } = setup('2024-03-09T12:00:00Z');
    await create({ name: 'nightly', cron: '30 2 * * *', timezone: 'America/New_York' });
    const scheduler = daemon('a');
    for (let t = Date.parse('2024-03-10T05:00:00Z'); t <= Date.parse('2024-03-10T10:00:00Z'); t += 5 * 60_000) {
      await scheduler.runOnce(clock.set(new Date(t).toISOString()));
    }
    expect(importFiles.requests.map((r) => r.uniqueId)).to.deep.equal(['schedule:nightly@2024-03-10T07:30:00.000Z']);
  });

  it('records a skipped job when the previous run still holds the lease at the next slot, then runs the slot after', async () => {
    const { clock, create, daemon, importFiles, schedules } = setup('2024-01-01T09:30:00Z');
    await create();
    const a = daemon('a');
    const b = daemon('b');
    importFiles.hold();
    const long = a.runOnce(clock.set('2024-01-01T10:00:00Z'));
    await importFiles.started(1);
    const skipped = await b.runOnce(clock.set('2024-01-01T11:00:00Z'));
    expect(skipped.map((j) => [j.status, j.uniqueId])).to.deep.equal([['skipped', 'schedule:hourly@2024-01-01T11:00:00.000Z']]);
    expect(await b.runOnce(clock.set('2024-01-01T11:00:30Z'))).to.deep.equal([]); // the skip is recorded once
    importFiles.release();
    expect((await long).map((j) => j.status)).to.deep.equal(['success']);
    expect(await a.runOnce(clock.set('2024-01-01T11:01:00Z'))).to.deep.equal([]); // 11:00 stays skipped
    expect((await b.runOnce(clock.set('2024-01-01T12:00:00Z'))).map((j) => j.status)).to.deep.equal(['success']);
    const history = await schedules.history('hourly');
    expect(history.map((j) => j.status)).to.deep.equal(['success', 'skipped', 'success']);
    expect(importFiles.requests).to.have.length(2);
  });

  it('marks a job left running by a dead scheduler as failed once its lease has expired', async () => {
    const { clock, create, daemon, jobStore, scheduleStore } = setup('2024-01-01T09:30:00Z');
    await create();
    await jobStore.create({
      jobId: 'orphan', status: 'running', database: 'db', table: 't', mode: 'append', schedule: 'hourly', uniqueId: null, files: 0, records: 0,
      skippedRecords: 0, bytes: 0, timeColumn: null, startedAt: new Date('2024-01-01T09:40:00Z'), durationS: 0, configDiff: null, error: null,
    });
    await scheduleStore.acquireLease('hourly', 'dead-daemon', new Date('2024-01-01T09:41:00Z'), new Date('2024-01-01T09:40:00Z'));
    await daemon('a').runOnce(clock.set('2024-01-01T10:00:00Z'));
    const orphan = await jobStore.get('orphan');
    expect(orphan!.status).to.equal('error');
    expect(orphan!.error!.message).to.contain('stopped before it finished');
  });

  it('stops on abort: the running import is aborted through its signal and recorded as CANCELLED', async () => {
    const { clock, create, daemon, importFiles, schedules } = setup('2024-01-01T09:30:00Z');
    await create();
    clock.set('2024-01-01T10:00:00Z');
    importFiles.hold();
    const stop = new AbortController();
    const loop = daemon('a').runForever(stop.signal, { pollMs: 20 });
    await importFiles.started(1);
    stop.abort();
    await loop;
    expect(importFiles.signals[0]!.aborted).to.equal(true);
    const [job] = await schedules.history('hourly');
    expect(job!.status).to.equal('error');
    expect(job!.error!.code).to.equal('CANCELLED');
    expect(job!.error!.message).to.contain('table and the incremental state are as before');
  });

  it('renews the lease while a long import runs, so a manual run meanwhile is skipped', async () => {
    const clock = { now: () => new Date() };
    const base = setup(new Date().toISOString());
    const deps = { scheduleStore: base.scheduleStore, stateStore: new InMemoryStateStore(), jobStore: base.jobStore, clock, importFiles: base.importFiles, leaseMs: 60 };
    const schedules = new ManageSchedules(deps);
    await base.create();
    base.importFiles.hold();
    const long = schedules.run('hourly');
    await base.importFiles.started(1);
    await new Promise((resolve) => setTimeout(resolve, 250)); // four lease lengths
    expect((await schedules.run('hourly')).status).to.equal('skipped');
    base.importFiles.release();
    expect((await long).status).to.equal('success');
    expect((await schedules.run('hourly')).status).to.equal('success'); // released at the end
  });
});

import type { IdGenerator, Clock } from '../ports/clock.js';
import type { JobRecord, JobStore } from '../ports/job-store.js';
import type { Logger } from '../ports/logger.js';
import type { Schedule, ScheduleStore } from '../ports/schedule-store.js';
import { validateImportConfig } from './config/load-config.js';
import type { ImportRequest } from './import-files.js';
import { closeInterruptedJobs, createOnce, outcomeJob, refusedRun } from './schedule-jobs.js';
import { withRenewedLease } from './schedule-lease.js';
import { scheduleStateId } from './schedule-timing.js';

export interface ScheduleRunnerDeps {
  readonly scheduleStore: ScheduleStore;
  readonly jobStore: JobStore;
  readonly clock: Clock;
  readonly importFiles: { run(request: ImportRequest): Promise<JobRecord> };
  readonly ids: IdGenerator;
  readonly leaseMs: number;
  readonly logger?: Logger;
}

/** Runs one schedule's import under its lease; shared by `run NAME` and the scheduler daemon. */
export class ScheduleRunner {
  constructor(private readonly deps: ScheduleRunnerDeps) {}

  /** Takes the schedule's lease for `owner`; false when another run holds it. */
  acquire(name: string, owner: string): Promise<boolean> {
    const now = this.deps.clock.now();
    return this.deps.scheduleStore.acquireLease(name, owner, new Date(now.getTime() + this.deps.leaseMs), now);
  }

  /**
   * Runs the import of `schedule` while `owner` holds its lease (taken with acquire()), renews the lease while it
   * runs and releases it at the end. A saved config that no longer validates gives an 'error' job, not a throw.
   */
  async runHeld(schedule: Schedule, owner: string, options: { uniqueId: string | null; signal?: AbortSignal }): Promise<JobRecord> {
    const { jobStore, clock, importFiles } = this.deps;
    return withRenewedLease(this.deps, schedule.name, owner, options.signal, async (signal) => {
      await closeInterruptedJobs(jobStore, schedule.name, clock.now());
      let config;
      try {
        config = validateImportConfig(schedule.config);
      } catch (error) {
        const job = outcomeJob(schedule, { jobId: this.deps.ids.newId(), status: 'error', uniqueId: options.uniqueId, startedAt: clock.now(), error: refusedRun(error) });
        return (await createOnce(jobStore, job)) ?? job;
      }
      return importFiles.run({
        config,
        database: schedule.database,
        table: schedule.table,
        timeColumn: schedule.timeColumn,
        stateId: scheduleStateId(schedule.name),
        schedule: schedule.name,
        // The schedule names its database and table explicitly: its first run creates them (as TD's scheduled
        // loads do), so a schedule never fails on a table nobody could have created with --auto-create-table.
        autoCreateTable: true,
        signal,
        ...(options.uniqueId !== null ? { uniqueId: options.uniqueId } : {}),
      });
    });
  }

  /**
   * Records a run of `schedule` as skipped because another run holds the lease. With `onlyBehindRunningJob` (the
   * daemon), returns null instead when no job of the schedule is running yet (the holder may be starting this very
   * slot) or when the slot already has its job.
   */
  async recordSkip(schedule: Schedule, uniqueId: string | null, onlyBehindRunningJob: boolean): Promise<JobRecord | null> {
    const recent = await this.deps.jobStore.listBySchedule(schedule.name, 10);
    if (uniqueId !== null && recent.some((job) => job.uniqueId === uniqueId)) return null;
    const running = recent.find((job) => job.status === 'running');
    if (!running && onlyBehindRunningJob) return null;
    const message = running
      ? `the previous run (job ${running.jobId}, started ${running.startedAt.toISOString()}) was still running, so this run was skipped; the next run picks up its files`
      : 'another run of this schedule was starting, so this run was skipped; retry in a moment';
    const job = outcomeJob(schedule, { jobId: this.deps.ids.newId(), status: 'skipped', uniqueId, startedAt: this.deps.clock.now(), error: { code: 'SKIPPED', message } });
    const created = await createOnce(this.deps.jobStore, job);
    if (created) this.deps.logger?.warn(`schedule ${schedule.name}: skipped: ${message}`);
    return created;
  }
}

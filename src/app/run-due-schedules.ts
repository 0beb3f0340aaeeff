import { setTimeout as sleep } from 'node:timers/promises';
import { CronSchedule } from '../domain/cron-schedule.js';
import { ImportError, isImportError } from '../domain/errors.js';
import type { JobRecord } from '../ports/job-store.js';
import type { Logger } from '../ports/logger.js';
import type { Schedule } from '../ports/schedule-store.js';
import type { ScheduleDeps } from './manage-schedules.js';
import { randomIds } from './schedule-jobs.js';
import { DEFAULT_LEASE_MS } from './schedule-lease.js';
import { ScheduleRunner } from './schedule-runner.js';
import { dueSlot, nextRunAt, slotFloor, slotUniqueId } from './schedule-timing.js';

export interface SchedulerDeps extends ScheduleDeps {
  readonly logger: Logger;
  /** Identifies this daemon's leases (default: a random id); two daemons must differ. */
  readonly owner?: string;
}

const DEFAULT_POLL_MS = 15_000;
const MIN_SLEEP_MS = 200;

/**
 * The scheduler daemon's core. Each due schedule runs under its lease, so two daemons on one catalog never run a
 * schedule twice at once; each cron slot gets exactly one job record (run, skipped or failed), keyed by the slot.
 */
export class RunDueSchedules {
  private readonly runner: ScheduleRunner;
  private readonly owner: string;
  private readonly running = new Map<string, Promise<JobRecord | null>>();

  constructor(private readonly deps: SchedulerDeps) {
    const ids = deps.ids ?? randomIds;
    this.owner = deps.owner ?? `scheduler:${ids.newId()}`;
    this.runner = new ScheduleRunner({ ...deps, ids, leaseMs: deps.leaseMs ?? DEFAULT_LEASE_MS });
  }

  /** Runs every due slot once and waits for the runs; returns their jobs, including skipped and failed ones. */
  async runOnce(now: Date = this.deps.clock.now()): Promise<JobRecord[]> {
    const started = await this.startDue(now, undefined);
    const jobs = await Promise.all(started);
    return jobs.filter((job): job is JobRecord => job !== null);
  }

  /**
   * Polls until `signal` aborts. On abort it starts nothing new and aborts the running imports through their
   * signal: loads are transactional, so each table and incremental state stays as before the run (the job is
   * recorded as CANCELLED); it resolves once they have rolled back and released their leases.
   */
  async runForever(signal: AbortSignal, options: { pollMs?: number } = {}): Promise<void> {
    const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    const stop = new AbortController();
    const onAbort = (): void =>
      stop.abort(new ImportError('CANCELLED', 'the scheduler was stopped while this job ran; the load was rolled back, so the table and the incremental state are as before, and the next run loads these files'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    this.deps.logger.info(`scheduler ${this.owner} started (poll every ${pollMs} ms)`);
    try {
      while (!stop.signal.aborted) {
        let wakeAt = Date.now() + pollMs;
        try {
          await this.startDue(this.deps.clock.now(), stop.signal);
          wakeAt = Math.min(wakeAt, Date.now() + (await this.msUntilNextRun()));
        } catch (error) {
          this.deps.logger.error(`scheduler: could not read the schedules (${describe(error)}); retrying in ${pollMs} ms`);
        }
        if (stop.signal.aborted) break;
        await sleep(Math.max(MIN_SLEEP_MS, wakeAt - Date.now()), undefined, { signal: stop.signal }).catch(() => undefined);
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      await Promise.allSettled(this.running.values());
      this.deps.logger.info(`scheduler ${this.owner} stopped`);
    }
  }

  /** Starts the due schedules; the promises settle when each run ends (null: nothing was recorded). */
  private async startDue(now: Date, signal: AbortSignal | undefined): Promise<Promise<JobRecord | null>[]> {
    const started: Promise<JobRecord | null>[] = [];
    for (const schedule of await this.deps.scheduleStore.list()) {
      const cron = this.cronOf(schedule);
      const slot = cron && dueSlot(schedule, cron, now);
      if (!slot) continue;
      const uniqueId = slotUniqueId(schedule.name, slot);
      if (this.running.has(schedule.name)) {
        started.push(this.runner.recordSkip(schedule, uniqueId, true));
        continue;
      }
      const run = this.runSlot(schedule, uniqueId, now, signal)
        .catch((error: unknown) => {
          this.deps.logger.error(`schedule ${schedule.name}: the run for ${slot.toISOString()} failed: ${describe(error)}`);
          return null;
        })
        .finally(() => this.running.delete(schedule.name));
      this.running.set(schedule.name, run);
      started.push(run);
    }
    return started;
  }

  private async runSlot(schedule: Schedule, uniqueId: string, now: Date, signal: AbortSignal | undefined): Promise<JobRecord | null> {
    const { scheduleStore, jobStore, logger } = this.deps;
    if (!(await this.runner.acquire(schedule.name, this.owner))) return this.runner.recordSkip(schedule, uniqueId, true);
    let handedOver = false;
    try {
      // Another daemon may have run this slot, or someone edited the schedule, between list() and the lease.
      const fresh = await scheduleStore.get(schedule.name);
      const cron = fresh && this.cronOf(fresh);
      const freshSlot = cron && dueSlot(fresh, cron, now);
      if (!fresh || !cron || !freshSlot) return null;
      const freshId = slotUniqueId(fresh.name, freshSlot);
      const missedFrom = cron.next(slotFloor(fresh));
      if (fresh.lastScheduledAt && missedFrom.getTime() < freshSlot.getTime()) {
        logger.warn(`schedule ${fresh.name}: no scheduler ran the slots from ${missedFrom.toISOString()} to before ${freshSlot.toISOString()}; running only the latest, ${freshSlot.toISOString()}`);
      }
      if (signal?.aborted) return null; // stopping: the slot stays owed to the next scheduler
      // update() writes the whole row: re-read just before it so a concurrent `update` of the config is not undone.
      // (A one-column ScheduleStore.markScheduled would close the remaining microseconds-wide window.)
      const latest = await scheduleStore.get(fresh.name);
      if (!latest) return null;
      await scheduleStore.update({ ...latest, lastScheduledAt: freshSlot });
      if (await jobStore.findByUniqueId(freshId)) return null; // recorded as skipped while the previous run held the lease
      logger.info(`schedule ${fresh.name}: running the ${freshSlot.toISOString()} slot`);
      handedOver = true;
      const job = await this.runner.runHeld(fresh, this.owner, { uniqueId: freshId, ...(signal ? { signal } : {}) });
      logger.info(`schedule ${fresh.name}: job ${job.jobId} ${job.status}${job.error ? `: ${job.error.message}` : ''} (${job.records} records)`);
      return job;
    } finally {
      if (!handedOver) await scheduleStore.releaseLease(schedule.name, this.owner);
    }
  }

  private async msUntilNextRun(): Promise<number> {
    const now = this.deps.clock.now();
    let soonest = Infinity;
    for (const schedule of await this.deps.scheduleStore.list()) {
      const cron = this.cronOf(schedule);
      const wait = cron && !this.running.has(schedule.name) ? nextRunAt(schedule, cron, now).getTime() - now.getTime() : 0;
      // A run still due after this poll waits for a lease someone else holds: the regular poll retries it.
      if (wait > 0) soonest = Math.min(soonest, wait);
    }
    return soonest;
  }

  private cronOf(schedule: Schedule): CronSchedule | null {
    try {
      return CronSchedule.parse(schedule.cron, schedule.timezone);
    } catch (error) {
      this.deps.logger.error(`schedule ${schedule.name}: ${describe(error)}; fix it with \`s3-import update ${schedule.name} --cron ...\``);
      return null;
    }
  }
}

function describe(error: unknown): string {
  return isImportError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
}

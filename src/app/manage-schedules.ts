import { CronSchedule } from '../domain/cron-schedule.js';
import { ImportError } from '../domain/errors.js';
import type { ConfigDiff } from '../domain/model/source-options.js';
import { redactSecrets } from '../domain/redaction.js';
import type { Clock, IdGenerator } from '../ports/clock.js';
import type { JobRecord, JobStore } from '../ports/job-store.js';
import type { Schedule, ScheduleStore } from '../ports/schedule-store.js';
import type { StateStore } from '../ports/state-store.js';
import { validateImportConfig } from './config/load-config.js';
import type { ImportRequest } from './import-files.js';
import { checkDelay, checkNonEmpty, checkScheduleName, parseConfigDiff } from './schedule-input.js';
import { randomIds } from './schedule-jobs.js';
import { DEFAULT_LEASE_MS } from './schedule-lease.js';
import { ScheduleRunner } from './schedule-runner.js';
import { scheduleStateId, slotUniqueId } from './schedule-timing.js';
import { noSuchSchedule, toView, type ScheduleView } from './schedule-view.js';

export type { ScheduleView };

/** What the schedule use cases need. */
export interface ScheduleDeps {
  readonly scheduleStore: ScheduleStore;
  readonly stateStore: StateStore;
  readonly jobStore: JobStore;
  readonly clock: Clock;
  readonly importFiles: { run(request: ImportRequest): Promise<JobRecord> };
  /** Ids of the job records written without an import (skipped runs); default: random UUIDs. */
  readonly ids?: IdGenerator;
  /** How long a schedule's lease lasts between renewals (default 60 s). */
  readonly leaseMs?: number;
}

export interface CreateScheduleInput {
  readonly name: string;
  readonly cron: string;
  /** IANA name; default UTC, as TD. */
  readonly timezone?: string;
  /** Seconds after each cron time; default 0. */
  readonly delay?: number;
  readonly database: string;
  readonly table: string;
  readonly timeColumn?: string | null;
  /** The load config (load.yml parsed); validated here, saved as given (secrets encrypted by the store). */
  readonly config: Record<string, unknown>;
}

export interface UpdateScheduleChanges {
  readonly cron?: string;
  readonly timezone?: string;
  readonly delay?: number;
  readonly config?: Record<string, unknown>;
  /** Replaces the incremental state (`{in: {}}` loads everything again); validated, as it comes from a file. */
  readonly configDiff?: ConfigDiff;
}

/** The schedule verbs of the CLI: create, update, list, show, history, run, delete. */
export class ManageSchedules {
  private readonly runner: ScheduleRunner;
  private readonly ids: IdGenerator;

  constructor(private readonly deps: ScheduleDeps) {
    this.ids = deps.ids ?? randomIds;
    this.runner = new ScheduleRunner({ ...deps, ids: this.ids, leaseMs: deps.leaseMs ?? DEFAULT_LEASE_MS });
  }

  /** Saves a new schedule. CONFIG_INVALID (exit 2) for a bad name, cron, zone, delay or load config; ALREADY_EXISTS. */
  async create(input: CreateScheduleInput): Promise<ScheduleView> {
    checkScheduleName(input.name);
    const timezone = input.timezone ?? 'UTC';
    CronSchedule.parse(input.cron, timezone);
    const delay = input.delay ?? 0;
    checkDelay(delay);
    checkNonEmpty('database', input.database);
    checkNonEmpty('table', input.table);
    validateImportConfig(input.config);
    const now = this.deps.clock.now();
    const schedule: Schedule = {
      name: input.name,
      cron: input.cron.trim(),
      timezone,
      delay,
      database: input.database,
      table: input.table,
      timeColumn: input.timeColumn || null,
      config: input.config,
      createdAt: now,
      lastScheduledAt: null,
    };
    await this.deps.scheduleStore.create(schedule);
    return toView(schedule, now);
  }

  /** Changes timing or config, and/or replaces the incremental state (refused while a run holds the schedule). */
  async update(name: string, changes: UpdateScheduleChanges): Promise<ScheduleView> {
    const current = await this.mustGet(name);
    const next: Schedule = {
      ...current,
      cron: changes.cron?.trim() ?? current.cron,
      timezone: changes.timezone ?? current.timezone,
      delay: changes.delay ?? current.delay,
      config: changes.config ?? current.config,
    };
    CronSchedule.parse(next.cron, next.timezone);
    checkDelay(next.delay);
    if (changes.config) validateImportConfig(changes.config);
    const diff = changes.configDiff === undefined ? undefined : parseConfigDiff(changes.configDiff);
    await this.deps.scheduleStore.update(next);
    if (diff) await this.replaceState(name, diff);
    return toView(next, this.deps.clock.now());
  }

  /** All schedules by name, with their next run. */
  async list(): Promise<ScheduleView[]> {
    const now = this.deps.clock.now();
    return (await this.deps.scheduleStore.list()).map((schedule) => toView(schedule, now));
  }

  /** One schedule with its config (secrets replaced by ***) and its current config diff (null before a run). */
  async show(name: string): Promise<ScheduleView & { config: Record<string, unknown>; configDiff: ConfigDiff | null }> {
    const schedule = await this.mustGet(name);
    const state = await this.deps.stateStore.get(scheduleStateId(name));
    return { ...toView(schedule, this.deps.clock.now()), config: redactSecrets(schedule.config), configDiff: state?.configDiff ?? null };
  }

  /** Past runs, newest first; still available after the schedule is deleted. */
  async history(name: string, limit = 20): Promise<JobRecord[]> {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new ImportError('USAGE', `-n ${String(limit)}: give a whole number of jobs, 1 or more`);
    const jobs = await this.deps.jobStore.listBySchedule(name, limit);
    if (jobs.length === 0 && !(await this.deps.scheduleStore.get(name))) throw noSuchSchedule(name);
    return jobs;
  }

  /**
   * Runs the schedule now under its lease, as the scheduler would: while another run holds it, the result is a
   * 'skipped' job. With `time`, the run stands for that cron time: when it already has a job (the scheduler ran
   * it), that job is returned instead of loading again.
   */
  async run(name: string, time?: Date): Promise<JobRecord> {
    const schedule = await this.mustGet(name);
    validateImportConfig(schedule.config);
    const uniqueId = time ? slotUniqueId(name, time) : null;
    if (uniqueId) {
      const existing = await this.deps.jobStore.findByUniqueId(uniqueId);
      if (existing) return existing;
    }
    const owner = `run:${this.ids.newId()}`;
    if (!(await this.runner.acquire(name, owner))) {
      const skipped = await this.runner.recordSkip(schedule, uniqueId, false);
      const existing = uniqueId ? await this.deps.jobStore.findByUniqueId(uniqueId) : undefined;
      if (skipped ?? existing) return (skipped ?? existing) as JobRecord;
      throw new ImportError('INTERNAL', `schedule ${name}: could not record the skipped run; retry`);
    }
    return this.runner.runHeld(schedule, owner, { uniqueId });
  }

  /** Removes the schedule and its incremental state; its job history stays. */
  async delete(name: string): Promise<void> {
    await this.deps.scheduleStore.delete(name);
    await this.deps.stateStore.delete(scheduleStateId(name));
  }

  private async mustGet(name: string): Promise<Schedule> {
    const schedule = await this.deps.scheduleStore.get(name);
    if (!schedule) throw noSuchSchedule(name);
    return schedule;
  }

  private async replaceState(name: string, diff: ConfigDiff): Promise<void> {
    const owner = `update:${this.ids.newId()}`;
    if (!(await this.runner.acquire(name, owner))) {
      throw new ImportError('STATE_CONFLICT', `schedule ${name} is running now, so its config diff was not changed (the other changes were saved); run the update again when \`s3-import history ${name}\` shows the run finished`);
    }
    try {
      const stored = await this.deps.stateStore.get(scheduleStateId(name));
      await this.deps.stateStore.put(scheduleStateId(name), diff, stored?.version ?? 0);
    } finally {
      await this.deps.scheduleStore.releaseLease(name, owner);
    }
  }
}

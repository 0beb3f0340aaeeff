import { ImportError, isImportError } from '../domain/errors.js';
import { IMPORT_MODES, type ImportMode } from '../domain/model/import-mode.js';
import type { IdGenerator } from '../ports/clock.js';
import type { JobRecord, JobStore } from '../ports/job-store.js';
import type { Schedule } from '../ports/schedule-store.js';

/** Job ids for records the schedulers write themselves (skips, interrupted runs). */
export const randomIds: IdGenerator = { newId: () => globalThis.crypto.randomUUID() };

/** A job record for a run that did not execute the import (skipped, or refused before it started). */
export function outcomeJob(
  schedule: Schedule,
  fields: { jobId: string; status: 'skipped' | 'error'; uniqueId: string | null; startedAt: Date; error: { code: string; message: string } },
): JobRecord {
  return {
    jobId: fields.jobId,
    status: fields.status,
    database: schedule.database,
    table: schedule.table,
    mode: configuredMode(schedule.config),
    schedule: schedule.name,
    uniqueId: fields.uniqueId,
    files: 0,
    records: 0,
    skippedRecords: 0,
    bytes: 0,
    timeColumn: schedule.timeColumn,
    startedAt: fields.startedAt,
    durationS: 0,
    configDiff: null,
    error: fields.error,
  };
}

/** Creates `job`; returns null when its uniqueId is already taken (another scheduler recorded this slot first). */
export async function createOnce(jobStore: JobStore, job: JobRecord): Promise<JobRecord | null> {
  try {
    await jobStore.create(job);
    return job;
  } catch (error) {
    if (isImportError(error) && error.code === 'ALREADY_EXISTS') return null;
    throw error;
  }
}

/**
 * Marks the schedule's jobs still 'running' as failed. Call only while holding the schedule's lease: then no live
 * process runs it, so such a job belongs to a scheduler that died mid-load (its load was never committed).
 */
export async function closeInterruptedJobs(jobStore: JobStore, name: string, now: Date): Promise<void> {
  for (const job of await jobStore.listBySchedule(name, 10)) {
    if (job.status !== 'running') continue;
    const durationS = Math.max(0, Math.round((now.getTime() - job.startedAt.getTime()) / 1000));
    const message = 'the process running this job stopped before it finished (killed or crashed); nothing was committed, so the table and the incremental state are as before';
    await jobStore.update({ ...job, status: 'error', durationS, error: { code: 'CANCELLED', message } });
  }
}

/** The error of a run that failed before the import could start (its saved config no longer validates). */
export function refusedRun(error: unknown): { code: string; message: string } {
  const e = isImportError(error) ? error : new ImportError('INTERNAL', error instanceof Error ? error.message : String(error));
  return { code: e.code, message: `${e.message} (fix the schedule with \`s3-import update NAME --config LOAD.yml\`)` };
}

function configuredMode(config: Record<string, unknown>): ImportMode {
  const out = config['out'];
  const mode = typeof out === 'object' && out !== null ? (out as Record<string, unknown>)['mode'] : undefined;
  return IMPORT_MODES.find((m) => m === mode) ?? 'append';
}

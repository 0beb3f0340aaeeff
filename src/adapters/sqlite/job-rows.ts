import type { ImportMode } from '../../domain/model/import-mode.js';
import type { ConfigDiff } from '../../domain/model/source-options.js';
import type { JobRecord, JobStatus } from '../../ports/job-store.js';

/** A row of the `jobs` table. */
export interface JobRow {
  job_id: string;
  unique_id: string | null;
  schedule: string | null;
  status: string;
  database_name: string;
  table_name: string;
  mode: string;
  files: number;
  records: number;
  skipped_records: number;
  bytes: number;
  time_column: string | null;
  started_at: number;
  duration_s: number;
  config_diff: string | null;
  error_code: string | null;
  error_message: string | null;
}

/** Column order of the INSERT/UPDATE statements; `jobRow` fills them as named parameters. */
export const JOB_COLUMNS = [
  'job_id', 'unique_id', 'schedule', 'status', 'database_name', 'table_name', 'mode', 'files', 'records',
  'skipped_records', 'bytes', 'time_column', 'started_at', 'duration_s', 'config_diff', 'error_code', 'error_message',
] as const;

export function jobRow(job: JobRecord): JobRow {
  return {
    job_id: job.jobId,
    unique_id: job.uniqueId,
    schedule: job.schedule,
    status: job.status,
    database_name: job.database,
    table_name: job.table,
    mode: job.mode,
    files: job.files,
    records: job.records,
    skipped_records: job.skippedRecords,
    bytes: job.bytes,
    time_column: job.timeColumn,
    started_at: job.startedAt.getTime(),
    duration_s: job.durationS,
    config_diff: job.configDiff === null ? null : JSON.stringify(job.configDiff),
    error_code: job.error?.code ?? null,
    error_message: job.error?.message ?? null,
  };
}

export function jobRecord(row: JobRow): JobRecord {
  return {
    jobId: row.job_id,
    status: row.status as JobStatus,
    database: row.database_name,
    table: row.table_name,
    mode: row.mode as ImportMode,
    schedule: row.schedule,
    uniqueId: row.unique_id,
    files: row.files,
    records: row.records,
    skippedRecords: row.skipped_records,
    bytes: row.bytes,
    timeColumn: row.time_column,
    startedAt: new Date(row.started_at),
    durationS: row.duration_s,
    configDiff: row.config_diff === null ? null : (JSON.parse(row.config_diff) as ConfigDiff),
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
  };
}

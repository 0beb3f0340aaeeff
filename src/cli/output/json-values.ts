import { stringifyJson } from '../../domain/model/json-text.js';
import type { JsonValue, Value } from '../../domain/model/record-batch.js';
import type { JobRecord } from '../../ports/job-store.js';

/**
 * Cell encoding of CLI.md: boolean/double as JSON; long as a number when safe, else a string; timestamp as
 * ISO-8601 UTC with milliseconds; json as the value; NULL as null.
 */
export function encodeValue(value: Value): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

/** A value as text for tables: strings as they are, json compact, NULL empty. */
export function displayValue(value: Value): string {
  const encoded = encodeValue(value);
  if (encoded === null) return '';
  if (typeof encoded === 'string') return encoded;
  return typeof encoded === 'object' ? stringifyJson(encoded as JsonValue) : String(encoded);
}

/** The job object of CLI.md. */
export function jobJson(job: JobRecord): Record<string, unknown> {
  return {
    job_id: job.jobId,
    status: job.status,
    database: job.database,
    table: job.table,
    mode: job.mode,
    files: job.files,
    records: job.records,
    skipped_records: job.skippedRecords,
    bytes: job.bytes,
    time_column: job.timeColumn,
    started_at: job.startedAt.toISOString(),
    duration_s: job.durationS,
    config_diff: job.configDiff ?? { in: {}, out: {} },
    ...(job.schedule ? { schedule: job.schedule } : {}),
    ...(job.error ? { error: job.error } : {}),
  };
}

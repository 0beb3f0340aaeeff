import { ERROR_CODES, type ErrorCode } from '../domain/errors.js';
import type { JobRecord } from '../ports/job-store.js';

/** 0 success or no new data; 2 a usage/config error found before anything was read; 1 a failed job. */
export function exitCodeOfJob(job: JobRecord): number {
  if (job.status !== 'error') return 0;
  const code = job.error?.code as ErrorCode | undefined;
  return code && code in ERROR_CODES ? ERROR_CODES[code].exit : 1;
}

import type { JobRecord } from '../../ports/job-store.js';
import { keyValueLines } from './text-table.js';

/** The job as TD's toolbelt-style text. */
export function jobText(job: JobRecord): string {
  const lines = [
    `Job ${job.jobId}: ${job.status}`,
    keyValueLines([
      ['table', `${job.database}.${job.table} (${job.mode})`],
      ['files', String(job.files)],
      ['records', `${job.records.toLocaleString('en-US')}${job.skippedRecords > 0 ? ` (${job.skippedRecords} invalid record(s) skipped: s3-import job:rejects ${job.jobId})` : ''}`],
      ['bytes', job.bytes.toLocaleString('en-US')],
      ['time column', job.timeColumn ?? 'upload time'],
      ['started', job.startedAt.toISOString()],
      ['duration', `${job.durationS} s`],
    ]),
  ];
  if (job.error) lines.push(`error: ${job.error.code}: ${job.error.message}`);
  if (job.configDiff) lines.push(`Next config diff: ${JSON.stringify(job.configDiff)}`);
  return lines.join('\n');
}

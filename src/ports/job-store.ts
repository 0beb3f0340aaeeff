import type { RejectedRecord } from '../domain/model/rejected-record.js';
import type { ConfigDiff } from '../domain/model/source-options.js';
import type { ImportMode } from '../domain/model/import-mode.js';

export type JobStatus = 'running' | 'success' | 'error' | 'no_new_data' | 'skipped';

export interface JobFile {
  readonly key: string;
  readonly size: number;
  readonly records: number;
  readonly skipped: number;
}

export interface JobRecord {
  readonly jobId: string;
  readonly status: JobStatus;
  readonly database: string;
  readonly table: string;
  readonly mode: ImportMode;
  readonly schedule: string | null;
  /** A caller's idempotency key (workflow unique id); one job per unique id. */
  readonly uniqueId: string | null;
  readonly files: number;
  readonly records: number;
  readonly skippedRecords: number;
  readonly bytes: number;
  readonly timeColumn: string | null;
  readonly startedAt: Date;
  readonly durationS: number;
  readonly configDiff: ConfigDiff | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

/** Job history (never holds secrets). */
export interface JobStore {
  /** Throws ALREADY_EXISTS when a job with the same uniqueId exists (idempotent imports). */
  create(job: JobRecord): Promise<void>;
  update(job: JobRecord): Promise<void>;
  get(jobId: string): Promise<JobRecord | undefined>;
  findByUniqueId(uniqueId: string): Promise<JobRecord | undefined>;
  /** Newest first. */
  listBySchedule(schedule: string, limit: number): Promise<JobRecord[]>;
  addFiles(jobId: string, files: readonly JobFile[]): Promise<void>;
  files(jobId: string): Promise<JobFile[]>;
  addRejects(jobId: string, rejects: readonly RejectedRecord[]): Promise<void>;
  rejects(jobId: string, limit: number): Promise<RejectedRecord[]>;
}
export const JobStore = Symbol.for('s3-import:JobStore');

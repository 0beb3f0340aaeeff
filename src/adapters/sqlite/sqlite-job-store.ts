import type Database from 'better-sqlite3';
import type { RejectedRecord } from '../../domain/model/rejected-record.js';
import { MAX_REJECTS_PER_JOB, MAX_REJECT_RAW_BYTES, truncateUtf8 } from '../../domain/redaction.js';
import type { JobFile, JobRecord, JobStore } from '../../ports/job-store.js';
import { jobExists, jobNotFound } from '../in-memory/in-memory-job-store.js';
import { JOB_COLUMNS, jobRecord, jobRow, type JobRow } from './job-rows.js';

const SELECT_JOB = `SELECT ${JOB_COLUMNS.join(', ')} FROM jobs`;

/** JobStore in the SQLite catalog: job rows, their files, and up to MAX_REJECTS_PER_JOB rejected records each. */
export class SqliteJobStore implements JobStore {
  private readonly insert: Database.Statement<[JobRow]>;
  private readonly change: Database.Statement<[JobRow]>;
  private readonly byId: Database.Statement<[string], JobRow>;
  private readonly byUniqueId: Database.Statement<[string], JobRow>;
  private readonly bySchedule: Database.Statement<[string, number], JobRow>;
  private readonly fileRows: Database.Statement<[string], JobFile>;
  private readonly rejectRows: Database.Statement<[string, number], RejectedRecord>;
  private readonly counters: Database.Statement<[string], { rejects_kept: number; rejects_dropped: number }>;
  private readonly appendFiles: (jobId: string, files: readonly JobFile[]) => void;
  private readonly appendRejects: (jobId: string, rejects: readonly RejectedRecord[]) => void;

  constructor(db: Database.Database) {
    this.insert = db.prepare(`INSERT INTO jobs (${JOB_COLUMNS.join(', ')}) VALUES (${JOB_COLUMNS.map((c) => `@${c}`).join(', ')})`);
    // unique_id is left out: the idempotency key is fixed when the job is created.
    const settable = JOB_COLUMNS.filter((c) => c !== 'job_id' && c !== 'unique_id');
    this.change = db.prepare(`UPDATE jobs SET ${settable.map((c) => `${c} = @${c}`).join(', ')} WHERE job_id = @job_id`);
    this.byId = db.prepare(`${SELECT_JOB} WHERE job_id = ?`);
    this.byUniqueId = db.prepare(`${SELECT_JOB} WHERE unique_id = ?`);
    this.bySchedule = db.prepare(`${SELECT_JOB} WHERE schedule = ? ORDER BY started_at DESC, rowid DESC LIMIT ?`);
    this.fileRows = db.prepare('SELECT key, size, records, skipped FROM job_files WHERE job_id = ? ORDER BY seq');
    this.rejectRows = db.prepare('SELECT file, line, reason, raw FROM job_rejects WHERE job_id = ? ORDER BY seq LIMIT ?');
    this.counters = db.prepare('SELECT rejects_kept, rejects_dropped FROM jobs WHERE job_id = ?');

    const nextFileSeq = db.prepare<[string], { next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM job_files WHERE job_id = ?');
    const insertFile = db.prepare<[string, number, string, number, number, number]>('INSERT INTO job_files VALUES (?, ?, ?, ?, ?, ?)');
    const filesTx = db.transaction((jobId: string, files: readonly JobFile[]) => {
      if (!this.byId.get(jobId)) throw jobNotFound(jobId);
      let seq = nextFileSeq.get(jobId)?.next ?? 1;
      for (const f of files) insertFile.run(jobId, seq++, f.key, f.size, f.records, f.skipped);
    });
    this.appendFiles = (jobId, files) => filesTx.immediate(jobId, files);

    const insertReject = db.prepare<[string, number, string, number, string, string]>('INSERT INTO job_rejects VALUES (?, ?, ?, ?, ?, ?)');
    const bump = db.prepare<[number, number, string]>('UPDATE jobs SET rejects_kept = rejects_kept + ?, rejects_dropped = rejects_dropped + ? WHERE job_id = ?');
    const rejectsTx = db.transaction((jobId: string, rejects: readonly RejectedRecord[]) => {
      const counts = this.counters.get(jobId);
      if (!counts) throw jobNotFound(jobId);
      const kept = rejects.slice(0, Math.max(0, MAX_REJECTS_PER_JOB - counts.rejects_kept));
      let seq = counts.rejects_kept;
      for (const r of kept) insertReject.run(jobId, ++seq, r.file, r.line, r.reason, truncateUtf8(r.raw, MAX_REJECT_RAW_BYTES));
      bump.run(kept.length, rejects.length - kept.length, jobId);
    });
    this.appendRejects = (jobId, rejects) => rejectsTx.immediate(jobId, rejects);
  }

  async create(job: JobRecord): Promise<void> {
    try {
      this.insert.run(jobRow(job));
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE' && (error as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw error;
      throw this.byId.get(job.jobId) || job.uniqueId === null ? jobExists('id', job.jobId) : jobExists('unique id', job.uniqueId);
    }
  }

  async update(job: JobRecord): Promise<void> {
    if (this.change.run(jobRow(job)).changes !== 1) throw jobNotFound(job.jobId);
  }

  async get(jobId: string): Promise<JobRecord | undefined> {
    const row = this.byId.get(jobId);
    return row && jobRecord(row);
  }

  async findByUniqueId(uniqueId: string): Promise<JobRecord | undefined> {
    const row = this.byUniqueId.get(uniqueId);
    return row && jobRecord(row);
  }

  async listBySchedule(schedule: string, limit: number): Promise<JobRecord[]> {
    return this.bySchedule.all(schedule, Math.max(0, Math.floor(limit))).map(jobRecord);
  }

  async addFiles(jobId: string, files: readonly JobFile[]): Promise<void> {
    this.appendFiles(jobId, files);
  }

  async files(jobId: string): Promise<JobFile[]> {
    return this.fileRows.all(jobId);
  }

  async addRejects(jobId: string, rejects: readonly RejectedRecord[]): Promise<void> {
    this.appendRejects(jobId, rejects);
  }

  async rejects(jobId: string, limit: number): Promise<RejectedRecord[]> {
    return this.rejectRows.all(jobId, Math.max(0, Math.floor(limit)));
  }

  /** How many rejected records of the job were counted but not kept (beyond MAX_REJECTS_PER_JOB). */
  async droppedRejects(jobId: string): Promise<number> {
    return this.counters.get(jobId)?.rejects_dropped ?? 0;
  }
}

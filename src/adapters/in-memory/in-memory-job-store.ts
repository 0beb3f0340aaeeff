import { ImportError } from '../../domain/errors.js';
import type { RejectedRecord } from '../../domain/model/rejected-record.js';
import { MAX_REJECTS_PER_JOB, MAX_REJECT_RAW_BYTES, truncateUtf8 } from '../../domain/redaction.js';
import type { JobFile, JobRecord, JobStore } from '../../ports/job-store.js';

interface StoredJob {
  record: JobRecord;
  files: JobFile[];
  rejects: RejectedRecord[];
  droppedRejects: number;
}

/** JobStore in process memory, with the same limits as the SQLite catalog. */
export class InMemoryJobStore implements JobStore {
  private readonly jobs = new Map<string, StoredJob>();
  private readonly byUniqueId = new Map<string, string>();

  async create(job: JobRecord): Promise<void> {
    if (this.jobs.has(job.jobId)) throw jobExists('id', job.jobId);
    if (job.uniqueId !== null && this.byUniqueId.has(job.uniqueId)) throw jobExists('unique id', job.uniqueId);
    this.jobs.set(job.jobId, { record: structuredClone(job), files: [], rejects: [], droppedRejects: 0 });
    if (job.uniqueId !== null) this.byUniqueId.set(job.uniqueId, job.jobId);
  }

  async update(job: JobRecord): Promise<void> {
    const stored = this.mustGet(job.jobId);
    // The idempotency key is fixed at creation: changing it would break findByUniqueId.
    stored.record = structuredClone({ ...job, uniqueId: stored.record.uniqueId });
  }

  async get(jobId: string): Promise<JobRecord | undefined> {
    const stored = this.jobs.get(jobId);
    return stored && structuredClone(stored.record);
  }

  async findByUniqueId(uniqueId: string): Promise<JobRecord | undefined> {
    const jobId = this.byUniqueId.get(uniqueId);
    return jobId === undefined ? undefined : this.get(jobId);
  }

  async listBySchedule(schedule: string, limit: number): Promise<JobRecord[]> {
    const jobs = [...this.jobs.values()].map((s) => s.record).filter((j) => j.schedule === schedule);
    // Newest first; among equal start times the later-created job first (insertion order reversed).
    jobs.reverse().sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
    return structuredClone(jobs.slice(0, Math.max(0, limit)));
  }

  async addFiles(jobId: string, files: readonly JobFile[]): Promise<void> {
    this.mustGet(jobId).files.push(...structuredClone(files));
  }

  async files(jobId: string): Promise<JobFile[]> {
    return structuredClone(this.jobs.get(jobId)?.files ?? []);
  }

  async addRejects(jobId: string, rejects: readonly RejectedRecord[]): Promise<void> {
    const stored = this.mustGet(jobId);
    const room = Math.max(0, MAX_REJECTS_PER_JOB - stored.rejects.length);
    for (const reject of rejects.slice(0, room)) stored.rejects.push({ ...reject, raw: truncateUtf8(reject.raw, MAX_REJECT_RAW_BYTES) });
    stored.droppedRejects += Math.max(0, rejects.length - room);
  }

  async rejects(jobId: string, limit: number): Promise<RejectedRecord[]> {
    return structuredClone((this.jobs.get(jobId)?.rejects ?? []).slice(0, Math.max(0, limit)));
  }

  /** How many rejected records of the job were counted but not kept (beyond MAX_REJECTS_PER_JOB). */
  async droppedRejects(jobId: string): Promise<number> {
    return this.jobs.get(jobId)?.droppedRejects ?? 0;
  }

  private mustGet(jobId: string): StoredJob {
    const stored = this.jobs.get(jobId);
    if (!stored) throw jobNotFound(jobId);
    return stored;
  }
}

/** The ALREADY_EXISTS error both catalog adapters throw for a duplicate job. */
export function jobExists(what: 'id' | 'unique id', value: string): ImportError {
  return new ImportError('ALREADY_EXISTS', `a job with ${what} ${JSON.stringify(value)} already exists; look it up instead of starting the import again, or use a new ${what}`, {
    details: { [what === 'id' ? 'jobId' : 'uniqueId']: value },
  });
}

/** The NOT_FOUND error both catalog adapters throw for an unknown job id. */
export function jobNotFound(jobId: string): ImportError {
  return new ImportError('NOT_FOUND', `no job with id ${JSON.stringify(jobId)}; list jobs with \`s3-import history <schedule>\``, { details: { jobId } });
}

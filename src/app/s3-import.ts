import { ImportError } from '../domain/errors.js';
import type { ImportConfig } from '../domain/model/import-config.js';
import type { RejectedRecord } from '../domain/model/rejected-record.js';
import type { AuthenticationStore } from '../ports/authentication-store.js';
import type { JobFile, JobRecord } from '../ports/job-store.js';
import type { ScheduleStore } from '../ports/schedule-store.js';
import type { TableStore } from '../ports/table-store.js';
import { loadImportConfig, validateImportConfig } from './config/load-config.js';
import { GuessFormat, type GuessResult } from './guess-format.js';
import { ImportFiles, type ImportRequest } from './import-files.js';
import type { ImportServices } from './import-services.js';
import { ManageSchedules } from './manage-schedules.js';
import { RunDueSchedules } from './run-due-schedules.js';
import type { Logger } from '../ports/logger.js';
import { PreviewImport, type PreviewRequest, type PreviewResult } from './preview-import.js';

export interface S3ImportParts {
  readonly services: ImportServices;
  readonly scheduleStore: ScheduleStore;
  readonly authenticationStore: AuthenticationStore;
  /** Releases stores (database files, clients). */
  readonly close: () => Promise<void>;
}

/**
 * The library's entry point for host applications: guess, preview, import, jobs and the warehouse.
 * Build it with createS3Import() (no DI knowledge needed) or resolve it from the inversify container.
 */
export class S3Import {
  private readonly importFiles: ImportFiles;
  private readonly previewImport: PreviewImport;
  private readonly guessFormat: GuessFormat;

  constructor(private readonly parts: S3ImportParts) {
    this.importFiles = new ImportFiles(parts.services);
    this.previewImport = new PreviewImport(parts.services);
    this.guessFormat = new GuessFormat(parts.services);
  }

  /** Validates a parsed load config (YAML/JSON object); errors name the key and what to change. */
  static config(raw: unknown): ImportConfig {
    return validateImportConfig(raw);
  }

  /** Parses and validates load.yml text. */
  static parseConfig(text: string, sourceName = 'config'): ImportConfig {
    return loadImportConfig(text, sourceName);
  }

  get warehouse(): TableStore {
    return this.parts.services.tableStore;
  }

  get schedules(): ScheduleStore {
    return this.parts.scheduleStore;
  }

  get authentications(): AuthenticationStore {
    return this.parts.authenticationStore;
  }

  get services(): ImportServices {
    return this.parts.services;
  }

  /** seed -> load config (with parser and decoders) from a bounded sample of the first file. */
  guess(seed: Record<string, unknown>): Promise<GuessResult> {
    return this.guessFormat.run(seed);
  }

  /** The first rows as they would be imported (after filters, with the time column); writes nothing. */
  preview(request: PreviewRequest): Promise<PreviewResult> {
    return this.previewImport.run(request);
  }

  /** Runs one import now. With `uniqueId`, a second call with the same id returns the first job. */
  import(request: ImportRequest): Promise<JobRecord> {
    return this.importFiles.run(request);
  }

  async job(jobId: string): Promise<{ job: JobRecord; files: JobFile[] }> {
    const job = await this.parts.services.jobStore.get(jobId);
    if (!job) throw new ImportError('NOT_FOUND', `no job ${JSON.stringify(jobId)}; list jobs with \`s3-import history NAME\``);
    return { job, files: await this.parts.services.jobStore.files(jobId) };
  }

  async rejects(jobId: string, limit = 100): Promise<RejectedRecord[]> {
    await this.job(jobId);
    return this.parts.services.jobStore.rejects(jobId, limit);
  }

  /** Schedule management (create/update/list/show/history/run/delete). */
  scheduling(): ManageSchedules {
    const s = this.parts.services;
    return new ManageSchedules({ scheduleStore: this.parts.scheduleStore, stateStore: s.stateStore, jobStore: s.jobStore, clock: s.clock, importFiles: this.importFiles });
  }

  /** The scheduler loop (one per daemon process); `owner` identifies this daemon's leases. */
  scheduler(logger: Logger = this.parts.services.logger, owner?: string): RunDueSchedules {
    const s = this.parts.services;
    return new RunDueSchedules({
      scheduleStore: this.parts.scheduleStore,
      stateStore: s.stateStore,
      jobStore: s.jobStore,
      clock: s.clock,
      importFiles: this.importFiles,
      logger,
      ...(owner ? { owner } : {}),
    });
  }

  close(): Promise<void> {
    return this.parts.close();
  }
}

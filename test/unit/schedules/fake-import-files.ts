import { ImportError, isImportError } from '../../../src/domain/errors.js';
import type { ImportRequest } from '../../../src/app/import-files.js';
import type { Clock } from '../../../src/ports/clock.js';
import type { JobRecord, JobStore } from '../../../src/ports/job-store.js';

/**
 * Stands in for ImportFiles with its job-record contract (one job per uniqueId, 'running' then a final status) and
 * an abortable body: `hold()` keeps the next runs going until `release()`, so a test can overlap runs.
 */
export class FakeImportFiles {
  readonly requests: ImportRequest[] = [];
  readonly signals: AbortSignal[] = [];
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => {};
  private count = 0;

  constructor(private readonly jobStore: JobStore, private readonly clock: Clock) {}

  /** Runs started from now on wait until release() (or their signal aborts). */
  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
  }

  /** Resolves once `n` imports have started (their 'running' job is recorded). */
  async started(n: number): Promise<void> {
    while (this.requests.length < n) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  async run(request: ImportRequest): Promise<JobRecord> {
    if (request.uniqueId !== undefined) {
      const existing = await this.jobStore.findByUniqueId(request.uniqueId);
      if (existing) return existing;
    }
    const job: JobRecord = {
      jobId: `job-${++this.count}-${Math.random().toString(16).slice(2, 8)}`,
      status: 'running',
      database: request.database,
      table: request.table,
      mode: request.config.out.mode,
      schedule: request.schedule ?? null,
      uniqueId: request.uniqueId ?? null,
      files: 0,
      records: 0,
      skippedRecords: 0,
      bytes: 0,
      timeColumn: request.timeColumn ?? null,
      startedAt: this.clock.now(),
      durationS: 0,
      configDiff: null,
      error: null,
    };
    try {
      await this.jobStore.create(job);
    } catch (error) {
      if (isImportError(error) && error.code === 'ALREADY_EXISTS' && request.uniqueId !== undefined) {
        return (await this.jobStore.findByUniqueId(request.uniqueId)) as JobRecord;
      }
      throw error;
    }
    this.requests.push(request);
    if (request.signal) this.signals.push(request.signal);
    const final = await this.body(request.signal).then(
      (): JobRecord => ({ ...job, status: 'success', records: 3 }),
      (error: unknown): JobRecord => ({ ...job, status: 'error', error: { code: isImportError(error) ? error.code : 'INTERNAL', message: String(error) } }),
    );
    await this.jobStore.update(final);
    return final;
  }

  private body(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(isImportError(signal?.reason) ? signal?.reason : new ImportError('CANCELLED', 'aborted'));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      void this.gate.then(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  private t: number;
  constructor(iso: string) {
    this.t = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string): Date {
    this.t = Date.parse(iso);
    return this.now();
  }
}

/** A minimal valid load config over a local folder; `secret` is put where a real config holds one. */
export function loadConfig(secret = 'TOP-SECRET-KEY'): Record<string, unknown> {
  return {
    in: {
      type: 's3_v2',
      bucket: 'my-bucket',
      path_prefix: 'logs/',
      access_key_id: 'AKIAEXAMPLE',
      secret_access_key: secret,
      incremental: true,
      parser: { type: 'csv', columns: [{ name: 'id', type: 'long' }] },
    },
    out: { mode: 'append' },
  };
}

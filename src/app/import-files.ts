import { setMaxListeners } from 'node:events';
import { ImportError, isImportError } from '../domain/errors.js';
import { FileSelector, type Selection } from '../domain/file-selector.js';
import { ImportModePolicy } from '../domain/import-mode-policy.js';
import { IncrementalState } from '../domain/incremental-state.js';
import type { ImportConfig } from '../domain/model/import-config.js';
import type { ImportMode } from '../domain/model/import-mode.js';
import type { ObjectInfo } from '../domain/model/object-info.js';
import type { RejectedRecord } from '../domain/model/rejected-record.js';
import type { ConfigDiff, SourceOptions } from '../domain/model/source-options.js';
import type { JobFile, JobRecord } from '../ports/job-store.js';
import type { StoredState } from '../ports/state-store.js';
import type { TableLoad, TableRef } from '../ports/table-store.js';
import type { ImportServices } from './import-services.js';
import { planPipeline, type PipelinePlan } from './pipeline/pipeline-plan.js';
import { chooseFileProcessor } from './pipeline/choose-file-processor.js';
import { countedRead } from './pipeline/counted-read.js';
import { Mutex, runPool, Semaphore } from './pipeline/run-pool.js';
import { Prefetch } from './pipeline/prefetch.js';
import type { FileProcessor } from './pipeline/file-processor.js';
import { findSplitPoint, SPLIT_MIN_BYTES, splittable } from './pipeline/split-plan.js';
import { InThreadFileProcessor } from './pipeline/in-thread-file-processor.js';
import { WorkerFileProcessor } from './pipeline/worker-file-processor.js';
import type { FilePart } from './pipeline/worker/worker-protocol.js';
import { isSplitMismatch } from '../domain/parsing/csv-record-parser.js';

export interface ImportRequest {
  readonly config: ImportConfig;
  readonly database: string;
  readonly table: string;
  /** --time-column; overrides out.time_column. */
  readonly timeColumn?: string | null;
  /** --mode; overrides out.mode. */
  readonly mode?: ImportMode;
  readonly autoCreateTable?: boolean;
  /** Where incremental state lives (a schedule's name). Without it, state comes from previousDiff and is not saved. */
  readonly stateId?: string;
  /** The previous config diff (Embulk's -c file). */
  readonly previousDiff?: ConfigDiff;
  /** A caller's idempotency key: the same id returns the same job instead of running twice. */
  readonly uniqueId?: string;
  readonly schedule?: string;
  readonly signal?: AbortSignal;
}

export interface ImportFilesOptions {
  /** How often a job whose session token expired is retried before it fails (TD: 5). */
  readonly tokenExpiredRetries?: number;
  readonly retryDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** A local CSV from this size on is parsed in two parts when two workers can take them (default 64 MiB). */
  readonly splitMinBytes?: number;
}

const MAX_KEPT_REJECTS = 10_000;
/** S3 objects parsed on the main thread at once (see load()): one parses while another's bytes arrive. */
const PARSE_SLOTS = 2;
/**
 * What an S3 object waiting for a parse slot reads ahead, then its stream waits (TCP backpressure): a small object
 * whole, a large one enough to start at once. 100 objects of 2 MB from moto: 1 MiB 368-383 MB peak RSS, 256 KiB
 * 325-338 MB, 64 KiB 276-328 MB, all 5.4-5.6 s.
 */
const PREFETCH_BYTES = 256 * 1024;
const MAX_LOGGED_REJECTS = 20;

/**
 * Runs one import: select files, read/parse/filter them in parallel, load into the table, commit, and only then
 * advance the incremental state. A failure anywhere leaves the table and the state as they were.
 */
export class ImportFiles {
  private readonly modes = new ImportModePolicy();
  private readonly incremental = new IncrementalState();

  private readonly options: Required<ImportFilesOptions>;

  constructor(
    private readonly services: ImportServices,
    options: ImportFilesOptions = {},
  ) {
    this.options = {
      tokenExpiredRetries: options.tokenExpiredRetries ?? 5,
      retryDelayMs: options.retryDelayMs ?? 5000,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      splitMinBytes: options.splitMinBytes ?? SPLIT_MIN_BYTES,
    };
  }

  async run(request: ImportRequest): Promise<JobRecord> {
    const { jobStore, clock, ids } = this.services;
    if (request.uniqueId !== undefined) {
      const existing = await jobStore.findByUniqueId(request.uniqueId);
      if (existing) return existing;
    }
    const startedAt = clock.now();
    let job: JobRecord = {
      jobId: ids.newId(),
      status: 'running',
      database: request.database,
      table: request.table,
      mode: request.mode ?? request.config.out.mode,
      schedule: request.schedule ?? null,
      uniqueId: request.uniqueId ?? null,
      files: 0,
      records: 0,
      skippedRecords: 0,
      bytes: 0,
      timeColumn: null,
      startedAt,
      durationS: 0,
      configDiff: null,
      error: null,
    };
    try {
      await jobStore.create(job);
    } catch (error) {
      if (isImportError(error) && error.code === 'ALREADY_EXISTS' && request.uniqueId !== undefined) {
        const existing = await jobStore.findByUniqueId(request.uniqueId);
        if (existing) return existing;
      }
      throw error;
    }
    let progress: Mutable<JobRecord> = { ...job };
    let split = true;
    for (let attempt = 1; ; attempt++) {
      progress = { ...job };
      try {
        await this.execute(request, progress, split);
        break;
      } catch (error) {
        const e = isImportError(error) ? error : new ImportError('INTERNAL', error instanceof Error ? error.message : String(error), { cause: error });
        // A large file parsed in two parts was cut inside a record (stray quotes fooled the quote parity): the load
        // was rolled back; run once more with every file parsed in one piece.
        if (isSplitMismatch(e) && split && !request.signal?.aborted) {
          this.services.logger.warn(`job ${job.jobId}: ${e.message}`);
          split = false;
          attempt--;
          continue;
        }
        // TD retries a job whose session token expired (5 times) before failing it: each attempt re-resolves the
        // credentials (a saved authentication may have been renewed meanwhile). The load was rolled back, so a
        // retry cannot duplicate rows.
        if (e.code === 'STORAGE_TOKEN_EXPIRED' && attempt <= this.options.tokenExpiredRetries && !request.signal?.aborted) {
          this.services.logger.warn(`job ${job.jobId}: ${e.message}; retrying (${attempt}/${this.options.tokenExpiredRetries})`);
          await this.options.sleep(this.options.retryDelayMs);
          continue;
        }
        progress.status = 'error';
        const after = attempt > 1 ? ` (failed ${attempt} attempts)` : '';
        progress.error = { code: e.code, message: e.message + after };
        // CLI.md's error line: `error: <CODE>: <message>` (the logger adds `error: `), with the job id to look it up.
        this.services.logger.error(`${e.code}: ${e.message}${after} (job ${job.jobId})`);
        break;
      }
    }
    progress.durationS = Math.round((clock.now().getTime() - startedAt.getTime()) / 10) / 100;
    job = progress;
    await jobStore.update(job);
    return job;
  }

  private async execute(request: ImportRequest, job: Mutable<JobRecord>, split: boolean): Promise<void> {
    const { services } = this;
    const config = request.config;
    const ref: TableRef = { database: request.database, table: request.table };
    const plan = planPipeline(config, request.timeColumn ?? config.out.time_column, job.startedAt, services.hash);
    job.timeColumn = plan.time.timeColumn;
    await this.ensureTable(ref, request.autoCreateTable ?? false);

    const stored: StoredState | undefined = request.stateId ? await services.stateStore.get(request.stateId) : undefined;
    const previous = stored?.configDiff ?? request.previousDiff;
    const source = this.incremental.apply(config.in, previous);
    const ledgerId = request.stateId ?? `${config.in.type}:${String(config.in['bucket'] ?? '')}:${source.path_prefix ?? source.path ?? ''}->${ref.database}.${ref.table}`;

    const store = await services.objectStores.open(source);
    try {
      const selection = await new FileSelector(store, services.clock).select(source, async (files) =>
        services.ledger.loaded(ledgerId, files.map((f) => ({ key: f.key, etag: f.etag ?? '' }))),
      );
      for (const warning of selection.warnings) services.logger.warn(warning);
      if (selection.files.length === 0) {
        if (source.on_no_files === 'fail') {
          throw new ImportError('NO_FILES', `no file matched ${describeSelection(source)}; check path_prefix and path_match_pattern, or set in.on_no_files: ok`);
        }
        job.status = 'no_new_data';
        job.configDiff = currentDiff(source);
        services.logger.info(`no new files matched ${describeSelection(source)}`);
        return;
      }
      const outcome = await this.load(request, job, ref, plan, source, selection, store, split);
      const diff = this.incremental.next(source, selection);
      job.configDiff = diff;
      await services.ledger.record(
        outcome.files.map((f) => ({ sourceId: ledgerId, key: f.info.key, etag: f.info.etag ?? '', size: f.info.size, lastModified: f.info.lastModified, jobId: job.jobId, records: f.records })),
      );
      if (request.stateId && source.incremental) await services.stateStore.put(request.stateId, diff, stored?.version ?? 0);
      await services.jobStore.addFiles(job.jobId, outcome.files.map((f) => ({ key: f.info.key, size: f.info.size, records: f.records, skipped: f.skipped })));
      if (outcome.rejects.length > 0) await services.jobStore.addRejects(job.jobId, outcome.rejects);
      job.status = outcome.committed ? 'success' : 'no_new_data';
    } finally {
      await store.close();
    }
  }

  private async ensureTable(ref: TableRef, autoCreate: boolean): Promise<void> {
    const { tableStore } = this.services;
    if (await tableStore.describeTable(ref)) return;
    if (!autoCreate) {
      throw new ImportError(
        'TABLE_NOT_FOUND',
        `table ${ref.database}.${ref.table} does not exist; create it with \`s3-import table:create ${ref.database} ${ref.table}\` or pass --auto-create-table`,
        { details: { database: ref.database, table: ref.table } },
      );
    }
    await tableStore.createDatabase(ref.database, { ifNotExists: true });
    await tableStore.createTable(ref, { ifNotExists: true });
  }

  private async load(
    request: ImportRequest,
    job: Mutable<JobRecord>,
    ref: TableRef,
    plan: PipelinePlan,
    source: SourceOptions,
    selection: Selection,
    store: import('../ports/object-store.js').ObjectStore,
    split: boolean,
  ): Promise<{ files: FileOutcome[]; rejects: RejectedRecord[]; committed: boolean }> {
    const { services } = this;
    request.signal?.throwIfAborted();
    const mode = job.mode;
    const controller = new AbortController();
    // Each file in flight listens on this signal (its read, its parse worker): not a leak, so no warning.
    setMaxListeners(4 * request.config.exec.max_threads + 10, controller.signal);
    const onOuterAbort = () => controller.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', onOuterAbort, { once: true });
    const rejects: RejectedRecord[] = [];
    const files: FileOutcome[] = [];
    const writes = new Mutex();
    const totalBytes = selection.files.reduce((n, f) => n + f.size, 0);
    services.progress.start({ files: selection.files.length, bytes: totalBytes });
    let loggedRejects = 0;
    const tableLoad: TableLoad = await services.tableStore.beginLoad(ref, this.modes.loadAction(mode));
    const { config } = request;
    const timeColumn = request.timeColumn ?? config.out.time_column;
    const splitMinBytes = this.options.splitMinBytes;
    const localFiles = store.localPath !== undefined;
    const storeThreads = services.tableStore.capabilities.ownThread === true ? 1 : 0;
    const processor = chooseFileProcessor({ config, source, plan, timeColumn, uploadTime: job.startedAt, files: selection.files, codec: services.codec, hash: services.hash, splitMinBytes, localFiles, storeThreads });
    services.logger.debug(processor instanceof WorkerFileProcessor ? `parsing on ${processor.threadCount} worker threads` : 'parsing on the main thread');
    // Files parsed on this thread do not interleave: files in flight only multiply the parse state. 100 files of 2 MB
    // from a folder: 16 at once 5.6-5.9 s and 461-473 MB peak RSS, one at a time 4.6 s and 245 MB; from S3 (moto)
    // 6.3 s / 456 MB vs 5.3 s / 282 MB (docs/decisions/performance.md). Local files go one at a time. S3 objects
    // keep exec.max_threads reads in flight (first-byte latency) but each reads ahead at most PREFETCH_BYTES until
    // one of PARSE_SLOTS is free. Parse workers keep exec.max_threads (each file is dealt to one).
    const inThread = processor instanceof InThreadFileProcessor;
    const concurrency = inThread && localFiles ? 1 : request.config.exec.max_threads;
    const parseSlots = inThread && concurrency > 1 ? new Semaphore(PARSE_SLOTS) : undefined;
    try {
      await runPool(selection.tasks, concurrency, controller, async (task) => {
        for (const info of task) {
          const outcome: FileOutcome = { info, records: 0, skipped: 0 };
          // Only parse workers read files themselves (and split them); the main thread reads through the store.
          const localPath = processor instanceof WorkerFileProcessor ? store.localPath?.(info.key) : undefined;
          const onReject = (reject: RejectedRecord) => {
            outcome.skipped++;
            job.skippedRecords++;
            if (rejects.length < MAX_KEPT_REJECTS) rejects.push(reject);
            if (loggedRejects++ < MAX_LOGGED_REJECTS) services.logger.warn(`Skipped line ${reject.file}:${reject.line} (${reject.reason}): ${reject.raw.slice(0, 200)}`);
          };
          // Each part (the whole file, or the two halves of a split one) streams its batches into the load.
          let invalidBytes = 0;
          const consume = async (part: FilePart | undefined): Promise<void> => {
            const counters = { bytes: 0, invalidBytes: 0 };
            // A store with a thread of its own gets the batches moved there: long strings go as bytes (see ParseContext).
            const context = { counters, signal: controller.signal, onReject, ...(localPath === undefined ? {} : { localPath }), ...(storeThreads > 0 ? { longStringsAsUtf8: true } : {}), ...part };
            let lastBytes = 0;
            const read = countedRead(store, info, controller.signal, counters);
            const ahead = parseSlots === undefined ? undefined : new Prefetch(read, PREFETCH_BYTES);
            let release: (() => void) | undefined;
            try {
              release = await parseSlots?.acquire(controller.signal);
              for await (const batch of processor.process(ahead ?? read, info, context)) {
                await writes.run(() => tableLoad.write(batch)).catch((error: unknown) => {
                  throw withFile(error, info.key);
                });
                outcome.records += batch.length;
                job.records += batch.length;
                job.bytes += counters.bytes - lastBytes;
                lastBytes = counters.bytes;
                services.progress.update({ filesDone: files.length, filesTotal: selection.files.length, bytesDone: job.bytes, bytesTotal: totalBytes, records: job.records });
              }
            } finally {
              release?.();
              await ahead?.close();
            }
            job.bytes += counters.bytes - lastBytes;
            invalidBytes += counters.invalidBytes;
          };
          const parts = split && localPath !== undefined ? splitParts(processor, source, info, localPath, splitMinBytes) : undefined;
          if (parts?.[1]?.range !== undefined) services.logger.debug(`${info.key}: parsed in two parts by two workers, the second from byte ${parts[1].range.start} (line ${parts[1].startLine ?? '?'})`);
          if (parts === undefined) await consume(undefined);
          else await Promise.all(parts.map(consume));
          if (invalidBytes > 0) services.logger.warn(`${info.key}: ${invalidBytes} invalid byte sequence(s) for charset ${source.parser.charset} were replaced by U+FFFD`);
          files.push(outcome);
          job.files = files.length;
        }
      });
      const commit = this.modes.shouldCommit(mode, job.records);
      if (commit) await tableLoad.commit();
      else await tableLoad.abort();
      services.progress.finish();
      files.sort((a, b) => (a.info.key < b.info.key ? -1 : a.info.key > b.info.key ? 1 : 0));
      return { files, rejects, committed: commit };
    } catch (error) {
      services.progress.finish();
      await tableLoad.abort().catch((abortError: unknown) => services.logger.warn(`could not abort the load cleanly: ${String(abortError)}`));
      throw controller.signal.aborted && isImportError(controller.signal.reason) ? controller.signal.reason : error;
    } finally {
      await processor.close();
      request.signal?.removeEventListener('abort', onOuterAbort);
    }
  }
}

interface FileOutcome {
  readonly info: ObjectInfo;
  records: number;
  skipped: number;
}

/** A schema conflict names the file whose rows brought the conflicting column. */
function withFile(error: unknown, key: string): unknown {
  if (!isImportError(error) || error.code !== 'SCHEMA_CONFLICT' || error.message.includes(key)) return error;
  return new ImportError('SCHEMA_CONFLICT', `${key}: ${error.message}`, { cause: error, details: { ...error.details, file: key } });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function describeSelection(source: SourceOptions): string {
  const where = source.path !== null ? `path ${JSON.stringify(source.path)}` : `path_prefix ${JSON.stringify(source.path_prefix ?? '')}`;
  return source.path_match_pattern ? `${where} and path_match_pattern ${JSON.stringify(source.path_match_pattern)}` : where;
}

/** The state as it stands (nothing new was loaded). */
function currentDiff(source: SourceOptions): ConfigDiff {
  if (!source.incremental) return { in: {}, out: {} };
  if (source.use_modified_time) return { in: source.last_modified_time ? { last_modified_time: source.last_modified_time } : {}, out: {} };
  return { in: source.last_path ? { last_path: source.last_path } : {}, out: {} };
}

export type { JobFile };

/**
 * Two parts for a large local CSV when two parse workers can take them (docs/decisions/performance.md): split at
 * a line break near the middle that quote parity puts outside quoted values. The first part must end exactly there
 * (else SplitMismatch, and the job runs again unsplit); the second numbers its lines from there. Rows of the two
 * parts reach the table interleaved by batch.
 */
function splitParts(processor: FileProcessor, source: SourceOptions, info: ObjectInfo, localPath: string, minBytes: number): FilePart[] | undefined {
  if (!(processor instanceof WorkerFileProcessor) || processor.threadCount < 2) return undefined;
  if (info.size < minBytes || !splittable(source.parser, source.decoders)) return undefined;
  const point = findSplitPoint(localPath, info.size, source.parser.type === 'csv' ? source.parser.quote : null);
  if (point === undefined) return undefined;
  return [
    { range: { start: 0, end: point.offset - 1 }, endsAtRecordBoundary: true },
    { range: { start: point.offset }, startLine: point.line },
  ];
}

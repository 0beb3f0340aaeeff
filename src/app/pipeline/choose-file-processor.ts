import { availableParallelism } from 'node:os';
import { NodeContentCodec } from '../../adapters/codecs/node-content-codec.js';
import { nodeCryptoHash } from '../../adapters/node-crypto-hash.js';
import type { HashFunction } from '../../domain/filters/digest-filter.js';
import type { ImportConfig } from '../../domain/model/import-config.js';
import type { ObjectInfo } from '../../domain/model/object-info.js';
import type { SourceOptions } from '../../domain/model/source-options.js';
import type { ContentCodec } from '../../ports/content-codec.js';
import type { FileProcessor } from './file-processor.js';
import { InThreadFileProcessor } from './in-thread-file-processor.js';
import { SPLIT_MIN_BYTES } from './split-plan.js';
import type { PipelinePlan } from './pipeline-plan.js';
import { WorkerFileProcessor } from './worker-file-processor.js';

/** A single file at least this big is worth a worker (parsing overlaps with the main thread's table writes). */
export const WORKER_MIN_SINGLE_FILE_BYTES = 8 * 1024 * 1024;

/** What decides between the in-thread and the worker-thread processor. */
export interface FileProcessorChoice {
  readonly config: ImportConfig;
  readonly source: SourceOptions;
  readonly plan: PipelinePlan;
  readonly timeColumn: string | null;
  readonly uploadTime: Date;
  readonly files: readonly ObjectInfo[];
  readonly codec: ContentCodec;
  readonly hash: HashFunction;
  /** Files from this size on may be parsed in two parts (default SPLIT_MIN_BYTES). */
  readonly splitMinBytes?: number;
  /** Whether the files are local (ObjectStore.localPath): workers read them themselves. Default true. */
  readonly localFiles?: boolean;
  /** Cores the table store keeps busy with a thread of its own (TableStoreCapabilities.ownThread). Default 0. */
  readonly storeThreads?: number;
}

/** Auto mode uses workers when the selected files average at least this many (stored) bytes. */
export const AUTO_WORKERS_MIN_AVERAGE_BYTES = 64 * 1024;

/**
 * `exec.parse_workers` when set (0 or 1: on the main thread). Unset ("auto"): min(cores, 4) workers for jobs of
 * several local files averaging at least 64 KiB, else the main thread. Objects streamed from S3 stay on the main
 * thread in auto mode: there the main thread copies every byte to a worker, and 100 objects of 2 MB from moto took
 * 656 MB peak RSS with 2 workers vs 447 MB in-thread (5.2 s vs 6.9 s). Measured on 2 cores (`npm run bench`,
 * docs/decisions/workers.md): 100 files of 2 MB import 1.9x faster with 2 workers, 1,000 files of 200 KB 1.8x;
 * 2,000 files of 15 KB gain nothing (the main thread's per-file work dominates), and one large file, split between
 * two workers, gains 1.5x for ~150 MB more peak memory (over the 300 MB budget of a 2 GB import), so those stay on
 * the main thread unless parse_workers asks otherwise.
 *
 * A table store with a thread of its own (`storeThreads`: the warehouse thread) keeps a core busy, so auto mode
 * counts the cores left: with 2 cores, none for workers. 100 files of 2 MB with the warehouse thread (`s3-import
 * issue`): 2 workers 3.67-3.68 s and 380-383 MB, the main thread 3.21-3.35 s and 238-250 MB (docs/decisions/
 * performance.md, Update 7).
 */
export function parseWorkerCount(config: ImportConfig, files: readonly ObjectInfo[], cores = availableParallelism(), localFiles = true, storeThreads = 0): number {
  const configured = config.exec.parse_workers;
  if (configured !== undefined) return configured;
  const usable = cores - storeThreads;
  if (usable < 2 || files.length < 2 || !localFiles) return 1;
  const average = files.reduce((n, f) => n + f.size, 0) / files.length;
  return average >= AUTO_WORKERS_MIN_AVERAGE_BYTES ? Math.min(usable, 4) : 1;
}

/**
 * add_time's incremental_time counts one second per record across the whole job; one counter per worker would
 * repeat values, so such a job keeps its single counter on the main thread.
 */
function hasJobWideState(config: ImportConfig): boolean {
  return config.filters.some((f) => f.type === 'add_time' && isRecord(f['from_value']) && f['from_value']['mode'] === 'incremental_time');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Workers when there are at least 2 to use, the job has several files or one big file, and the services use the
 * Node codec and hash (a worker cannot receive a host's own implementations, so those stay in-thread), and no
 * filter keeps a job-wide counter.
 */
export function chooseFileProcessor(choice: FileProcessorChoice): FileProcessor {
  const workers = parseWorkerCount(choice.config, choice.files, availableParallelism(), choice.localFiles ?? true, choice.storeThreads ?? 0);
  const options = { decoders: choice.source.decoders, charset: choice.source.parser.charset };
  const splitMin = choice.splitMinBytes ?? SPLIT_MIN_BYTES;
  const worthIt = choice.files.length > 1 || choice.files.some((f) => f.size >= Math.min(WORKER_MIN_SINGLE_FILE_BYTES, splitMin));
  const portable = choice.codec instanceof NodeContentCodec && choice.hash === nodeCryptoHash;
  if (workers < 2 || !worthIt || !portable || hasJobWideState(choice.config)) return new InThreadFileProcessor(choice.codec, choice.plan, options);
  return new WorkerFileProcessor({
    // A large file may be parsed in two parts (import-files.ts, split-plan.ts), so it counts as two.
    workers: Math.min(workers, choice.files.reduce((n, f) => n + (f.size >= splitMin ? 2 : 1), 0)),
    config: choice.config,
    timeColumn: choice.timeColumn,
    uploadTime: choice.uploadTime,
    ...options,
  });
}

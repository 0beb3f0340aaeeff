import type { ImportConfig } from '../../domain/model/import-config.js';
import type { ObjectInfo } from '../../domain/model/object-info.js';
import type { DecoderSpec } from '../../domain/model/parser-options.js';
import type { RecordBatch } from '../../domain/model/record-batch.js';
import type { FileProcessContext, FileProcessor } from './file-processor.js';
import { ParseThread } from './worker/parse-thread.js';
import type { WorkerSetup } from './worker/worker-protocol.js';

/** Options of {@link WorkerFileProcessor}. */
export interface WorkerFileProcessorOptions {
  /** Worker threads at most (started when first needed). */
  readonly workers: number;
  /** The job's validated config; the worker builds the same plan from it. */
  readonly config: ImportConfig;
  readonly timeColumn: string | null;
  readonly uploadTime: Date;
  readonly decoders: readonly DecoderSpec[] | null;
  readonly charset: string;
  /** Raw slices (up to 256 KiB) posted to a worker and not yet taken by its pipeline, per file (default 8). */
  readonly chunkCredits?: number;
  /** Batches a worker may post ahead of the consumer, per file (default 16). */
  readonly batchCredits?: number;
}

/**
 * Decompression, parsing and filtering on a pool of `node:worker_threads` workers, one file per worker, so
 * several cores work while the main thread reads and writes. Uses the Node codec and node:crypto digests inside
 * the workers (a host's custom ContentCodec or hash stays on the in-thread path).
 */
export class WorkerFileProcessor implements FileProcessor {
  private readonly threads: (ParseThread | undefined)[];
  private readonly setup: WorkerSetup;
  private closed = false;

  constructor(private readonly options: WorkerFileProcessorOptions) {
    this.threads = Array.from({ length: Math.max(1, options.workers) }, () => undefined);
    this.setup = {
      config: options.config,
      timeColumn: options.timeColumn,
      uploadTime: options.uploadTime.toISOString(),
      decoders: options.decoders,
      charset: options.charset,
      batchCredits: options.batchCredits ?? 16,
    };
  }

  process(bytes: AsyncIterable<Uint8Array>, file: ObjectInfo, context: FileProcessContext): AsyncIterable<RecordBatch> {
    if (this.closed) throw new Error('WorkerFileProcessor is closed');
    return this.pick().process(bytes, file, context);
  }

  /** Worker threads this processor may run (a split file needs two). */
  get threadCount(): number {
    return this.threads.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.filter((t): t is ParseThread => t !== undefined);
    this.threads.fill(undefined);
    await Promise.all(threads.map((t) => t.terminate()));
  }

  /** The least busy live thread; an empty or dead slot gets a new one. */
  private pick(): ParseThread {
    let best: ParseThread | undefined;
    for (let i = 0; i < this.threads.length; i++) {
      const thread = this.threads[i];
      if (thread === undefined || !thread.usable) {
        if (thread) void thread.terminate();
        const fresh = this.spawn();
        this.threads[i] = fresh;
        return fresh;
      }
      if (best === undefined || thread.load < best.load) best = thread;
    }
    return best!;
  }

  private spawn(): ParseThread {
    return new ParseThread(workerEntry(), this.setup, this.options.chunkCredits ?? 8);
  }
}

/**
 * The worker next to this module: the compiled .js under dist/; from the .ts source (tsx: tests, benches) a small
 * .mjs bootstrap that registers tsx inside the worker first (`--import tsx` does not reach worker threads).
 */
function workerEntry(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './worker/tsx-bootstrap.mjs' : './worker/parse-worker.js', import.meta.url);
}

import { serializeError } from '../../../domain/errors.js';
import type { ObjectInfo } from '../../../domain/model/object-info.js';
import { packBatch, packedBuffers, type BufferPool } from '../../../domain/model/packed-batch.js';
import type { RejectedRecord } from '../../../domain/model/rejected-record.js';
import type { ContentCodec } from '../../../ports/content-codec.js';
import { LocalFsObjectStore } from '../../../adapters/local-fs/local-fs-object-store.js';
import { AsyncQueue } from '../async-queue.js';
import { transformedBatches } from '../in-thread-file-processor.js';
import type { PipelinePlan } from '../pipeline-plan.js';
import type { FilePart, FromWorker, WorkerSetup } from './worker-protocol.js';

/** The worker side of one file: input chunk queue, batch credits, and the pipeline between them. */
export class WorkerFileJob {
  private readonly input = new AsyncQueue<Uint8Array>();
  private readonly controller = new AbortController();
  private credits: number;
  private creditWaiter: (() => void) | undefined;
  /** Bytes read so far when the worker reads the file itself. */
  private bytesRead = 0;

  constructor(
    private readonly id: number,
    private readonly file: ObjectInfo,
    private readonly setup: WorkerSetup,
    private readonly post: (message: FromWorker, transfer?: ArrayBuffer[]) => void,
    private readonly pool: BufferPool,
    /** Set when the file is local: the worker reads it instead of receiving chunks. */
    private readonly localPath?: string,
    /** Set for one part of a split file (local files only). */
    private readonly part?: FilePart,
  ) {
    this.credits = setup.batchCredits;
  }

  chunk(bytes: Uint8Array): void {
    this.input.push(bytes);
  }

  end(): void {
    this.input.end();
  }

  ack(): void {
    this.credits++;
    const waiter = this.creditWaiter;
    this.creditWaiter = undefined;
    waiter?.();
  }

  /** The main thread gave up on this file: stop quietly (nobody listens any more). */
  abort(): void {
    const reason = new Error('aborted by the main thread');
    this.controller.abort(reason);
    this.input.fail(reason);
    this.ack();
  }

  async run(codec: ContentCodec, plan: PipelinePlan): Promise<void> {
    const { id } = this;
    const counters = { invalidBytes: 0 };
    const part = this.part;
    const context = {
      signal: this.controller.signal,
      counters,
      onReject: (reject: RejectedRecord) => this.post({ type: 'reject', id, reject }),
      allocate: (bytes: number) => this.pool.allocate(bytes),
      // Posted to the main thread: long strings cross as bytes (transferred), not as strings to clone.
      longStringsAsUtf8: true,
      ...(part?.startLine === undefined ? {} : { startLine: part.startLine }),
      ...(part?.endsAtRecordBoundary ? { endsAtRecordBoundary: true } : {}),
    };
    try {
      const bytes = this.localPath === undefined ? this.pull() : this.readLocal(this.localPath);
      const reading = this.localPath !== undefined;
      for await (const batch of transformedBatches(codec, plan, this.setup, bytes, this.file, context)) {
        await this.takeCredit();
        if (this.controller.signal.aborted) return;
        // The CSV parser packs as it parses (into this pool, see `allocate`); other batches are packed here.
        const packed = batch.packed ?? packBatch(batch, (bytes) => this.pool.allocate(bytes), true);
        this.post({ type: 'batch', id, batch: packed, ...(reading ? { bytes: this.bytesRead } : {}) }, packedBuffers(packed));
      }
      this.post({ type: 'done', id, invalidBytes: counters.invalidBytes, ...(reading ? { bytes: this.bytesRead } : {}) });
    } catch (error) {
      if (!this.controller.signal.aborted) this.post({ type: 'error', id, error: serializeError(error, 'parse worker') });
    }
  }

  /**
   * The file read here, through the same adapter the main thread would use (its errors name the key the user
   * wrote, relative paths included).
   */
  private async *readLocal(localPath: string): AsyncIterable<Uint8Array> {
    const { key } = this.file;
    const relative = localPath.endsWith(key) && localPath.length > key.length;
    const store = new LocalFsObjectStore(relative ? localPath.slice(0, localPath.length - key.length) : '/', { syncReads: true });
    const range = this.part?.range;
    for await (const chunk of store.read(relative ? key : localPath, { signal: this.controller.signal, ...(range === undefined ? {} : { range }) })) {
      this.bytesRead += chunk.length;
      yield chunk;
    }
  }

  private async *pull(): AsyncIterable<Uint8Array> {
    for await (const chunk of this.input) {
      this.post({ type: 'credit', id: this.id });
      yield chunk;
    }
  }

  private async takeCredit(): Promise<void> {
    while (this.credits === 0 && !this.controller.signal.aborted) {
      await new Promise<void>((resolve) => {
        this.creditWaiter = resolve;
      });
    }
    this.credits--;
  }
}

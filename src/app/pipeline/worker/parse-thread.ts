import { Worker } from 'node:worker_threads';
import { ImportError, rebuildError } from '../../../domain/errors.js';
import type { ObjectInfo } from '../../../domain/model/object-info.js';
import { packedMainBuffer, unpackedBatch } from '../../../domain/model/packed-batch.js';
import type { RecordBatch } from '../../../domain/model/record-batch.js';
import { AsyncQueue } from '../async-queue.js';
import type { FileProcessContext } from '../file-processor.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js';

type Inbound = Exclude<FromWorker, { type: 'credit' | 'reject' }>;

/**
 * Bytes per input message to a worker. 256 KiB x 8 credits keeps a worker fed through long DuckDB appends on the
 * main thread (64 KiB x 4 left it idle 31% of the time) at less memory than 1 MiB slices: one 205 MB object from
 * moto with one worker peaked at 366 MB vs 437 MB, at the same speed (4.3 s).
 */
const SLICE_BYTES = 256 * 1024;

interface Channel {
  readonly inbox: AsyncQueue<Inbound>;
  readonly context: FileProcessContext;
  chunksInFlight: number;
  wake: (() => void) | undefined;
}

/**
 * One worker thread and the files assigned to it. Chunks go out with credits (at most `chunkCredits` unconsumed
 * per file); batches come back with credits (the worker holds `setup.batchCredits`), so memory stays bounded
 * however large the file is. The thread is unref'd while idle so a forgotten pool never keeps a process alive.
 */
export class ParseThread {
  private readonly worker: Worker;
  private readonly channels = new Map<number, Channel>();
  private nextId = 0;
  private failure: ImportError | undefined;

  constructor(entry: URL, setup: WorkerSetup, private readonly chunkCredits: number) {
    this.worker = new Worker(entry, { workerData: setup });
    this.worker.unref();
    this.worker.on('message', (message: FromWorker) => this.route(message));
    this.worker.on('error', (error: Error) => this.die(`the parse worker failed: ${error.message}`));
    this.worker.on('messageerror', (error: Error) => this.die(`a message from the parse worker could not be read: ${error.message}`));
    this.worker.on('exit', (code: number) => this.die(`the parse worker exited (code ${code})`));
  }

  /** Files being processed; the pool gives new files to the least busy thread. */
  get load(): number {
    return this.channels.size;
  }

  /** False after the thread died; the pool replaces it. */
  get usable(): boolean {
    return this.failure === undefined;
  }

  async *process(bytes: AsyncIterable<Uint8Array>, file: ObjectInfo, context: FileProcessContext): AsyncIterable<RecordBatch> {
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    const channel: Channel = { inbox: new AsyncQueue<Inbound>(), context, chunksInFlight: 0, wake: undefined };
    this.channels.set(id, channel);
    this.worker.ref();
    const onAbort = () => channel.inbox.fail(context.signal.reason);
    context.signal.addEventListener('abort', onAbort, { once: true });
    const local = context.localPath;
    const part = context.range === undefined ? undefined : {
      range: context.range,
      ...(context.startLine === undefined ? {} : { startLine: context.startLine }),
      ...(context.endsAtRecordBoundary ? { endsAtRecordBoundary: true } : {}),
    };
    this.post({ type: 'start', id, file, ...(local === undefined ? {} : { localPath: local }), ...(part === undefined ? {} : { part }) });
    const pumping = { stop: false };
    // A local file is read by the worker itself: `bytes` stays unread, the worker reports the count.
    const pump = local === undefined ? this.pump(id, channel, bytes, pumping) : Promise.resolve();
    let finished = false;
    try {
      context.signal.throwIfAborted();
      for (;;) {
        const { value: message, done } = await channel.inbox.next();
        if (done) throw new ImportError('INTERNAL', `${file.key}: the parse worker stopped without finishing the file`);
        if (message.type === 'batch') {
          if (message.bytes !== undefined) context.counters.bytes = message.bytes;
          yield unpackedBatch(message.batch);
          // The consumer is done with the batch (FileProcessor contract): its buffer goes back to be reused.
          const recycle = packedMainBuffer(message.batch);
          if (recycle === undefined) this.post({ type: 'ack', id });
          else this.post({ type: 'ack', id, recycle }, [recycle]);
        } else if (message.type === 'done') {
          context.counters.invalidBytes += message.invalidBytes;
          if (message.bytes !== undefined) context.counters.bytes = message.bytes;
          finished = true;
          return;
        } else {
          finished = true;
          throw rebuildError(message.error);
        }
      }
    } finally {
      context.signal.removeEventListener('abort', onAbort);
      if (!finished) this.post({ type: 'abort', id });
      pumping.stop = true;
      channel.wake?.();
      await pump;
      this.channels.delete(id);
      if (this.channels.size === 0) this.worker.unref();
    }
  }

  terminate(): Promise<number> {
    this.failure ??= new ImportError('INTERNAL', 'the parse worker pool was closed');
    return this.worker.terminate();
  }

  /**
   * Feeds the raw bytes in owned slices of about {@link SLICE_BYTES}; a read error fails the file with that error
   * as it is. Slices, not the source's chunks: while the main thread is busy writing a batch, the worker must have
   * enough input not to starve (measured: with 4 x 64 KiB in flight the worker sat idle 31%).
   */
  private async pump(id: number, channel: Channel, bytes: AsyncIterable<Uint8Array>, pumping: { stop: boolean }): Promise<void> {
    try {
      // Copy: the chunk may be a view into a pooled Buffer or into the caller's data (the in-memory store
      // yields subarrays of the stored object); transferring that ArrayBuffer would detach it. Pending chunks are
      // copied once into an exactly sized slice (a small file costs its own size, not a whole slice).
      let pending: Uint8Array[] = [];
      let filled = 0;
      const send = async (): Promise<void> => {
        const owned = new Uint8Array(filled);
        let at = 0;
        for (const part of pending) {
          owned.set(part, at);
          at += part.length;
        }
        pending = [];
        filled = 0;
        channel.chunksInFlight++;
        this.post({ type: 'chunk', id, bytes: owned }, [owned.buffer]);
        while (channel.chunksInFlight >= this.chunkCredits && !pumping.stop) {
          await new Promise<void>((resolve) => {
            channel.wake = resolve;
          });
        }
      };
      for await (const chunk of bytes) {
        if (pumping.stop) return;
        for (let at = 0; at < chunk.length;) {
          const take = Math.min(chunk.length - at, SLICE_BYTES - filled);
          pending.push(chunk.subarray(at, at + take));
          filled += take;
          at += take;
          if (filled === SLICE_BYTES) await send();
          if (pumping.stop) return;
        }
      }
      if (filled > 0) await send();
      if (pumping.stop) return;
      this.post({ type: 'end', id });
    } catch (error) {
      channel.inbox.fail(error);
      this.post({ type: 'abort', id });
    }
  }

  private route(message: FromWorker): void {
    const channel = this.channels.get(message.id);
    if (channel === undefined) return;
    if (message.type === 'credit') {
      channel.chunksInFlight--;
      const wake = channel.wake;
      channel.wake = undefined;
      wake?.();
    } else if (message.type === 'reject') {
      // Rejects bypass the inbox: they are not credit-limited, and the caller only counts and samples them.
      try {
        channel.context.onReject(message.reject);
      } catch (error) {
        channel.inbox.fail(error);
      }
    } else {
      channel.inbox.push(message);
    }
  }

  private post(message: ToWorker, transfer?: ArrayBuffer[]): void {
    if (this.failure === undefined) this.worker.postMessage(message, transfer);
  }

  private die(reason: string): void {
    if (this.failure) return;
    this.failure = new ImportError('INTERNAL', `${reason}; the import was stopped, run it again`);
    for (const channel of this.channels.values()) {
      channel.inbox.fail(this.failure);
      channel.wake?.();
    }
  }
}

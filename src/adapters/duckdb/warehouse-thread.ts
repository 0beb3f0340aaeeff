import { resolve as resolvePath } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ImportError, rebuildError, type SerializedError } from '../../domain/errors.js';
import { movedBuffers, packBatch, PackedBatchBuilder, releasePacked, sharedBufferPool, withLongStringsAsUtf8 } from '../../domain/model/packed-batch.js';
import type { Column, PackedBatch, RecordBatch } from '../../domain/model/record-batch.js';
import { defaultBatchRows } from '../../domain/parsing/record-parser.js';
import type {
  LoadMode, LoadReport, TableDescription, TableLoad, TableRef, TableStore, TableStoreCapabilities, TailResult,
} from '../../ports/table-store.js';
import { sameColumns } from './duckdb-columns.js';
import { claimForThread } from './warehouse-claims.js';
import type { DuckDbOptions } from './duckdb-table-store.js';
import { DUCKDB_THREAD_CAPABILITIES } from './lazy-table-store.js';
import type { FromWarehouse, StoreMethod, ToWarehouse, WarehouseSetup } from './warehouse-protocol.js';

/**
 * Bytes of packed batches (slots, bitmaps and the text of long strings) a load may have sent and not yet seen
 * written: 32 batches of the bench's 8 columns (~370 KB each). DuckDB stops for 60-90 ms whenever it compresses a
 * full row group; with 4 such batches in flight the main thread waited 918 ms per 2.8M rows, with 32, 8 ms. Counted
 * in bytes, not batches: 32 batches of 80 string columns held ~190 MB (an 80-column CSV peaked at 622 MB on the
 * warehouse thread against 370 MB in-thread).
 */
const BYTES_IN_FLIGHT = 12 * 1024 * 1024;

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * One worker thread that owns the DuckDB instance of one warehouse file (warehouse-worker.ts). DuckDB's appender
 * compresses each full row group on the calling thread; here that is this worker, so parsing on the main thread
 * and appending overlap on two cores. A process has at most one per file: DuckDB itself would let a second
 * instance open the same file in the same process and both would write to it.
 */
class WarehouseThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly loads = new Map<number, ThreadedTableLoad>();
  private nextId = 0;
  private failure: ImportError | undefined;
  private closing = false;
  refs = 0;

  private constructor(setup: WarehouseSetup, private readonly release: () => void) {
    this.worker = new Worker(workerEntry(), { workerData: setup });
    this.worker.unref();
    this.worker.on('error', (error: Error) => this.die(`the warehouse thread failed: ${error.message}`));
    this.worker.on('messageerror', (error: Error) => this.die(`a message from the warehouse thread could not be read: ${error.message}`));
    this.worker.on('exit', (code: number) => this.die(`the warehouse thread exited (code ${code})`));
  }

  static start(setup: WarehouseSetup, release: () => void): Promise<WarehouseThread> {
    const thread = new WarehouseThread(setup, release);
    return new Promise((resolve, reject) => {
      thread.worker.ref();
      const opening = (message: FromWarehouse): void => {
        thread.worker.off('message', opening);
        thread.worker.unref();
        if (message.type === 'ready') {
          thread.worker.on('message', (next: FromWarehouse) => thread.route(next));
          resolve(thread);
        } else {
          release();
          reject(message.type === 'opening-failed' ? rebuildError(message.error) : new ImportError('INTERNAL', `the warehouse thread sent ${message.type} before it was ready`));
        }
      };
      thread.worker.on('message', opening);
      thread.worker.once('exit', (code: number) => reject(thread.failure ?? new ImportError('TABLE_STORE', `the warehouse thread exited while opening ${setup.path} (code ${code})`)));
    });
  }

  request(message: DistributiveOmit<Extract<ToWarehouse, { id: number }>, 'id'>): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.busy();
      this.worker.postMessage({ ...message, id });
    });
  }

  /**
   * A packed batch for a load. Its long strings' UTF-8 buffer is transferred, and so is its main buffer when
   * `owned` (packed here for this; a parse worker's batch is copied, its buffer goes back to that worker).
   */
  write(load: number, batch: PackedBatch, owned: boolean): void {
    this.worker.postMessage({ type: 'write', load, batch } satisfies ToWarehouse, movedBuffers(batch, owned));
  }

  async beginLoad(ref: TableRef, mode: LoadMode): Promise<TableLoad> {
    const id = (await this.request({ type: 'begin', ref, mode })) as number;
    const load = new ThreadedTableLoad(this, id, ref);
    this.loads.set(id, load);
    this.busy();
    return load;
  }

  /** False once the thread has exited or failed (every load it held is rolled back). */
  get alive(): boolean {
    return this.failure === undefined;
  }

  loadEnded(id: number): void {
    this.loads.delete(id);
    this.busy();
  }

  /** Closes DuckDB in the thread and waits for the thread to end (the file is free for others then). */
  async close(): Promise<void> {
    if (this.closing || this.failure !== undefined) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    const closed = this.request({ type: 'call', method: 'close', args: [] });
    this.closing = true;
    this.busy();
    await closed;
    await exited;
  }

  /** Keeps the process alive only while something waits on the thread. */
  private busy(): void {
    if (this.closing || this.pending.size > 0 || this.loads.size > 0) this.worker.ref();
    else this.worker.unref();
  }

  private route(message: FromWarehouse): void {
    if (message.type === 'result' || message.type === 'error') {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      this.busy();
      if (message.type === 'result') waiter?.resolve(message.value);
      else waiter?.reject(rebuildError(message.error));
    } else if (message.type === 'written' || message.type === 'failed') {
      this.loads.get(message.load)?.settled(message.type === 'written' ? message.recycle : [], message.type === 'failed' ? message.error : undefined);
    }
  }

  private die(reason: string): void {
    if (this.failure === undefined) {
      this.failure = new ImportError('TABLE_STORE', `${reason}; the load was rolled back, run the import again`);
      this.release();
    }
    for (const waiter of this.pending.values()) waiter.reject(this.failure);
    this.pending.clear();
    for (const load of this.loads.values()) load.settled([], undefined, this.failure);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** One load through the warehouse thread; see TableLoad. Writes are pipelined: see write(). */
class ThreadedTableLoad implements TableLoad {
  private sentColumns: readonly Column[] | undefined;
  /**
   * Smaller batches are packed together up to the rows of a full batch (defaultBatchRows: 4,096, fewer for wide
   * rows): the batches of small files (one of 20 rows each) travel as one message per 4,096 rows instead of one per
   * file (50,000 files of 20 rows: 5.3 s / 335 MB sent one by one, 2.9-3.1 s packed together). Gathering the JS
   * batches instead kept them alive into the old generation: 418 MB. A fixed 4,096 rows did the same to wide
   * batches (250 string columns: the main heap grew to 338 MB).
   */
  private mergeRows: number | undefined;
  /** Small batches packed so far, not yet sent. */
  private gathered: PackedBatchBuilder | undefined;
  private inFlightBytes = 0;
  /** Sizes of the writes in flight, oldest first (the thread answers them in order). */
  private readonly sizes: number[] = [];
  private wake: (() => void) | undefined;
  private failure: ImportError | undefined;
  private finished = false;
  /** Buffers the warehouse thread hands back go to this thread's shared pool, where the CSV parser takes them. */
  private readonly pool = sharedBufferPool;

  constructor(private readonly thread: WarehouseThread, private readonly id: number, private readonly ref: TableRef) {}

  /**
   * A batch with new columns is written before write() resolves, so a SCHEMA_CONFLICT fails this very call. Other
   * batches are packed (small ones together, see mergeRows) and sent, and write() resolves once fewer than
   * BYTES_IN_FLIGHT wait: a failure there fails a later write() or commit(), and a failed load never commits.
   */
  async write(batch: RecordBatch): Promise<void> {
    this.check();
    if (this.sentColumns === undefined || !sameColumns(this.sentColumns, batch.columns)) {
      this.flush();
      this.send(batch.packed ?? this.pack(batch), batch.packed === undefined || batch.packedTransferable === true);
      this.sentColumns = batch.columns;
      this.mergeRows = undefined;
      await this.until(() => this.sizes.length === 0);
    } else if (batch.length >= (this.mergeRows ??= defaultBatchRows(batch.columns.length))) {
      this.flush();
      // Packed by the parser on this thread: its buffer moves to the warehouse thread (and comes back to the
      // pool). A parse worker's goes back to that worker when this resolves: it is sent as a copy.
      if (batch.packed === undefined) this.send(this.pack(batch), true);
      else this.send(batch.packed, batch.packedTransferable === true);
    } else {
      if (this.gathered !== undefined && this.gathered.length + batch.length > this.mergeRows) this.flush();
      this.gathered ??= new PackedBatchBuilder(this.sentColumns, this.mergeRows, (bytes) => this.pool.allocate(bytes), true);
      valueContract(() => this.gathered!.add(batch));
      releasePacked(batch);
    }
    await this.until(() => this.inFlightBytes < BYTES_IN_FLIGHT);
    this.check();
  }

  async commit(): Promise<LoadReport> {
    this.check();
    this.flush();
    await this.until(() => this.sizes.length === 0);
    if (this.failure !== undefined) {
      await this.end('abort').catch(() => undefined);
      throw this.failure;
    }
    try {
      return (await this.end('commit')) as LoadReport;
    } catch (error) {
      // DuckDbTableLoad rolled back: a later abort() (the caller's cleanup) has nothing to do.
      this.failure ??= error as ImportError;
      throw error;
    }
  }

  async abort(): Promise<void> {
    if (this.finished) {
      if (this.failure !== undefined) return; // commit() already rolled the failed load back
      this.check();
    }
    this.gathered = undefined;
    try {
      await this.end('abort');
    } catch (error) {
      // The thread died: its transaction died with it, so there is nothing left to roll back.
      if (!this.thread.alive) return;
      throw error;
    }
  }

  /** The warehouse thread finished one write (`error` when it failed), or the thread died (`died`). */
  settled(recycle: readonly ArrayBuffer[], error: SerializedError | undefined, died?: ImportError): void {
    if (died !== undefined) {
      this.failure ??= died;
      this.sizes.length = 0;
      this.inFlightBytes = 0;
    } else {
      this.inFlightBytes -= this.sizes.shift() ?? 0;
      for (const buffer of recycle) this.pool.give(buffer);
      if (error !== undefined) this.failure ??= rebuildError(error);
    }
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async end(type: 'commit' | 'abort'): Promise<unknown> {
    this.finished = true;
    try {
      return await this.thread.request({ type, load: this.id });
    } finally {
      this.thread.loadEnded(this.id);
    }
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.finished) throw new ImportError('TABLE_STORE', `the load into ${this.ref.database}.${this.ref.table} is already committed or aborted: start a new load`);
  }

  private async until(ready: () => boolean): Promise<void> {
    while (!ready() && this.failure === undefined) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  private flush(): void {
    const gathered = this.gathered;
    this.gathered = undefined;
    if (gathered !== undefined && gathered.length > 0) this.send(gathered.finish(), true);
  }

  private pack(batch: RecordBatch): PackedBatch {
    return valueContract(() => packBatch(batch, (bytes) => this.pool.allocate(bytes), true));
  }

  /** `owned`: packed here, so its buffer is transferred (and comes back for reuse). */
  private send(packed: PackedBatch, owned: boolean): void {
    // Long strings cross as UTF-8: the warehouse thread then makes no JS strings (and no garbage of them).
    const batch = withLongStringsAsUtf8(packed, (bytes) => this.pool.allocate(bytes));
    const size = packedSize(batch);
    this.sizes.push(size);
    this.inFlightBytes += size;
    this.thread.write(this.id, batch, owned);
  }
}

/** Bytes a batch in flight holds: slots, bitmaps and long strings (UTF-8 by then, see send). */
function packedSize(batch: PackedBatch): number {
  let bytes = 0;
  for (const column of batch.packed) {
    bytes += column.data.byteLength + (column.validity?.byteLength ?? 0);
    bytes += column.longUtf8?.byteLength ?? 0;
  }
  return bytes;
}

/** A cell that breaks the Value contract fails the write with TABLE_STORE, as DuckDbTableLoad's does. */
function valueContract<T>(pack: () => T): T {
  try {
    return pack();
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw new ImportError('TABLE_STORE', error.message, { cause: error });
    throw error;
  }
}

const threads = new Map<string, Promise<WarehouseThread>>();

/**
 * The embedded DuckDB warehouse, served by a worker thread (see WarehouseThread): the same behaviour as
 * DuckDbTableStore, which it runs there, with appends off the main thread. Stores opened on the same file in
 * one process share the thread; ':memory:' gets a thread of its own.
 */
export class ThreadedTableStore implements TableStore {
  readonly capabilities: TableStoreCapabilities = DUCKDB_THREAD_CAPABILITIES;
  private closed = false;

  private constructor(private readonly thread: WarehouseThread) {}

  static async open(path: string, options: DuckDbOptions & { readonly exitAfterWrites?: number } = {}): Promise<ThreadedTableStore> {
    const memory = path === ':memory:';
    const key = memory ? path : resolvePath(path);
    const { exitAfterWrites, ...duckdb } = options;
    const setup: WarehouseSetup = { path: key, options: duckdb, ...(exitAfterWrites === undefined ? {} : { exitAfterWrites }) };
    if (memory) return new ThreadedTableStore(await WarehouseThread.start(setup, () => undefined)).retained();
    let entry = threads.get(key);
    if (entry === undefined) {
      const releaseClaim = claimForThread(key);
      let released = false;
      entry = WarehouseThread.start(setup, () => {
        if (released) return;
        released = true;
        threads.delete(key);
        releaseClaim();
      });
      threads.set(key, entry);
      entry.catch(() => threads.delete(key));
    }
    return new ThreadedTableStore(await entry).retained();
  }

  private retained(): this {
    this.thread.refs++;
    return this;
  }

  listDatabases(): Promise<string[]> { return this.call('listDatabases') as Promise<string[]>; }
  createDatabase(database: string, options?: { ifNotExists?: boolean }): Promise<void> { return this.call('createDatabase', database, options) as Promise<void>; }
  deleteDatabase(database: string): Promise<void> { return this.call('deleteDatabase', database) as Promise<void>; }
  listTables(database?: string): Promise<TableRef[]> { return this.call('listTables', database) as Promise<TableRef[]>; }
  createTable(ref: TableRef, options?: { ifNotExists?: boolean }): Promise<void> { return this.call('createTable', ref, options) as Promise<void>; }
  describeTable(ref: TableRef): Promise<TableDescription | undefined> { return this.call('describeTable', ref) as Promise<TableDescription | undefined>; }
  deleteTable(ref: TableRef): Promise<void> { return this.call('deleteTable', ref) as Promise<void>; }
  tail(ref: TableRef, limit: number): Promise<TailResult> { return this.call('tail', ref, limit) as Promise<TailResult>; }

  beginLoad(ref: TableRef, mode: LoadMode): Promise<TableLoad> {
    if (this.closed) return Promise.reject(closedError());
    return this.thread.beginLoad(ref, mode);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (--this.thread.refs === 0) await this.thread.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private call(method: StoreMethod, ...args: unknown[]): Promise<unknown> {
    if (this.closed) return Promise.reject(closedError());
    return this.thread.request({ type: 'call', method, args });
  }
}

function closedError(): ImportError {
  return new ImportError('TABLE_STORE', 'the warehouse is closed: open it again');
}

/**
 * The worker next to this module: the compiled .js under dist/; from the .ts source (tsx: tests, benches) a small
 * .mjs bootstrap that registers tsx inside the worker first (`--import tsx` does not reach worker threads).
 */
function workerEntry(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './warehouse-tsx-bootstrap.mjs' : './warehouse-worker.js', import.meta.url);
}

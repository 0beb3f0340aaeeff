import type { SerializedError } from '../../domain/errors.js';
import type { PackedBatch } from '../../domain/model/record-batch.js';
import type { LoadMode, TableRef } from '../../ports/table-store.js';
import type { DuckDbOptions } from './duckdb-table-store.js';

/** The warehouse thread's `workerData`: the file it owns and DuckDB's settings. */
export interface WarehouseSetup {
  readonly path: string;
  readonly options: DuckDbOptions;
  /** Fault injection for tests: the thread exits (code 70) when it receives write number N + 1. */
  readonly exitAfterWrites?: number;
}

/** TableStore methods served as plain request/response (beginLoad and the loads have their own messages). */
export type StoreMethod = 'listDatabases' | 'createDatabase' | 'deleteDatabase' | 'listTables' | 'createTable' | 'describeTable' | 'deleteTable' | 'tail' | 'close';

/**
 * Main thread -> warehouse thread. Requests with an `id` are answered once (`result` or `error`). A `write` is
 * answered with `written` (the batch's buffers come back for reuse) or, when it failed, `failed`; writes of one
 * load run in the order sent.
 */
export type ToWarehouse =
  | { readonly type: 'call'; readonly id: number; readonly method: StoreMethod; readonly args: readonly unknown[] }
  | { readonly type: 'begin'; readonly id: number; readonly ref: TableRef; readonly mode: LoadMode }
  | { readonly type: 'write'; readonly load: number; readonly batch: PackedBatch }
  | { readonly type: 'commit' | 'abort'; readonly id: number; readonly load: number };

export type FromWarehouse =
  | { readonly type: 'ready' }
  | { readonly type: 'opening-failed'; readonly error: SerializedError }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError }
  | { readonly type: 'written'; readonly load: number; readonly recycle: readonly ArrayBuffer[] }
  | { readonly type: 'failed'; readonly load: number; readonly error: SerializedError };

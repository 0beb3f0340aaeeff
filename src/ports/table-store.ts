import type { Column, RecordBatch, Value } from '../domain/model/record-batch.js';

export interface TableRef {
  readonly database: string;
  readonly table: string;
}

export interface TableDescription extends TableRef {
  readonly columns: readonly Column[];
  readonly rowCount: number;
}

export interface TableStoreCapabilities {
  /** A replace load swaps content atomically: readers see the old or the new rows, never a mix or nothing. */
  readonly atomicReplace: boolean;
  /** Readers may query while a load is in progress. */
  readonly concurrentReaders: boolean;
  /**
   * The store writes on a thread of its own, which keeps a core busy during a load (the embedded warehouse with
   * duckdb-thread): automatic parse workers leave that core to it, and the CSV parser keeps long strings of packed
   * batches as UTF-8 (PackedColumn.longUtf8), bytes the store can move to its thread.
   */
  readonly ownThread?: boolean;
}

export type LoadMode = 'append' | 'replace';

export interface LoadReport {
  readonly rows: number;
  /** Columns the load added to the table (schema evolution). */
  readonly addedColumns: readonly Column[];
}

/**
 * One load into one table. Nothing written is visible to readers until commit() resolves; abort() (or a
 * crash) leaves the table exactly as before. Batches may carry columns the table lacks: they are added at
 * commit. A column whose type conflicts with the table's fails write() with SCHEMA_CONFLICT naming it.
 */
export interface TableLoad {
  write(batch: RecordBatch): Promise<void>;
  commit(): Promise<LoadReport>;
  abort(): Promise<void>;
}

export interface TailResult {
  readonly columns: readonly Column[];
  readonly rows: Value[][];
}

/**
 * The destination warehouse. Databases hold tables; a new table starts with only its `time` column (long,
 * unix seconds), as in TD, and gains columns on import. Errors: TABLE_NOT_FOUND, NOT_FOUND, ALREADY_EXISTS,
 * SCHEMA_CONFLICT, TABLE_STORE.
 */
export interface TableStore {
  readonly capabilities: TableStoreCapabilities;
  listDatabases(): Promise<string[]>;
  createDatabase(database: string, options?: { ifNotExists?: boolean }): Promise<void>;
  /** Deletes the database and its tables. */
  deleteDatabase(database: string): Promise<void>;
  listTables(database?: string): Promise<TableRef[]>;
  createTable(ref: TableRef, options?: { ifNotExists?: boolean }): Promise<void>;
  /** undefined when the table does not exist. */
  describeTable(ref: TableRef): Promise<TableDescription | undefined>;
  deleteTable(ref: TableRef): Promise<void>;
  /** The last `limit` rows in insertion order (newest last). */
  tail(ref: TableRef, limit: number): Promise<TailResult>;
  /** Starts a load; the table must exist (TABLE_NOT_FOUND otherwise). */
  beginLoad(ref: TableRef, mode: LoadMode): Promise<TableLoad>;
  close(): Promise<void>;
}
export const TableStore = Symbol.for('s3-import:TableStore');

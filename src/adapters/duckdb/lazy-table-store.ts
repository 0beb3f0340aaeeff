import type { LoadMode, TableDescription, TableLoad, TableRef, TableStore, TableStoreCapabilities, TailResult } from '../../ports/table-store.js';

/** The embedded DuckDB store's capabilities, known before its modules load (DuckDbTableStore.CAPABILITIES). */
export const DUCKDB_CAPABILITIES: TableStoreCapabilities = { atomicReplace: true, concurrentReaders: true };

/** The same, served by the warehouse thread (ThreadedTableStore). */
export const DUCKDB_THREAD_CAPABILITIES: TableStoreCapabilities = { ...DUCKDB_CAPABILITIES, ownThread: true };

/**
 * Opens the real store on first use. DuckDB lets one process hold the warehouse file, so a process that never
 * touches a table (a `scheduler --once` that finds the due schedule leased by another process, `list`,
 * `history`...) must not take the file lock and make a concurrent import fail.
 */
export class LazyTableStore implements TableStore {
  private store: Promise<TableStore> | undefined;

  constructor(
    readonly capabilities: TableStoreCapabilities,
    private readonly open: () => Promise<TableStore>,
  ) {}

  private get(): Promise<TableStore> {
    if (this.store === undefined) {
      this.store = this.open();
      this.store.catch(() => {
        this.store = undefined; // a locked file may be free on the next call
      });
    }
    return this.store;
  }

  async listDatabases(): Promise<string[]> { return (await this.get()).listDatabases(); }
  async createDatabase(database: string, options?: { ifNotExists?: boolean }): Promise<void> { return (await this.get()).createDatabase(database, options); }
  async deleteDatabase(database: string): Promise<void> { return (await this.get()).deleteDatabase(database); }
  async listTables(database?: string): Promise<TableRef[]> { return (await this.get()).listTables(database); }
  async createTable(ref: TableRef, options?: { ifNotExists?: boolean }): Promise<void> { return (await this.get()).createTable(ref, options); }
  async describeTable(ref: TableRef): Promise<TableDescription | undefined> { return (await this.get()).describeTable(ref); }
  async deleteTable(ref: TableRef): Promise<void> { return (await this.get()).deleteTable(ref); }
  async tail(ref: TableRef, limit: number): Promise<TailResult> { return (await this.get()).tail(ref, limit); }
  async beginLoad(ref: TableRef, mode: LoadMode): Promise<TableLoad> { return (await this.get()).beginLoad(ref, mode); }

  async close(): Promise<void> {
    const store = this.store;
    this.store = undefined;
    if (store !== undefined) await store.then((opened) => opened.close(), () => undefined);
  }
}

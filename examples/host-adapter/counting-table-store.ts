import { InMemoryTableStore, type LoadMode, type TableLoad, type TableRef, type TableStore } from '../../src/index.js';

/**
 * A host's own TableStore: here a decorator that counts committed rows per table (metrics) around any other store.
 * Real hosts write one for their warehouse (BigQuery, Postgres, ...) and prove it with describeTableStoreContract.
 */
export class CountingTableStore implements TableStore {
  readonly committedRows = new Map<string, number>();

  constructor(private readonly inner: TableStore = new InMemoryTableStore()) {}

  get capabilities() {
    return this.inner.capabilities;
  }
  listDatabases() {
    return this.inner.listDatabases();
  }
  createDatabase(database: string, options?: { ifNotExists?: boolean }) {
    return this.inner.createDatabase(database, options);
  }
  deleteDatabase(database: string) {
    return this.inner.deleteDatabase(database);
  }
  listTables(database?: string) {
    return this.inner.listTables(database);
  }
  createTable(ref: TableRef, options?: { ifNotExists?: boolean }) {
    return this.inner.createTable(ref, options);
  }
  describeTable(ref: TableRef) {
    return this.inner.describeTable(ref);
  }
  deleteTable(ref: TableRef) {
    return this.inner.deleteTable(ref);
  }
  tail(ref: TableRef, limit: number) {
    return this.inner.tail(ref, limit);
  }
  close() {
    return this.inner.close();
  }

  async beginLoad(ref: TableRef, mode: LoadMode): Promise<TableLoad> {
    const load = await this.inner.beginLoad(ref, mode);
    const key = `${ref.database}.${ref.table}`;
    return {
      write: (batch) => load.write(batch),
      abort: () => load.abort(),
      commit: async () => {
        const report = await load.commit();
        this.committedRows.set(key, (this.committedRows.get(key) ?? 0) + report.rows);
        return report;
      },
    };
  }
}

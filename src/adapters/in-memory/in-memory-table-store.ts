import { ImportError } from '../../domain/errors.js';
import type { Column, RecordBatch, Value } from '../../domain/model/record-batch.js';
import type {
  LoadMode, LoadReport, TableDescription, TableLoad, TableRef, TableStore, TableStoreCapabilities, TailResult,
} from '../../ports/table-store.js';

interface Table {
  columns: Column[];
  rows: Value[][];
}

function tableNotFound(ref: TableRef): ImportError {
  return new ImportError('TABLE_NOT_FOUND', `table ${ref.database}.${ref.table} does not exist: create it first (or use auto-create)`, { details: { ...ref } });
}

function checkColumns(ref: TableRef, known: readonly Column[], incoming: readonly Column[]): Column[] {
  const added: Column[] = [];
  for (const column of incoming) {
    const existing = known.find((c) => c.name === column.name) ?? added.find((c) => c.name === column.name);
    if (existing === undefined) added.push(column);
    else if (existing.type !== column.type) {
      throw new ImportError('SCHEMA_CONFLICT', `column "${column.name}" of ${ref.database}.${ref.table} is ${existing.type} but the import brings ${column.type}: set the column's type to ${existing.type} in the parser's columns, or rename it`, { details: { ...ref, column: column.name, tableType: existing.type, incomingType: column.type } });
    }
  }
  return added;
}

/**
 * A TableStore in process memory, for tests and hosts that embed the importer. Loads buffer their rows
 * and commit by swapping arrays synchronously, so replace is atomic and abort leaves nothing behind.
 */
export class InMemoryTableStore implements TableStore {
  readonly capabilities: TableStoreCapabilities = { atomicReplace: true, concurrentReaders: true };
  private readonly databases = new Map<string, Map<string, Table>>();

  async listDatabases(): Promise<string[]> {
    return [...this.databases.keys()].sort();
  }

  async createDatabase(database: string, options: { ifNotExists?: boolean } = {}): Promise<void> {
    if (database.length === 0) throw new ImportError('CONFIG_INVALID', 'database name is empty: give the database a name');
    if (this.databases.has(database)) {
      if (options.ifNotExists === true) return;
      throw new ImportError('ALREADY_EXISTS', `database ${database} already exists: choose another name or pass ifNotExists`);
    }
    this.databases.set(database, new Map());
  }

  async deleteDatabase(database: string): Promise<void> {
    if (!this.databases.delete(database)) throw new ImportError('NOT_FOUND', `database ${database} does not exist: check its name`);
  }

  async listTables(database?: string): Promise<TableRef[]> {
    const refs: TableRef[] = [];
    for (const [db, tables] of this.databases) {
      if (database !== undefined && db !== database) continue;
      for (const table of tables.keys()) refs.push({ database: db, table });
    }
    return refs.sort((a, b) => (a.database + '\0' + a.table).localeCompare(b.database + '\0' + b.table));
  }

  async createTable(ref: TableRef, options: { ifNotExists?: boolean } = {}): Promise<void> {
    if (ref.table.length === 0) throw new ImportError('CONFIG_INVALID', 'table name is empty: give the table a name');
    const tables = this.databases.get(ref.database);
    if (tables === undefined) throw new ImportError('NOT_FOUND', `database ${ref.database} does not exist: create it first`);
    if (tables.has(ref.table)) {
      if (options.ifNotExists === true) return;
      throw new ImportError('ALREADY_EXISTS', `table ${ref.database}.${ref.table} already exists: choose another name, or append/replace into it`);
    }
    tables.set(ref.table, { columns: [{ name: 'time', type: 'long' }], rows: [] });
  }

  async describeTable(ref: TableRef): Promise<TableDescription | undefined> {
    const table = this.databases.get(ref.database)?.get(ref.table);
    return table === undefined ? undefined : { ...ref, columns: [...table.columns], rowCount: table.rows.length };
  }

  async deleteTable(ref: TableRef): Promise<void> {
    if (this.databases.get(ref.database)?.delete(ref.table) !== true) throw tableNotFound(ref);
  }

  async tail(ref: TableRef, limit: number): Promise<TailResult> {
    const table = this.table(ref);
    const width = table.columns.length;
    const rows = table.rows.slice(Math.max(0, table.rows.length - Math.max(0, Math.floor(limit))));
    return { columns: [...table.columns], rows: rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? null)) };
  }

  async beginLoad(ref: TableRef, mode: LoadMode): Promise<TableLoad> {
    const start = this.table(ref);
    const staged: Column[] = [];
    const rows: Value[][] = [];
    let done = false;
    const guard = (): void => {
      if (done) throw new ImportError('TABLE_STORE', `the load into ${ref.database}.${ref.table} is already committed or aborted: start a new load`);
    };
    return {
      write: async (batch: RecordBatch) => {
        guard();
        checkColumns(ref, start.columns, batch.columns);
        staged.push(...checkColumns(ref, staged, batch.columns));
        const index = staged.map((c) => batch.columns.findIndex((b) => b.name === c.name));
        for (let r = 0; r < batch.length; r++) rows.push(index.map((i) => (i < 0 ? null : (batch.vectors[i]![r] ?? null))));
      },
      commit: async (): Promise<LoadReport> => {
        guard();
        done = true;
        const table = this.table(ref);
        const added = checkColumns(ref, table.columns, staged);
        const columns = [...table.columns, ...added];
        const position = staged.map((c) => columns.findIndex((t) => t.name === c.name));
        const converted = rows.map((row) => {
          const out: Value[] = new Array<Value>(columns.length).fill(null);
          position.forEach((p, i) => { out[p] = row[i] ?? null; });
          return out;
        });
        table.columns = columns;
        table.rows = mode === 'replace' ? converted : table.rows.concat(converted);
        return { rows: converted.length, addedColumns: added };
      },
      abort: async () => {
        done = true;
        rows.length = 0;
      },
    };
  }

  async close(): Promise<void> {
    this.databases.clear();
  }

  private table(ref: TableRef): Table {
    const table = this.databases.get(ref.database)?.get(ref.table);
    if (table === undefined) throw tableNotFound(ref);
    return table;
  }
}

import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DUCKDB_CAPABILITIES } from './lazy-table-store.js';
import { ImportError } from '../../domain/errors.js';
import type {
  LoadMode, TableDescription, TableLoad, TableRef, TableStore, TableStoreCapabilities, TailResult,
} from '../../ports/table-store.js';
import { readColumns, tableNotFound } from './duckdb-columns.js';
import { acquireInstance, memoryNeededFor, type LoadThreads, type MemoryLimit } from './duckdb-instances.js';
import { validateName } from './duckdb-names.js';
import { presentColumn, tailRows } from './duckdb-tail.js';
import { DuckDbTableLoad } from './duckdb-table-load.js';
import { quoteIdent, quoteLiteral } from './duckdb-types.js';

const SYSTEM_SCHEMAS = "('information_schema', 'pg_catalog')";

/**
 * The embedded warehouse: one DuckDB file (or ':memory:'). Databases are DuckDB schemas. One process may
 * hold the file; stores opened on the same path inside that process share it (see duckdb-instances.ts).
 */
export interface DuckDbOptions {
  /** DuckDB memory_limit, e.g. '256MB' (default 32MB; a load raises it for wide tables, see memoryNeededFor). */
  readonly memoryLimit?: string;
  /** Where DuckDB spills; default: `<warehouse file>.tmp` beside the file. */
  readonly tempDirectory?: string;
  /** DuckDB's worker threads for queries (default: DuckDB's own, one per core). The first store opened on a file sets it. */
  readonly threads?: number;
  /**
   * DuckDB's threads while a load is open (default 1, DEFAULT_LOAD_THREADS: the import's parse threads use the cores,
   * and a second DuckDB thread made loads slower on 2 cores). Set on the instance when the first load begins and
   * undone when the last one ends.
   */
  readonly loadThreads?: number;
}

export class DuckDbTableStore implements TableStore {
  /** Known before the file is opened (see LazyTableStore). */
  static readonly CAPABILITIES: TableStoreCapabilities = DUCKDB_CAPABILITIES;
  readonly capabilities: TableStoreCapabilities = DuckDbTableStore.CAPABILITIES;
  private readonly loads = new Set<DuckDBConnection>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly release: () => void,
    private readonly memory: MemoryLimit,
    private readonly loadThreads: LoadThreads,
  ) {}

  /**
   * Opens or creates the warehouse at `path` (':memory:' for a private in-memory one). DuckDB's buffers are held to
   * `memoryLimit` and spill to `tempDirectory`, so an import's memory does not grow with the file (DuckDB's own
   * default limit is 80% of RAM).
   */
  static async open(path: string, options: DuckDbOptions = {}): Promise<DuckDbTableStore> {
    const { instance, release, memory, loadThreads } = await acquireInstance(path, options);
    try {
      return new DuckDbTableStore(instance, await instance.connect(), release, memory, loadThreads);
    } catch (cause) {
      release();
      throw new ImportError('TABLE_STORE', `cannot connect to the warehouse ${path}: ${String(cause)}`, { cause });
    }
  }

  listDatabases(): Promise<string[]> {
    return this.serial(async () => {
      const reader = await this.conn.runAndReadAll(
        `SELECT schema_name FROM duckdb_schemas() s WHERE database_name = current_database() AND NOT internal
           AND schema_name NOT IN ${SYSTEM_SCHEMAS}
           AND (schema_name <> 'main' OR EXISTS (SELECT 1 FROM duckdb_tables() t WHERE t.database_name = s.database_name AND t.schema_name = 'main'))
         ORDER BY schema_name`,
      );
      return reader.getRows().map((row) => String(row[0]));
    });
  }

  createDatabase(database: string, options: { ifNotExists?: boolean } = {}): Promise<void> {
    return this.serial(async () => {
      validateName('database', database);
      if (await this.databaseExists(database)) {
        if (options.ifNotExists === true) return;
        throw new ImportError('ALREADY_EXISTS', `database ${database} already exists: choose another name or pass ifNotExists`, { details: { database } });
      }
      await this.conn.run(`CREATE SCHEMA ${quoteIdent(database)}`);
    });
  }

  deleteDatabase(database: string): Promise<void> {
    return this.serial(async () => {
      if (!(await this.databaseExists(database))) throw missingDatabase(database);
      await this.conn.run(`DROP SCHEMA ${quoteIdent(database)} CASCADE`);
    });
  }

  listTables(database?: string): Promise<TableRef[]> {
    return this.serial(async () => {
      const filter = database === undefined ? '' : `AND schema_name = ${quoteLiteral(database)}`;
      const reader = await this.conn.runAndReadAll(
        `SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary AND NOT internal ${filter}
         ORDER BY schema_name, table_name`,
      );
      return reader.getRows().map(([db, table]) => ({ database: String(db), table: String(table) }));
    });
  }

  createTable(ref: TableRef, options: { ifNotExists?: boolean } = {}): Promise<void> {
    return this.serial(async () => {
      validateName('database', ref.database);
      validateName('table', ref.table);
      if (!(await this.databaseExists(ref.database))) throw missingDatabase(ref.database);
      if ((await readColumns(this.conn, ref)) !== undefined) {
        if (options.ifNotExists === true) return;
        throw new ImportError('ALREADY_EXISTS', `table ${ref.database}.${ref.table} already exists: choose another name, or append/replace into it`, { details: { ...ref } });
      }
      await this.conn.run(`CREATE TABLE ${target(ref)} ("time" BIGINT)`);
    });
  }

  describeTable(ref: TableRef): Promise<TableDescription | undefined> {
    return this.serial(async () => {
      const columns = await readColumns(this.conn, ref);
      if (columns === undefined) return undefined;
      const count = (await this.conn.runAndReadAll(`SELECT count(*) FROM ${target(ref)}`)).getRows()[0]?.[0];
      return { ...ref, columns: columns.map(presentColumn), rowCount: Number(count ?? 0) };
    });
  }

  deleteTable(ref: TableRef): Promise<void> {
    return this.serial(async () => {
      if ((await readColumns(this.conn, ref)) === undefined) throw tableNotFound(ref);
      await this.conn.run(`DROP TABLE ${target(ref)}`);
    });
  }

  tail(ref: TableRef, limit: number): Promise<TailResult> {
    return this.serial(async () => {
      const columns = await readColumns(this.conn, ref);
      if (columns === undefined) throw tableNotFound(ref);
      return tailRows(this.conn, ref, columns, limit);
    });
  }

  async beginLoad(ref: TableRef, mode: LoadMode): Promise<TableLoad> {
    const columns = await this.serial(() => readColumns(this.conn, ref));
    if (columns === undefined) throw tableNotFound(ref);
    await this.loadThreads.enter();
    let conn: DuckDBConnection;
    try {
      conn = await this.instance.connect();
    } catch (cause) {
      await this.loadThreads.leave();
      throw cause;
    }
    this.loads.add(conn);
    const finished = async (): Promise<void> => {
      if (this.loads.delete(conn)) await this.loadThreads.leave();
    };
    return new DuckDbTableLoad(conn, ref, mode, columns, finished, (count) => this.raiseMemoryLimitFor(count));
  }

  /** Closes this store; loads still open are abandoned (their staged rows vanish, tables stay as they were). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    // Taken out of the set first: a load that finishes meanwhile then leaves LoadThreads no second time.
    const abandoned = [...this.loads];
    this.loads.clear();
    for (const conn of abandoned) {
      conn.closeSync();
      await this.loadThreads.leave();
    }
    this.conn.closeSync();
    this.release();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /**
   * Raises the instance's memory_limit (never lowers it) to what a load into `columns` columns needs
   * (memoryNeededFor). A limit is a cap, not a reservation: narrow tables stay at the configured one.
   */
  private async raiseMemoryLimitFor(columns: number): Promise<void> {
    const needed = memoryNeededFor(columns);
    if (needed <= this.memory.bytes) return;
    this.memory.bytes = needed;
    const conn = await this.instance.connect();
    try {
      await conn.run(`SET memory_limit = '${Math.ceil(needed / (1024 * 1024))}MiB'`);
    } finally {
      conn.closeSync();
    }
  }

  private async databaseExists(database: string): Promise<boolean> {
    const reader = await this.conn.runAndReadAll(
      `SELECT 1 FROM duckdb_schemas() WHERE database_name = current_database() AND schema_name = ${quoteLiteral(database)}`,
    );
    return reader.getRows().length > 0;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new ImportError('TABLE_STORE', 'the warehouse is closed: open it again');
      return task();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function target(ref: TableRef): string {
  return `${quoteIdent(ref.database)}.${quoteIdent(ref.table)}`;
}

function missingDatabase(database: string): ImportError {
  return new ImportError('NOT_FOUND', `database ${database} does not exist: create it first`, { details: { database } });
}

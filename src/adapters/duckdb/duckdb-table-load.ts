import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { ImportError, isImportError } from '../../domain/errors.js';
import type { Column, RecordBatch } from '../../domain/model/record-batch.js';
import type { LoadMode, LoadReport, TableLoad, TableRef } from '../../ports/table-store.js';
import { newColumns, readColumns, tableNotFound, type StoredColumn } from './duckdb-columns.js';
import { writeBatchToAppender } from './duckdb-chunk-writer.js';
import { DUCKDB_TYPE_OF, quoteIdent } from './duckdb-types.js';

const STAGING = 'temp.main.s3_import_staging';

function storeError(ref: TableRef, action: string, cause: unknown): ImportError {
  if (isImportError(cause)) return cause;
  const text = cause instanceof Error ? cause.message : String(cause);
  const retryable = /conflict/i.test(text);
  return new ImportError('TABLE_STORE', `${action} into ${ref.database}.${ref.table} failed, the table is unchanged${retryable ? ' (another load changed it at the same time: run the import again)' : ''}: ${text}`, { cause, retryable });
}

/**
 * A load staged in a TEMP table of its own connection: invisible to every other connection, spilled to
 * DuckDB's temp directory under memory pressure, gone after a crash. commit() moves it into the target in
 * one transaction (ALTER for new columns, DELETE for replace, INSERT ... SELECT), so readers see the old
 * rows or the new ones, never a part.
 */
export class DuckDbTableLoad implements TableLoad {
  private readonly staged: Column[] = [];
  private appender: DuckDBAppender | undefined;
  private finished = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly ref: TableRef,
    private readonly mode: LoadMode,
    private readonly tableColumns: readonly StoredColumn[],
    private readonly onFinish: () => void,
  ) {}

  write(batch: RecordBatch): Promise<void> {
    return this.serial(async () => {
      newColumns(this.ref, this.tableColumns, batch.columns);
      const staged = this.staged.map((c) => ({ name: c.name, duckDbType: DUCKDB_TYPE_OF[c.type], type: c.type }));
      const fresh = newColumns(this.ref, staged, batch.columns);
      if (fresh.length > 0) await this.widenStaging(fresh);
      if (batch.length > 0 && this.appender !== undefined) writeBatchToAppender(this.appender, batch, this.staged);
    });
  }

  commit(): Promise<LoadReport> {
    return this.serial(async () => {
      try {
        this.closeAppender();
        await this.conn.run('BEGIN TRANSACTION');
        const current = await readColumns(this.conn, this.ref);
        if (current === undefined) throw tableNotFound(this.ref);
        const added = newColumns(this.ref, current, this.staged);
        const target = `${quoteIdent(this.ref.database)}.${quoteIdent(this.ref.table)}`;
        for (const column of added) await this.conn.run(`ALTER TABLE ${target} ADD COLUMN ${quoteIdent(column.name)} ${DUCKDB_TYPE_OF[column.type]}`);
        if (this.mode === 'replace') await this.conn.run(`DELETE FROM ${target}`);
        let rows = 0;
        if (this.staged.length > 0) {
          const names = this.staged.map((c) => quoteIdent(c.name)).join(', ');
          const result = await this.conn.run(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${STAGING}`);
          rows = Number((await result.getRowsJS())[0]?.[0] ?? 0);
        }
        await this.conn.run('COMMIT');
        return { rows, addedColumns: added };
      } catch (cause) {
        await this.conn.run('ROLLBACK').catch(() => undefined);
        throw storeError(this.ref, `the ${this.mode} load`, cause);
      } finally {
        await this.finish();
      }
    });
  }

  abort(): Promise<void> {
    return this.serial(async () => {
      this.appender?.clear();
      await this.finish();
    });
  }

  private async widenStaging(fresh: readonly Column[]): Promise<void> {
    this.closeAppender();
    const defs = fresh.map((c) => `${quoteIdent(c.name)} ${DUCKDB_TYPE_OF[c.type]}`);
    if (this.staged.length === 0) await this.conn.run(`CREATE TEMP TABLE s3_import_staging (${defs.join(', ')})`);
    else for (const def of defs) await this.conn.run(`ALTER TABLE ${STAGING} ADD COLUMN ${def}`);
    this.staged.push(...fresh);
    this.appender = await this.conn.createAppender('s3_import_staging', 'main', 'temp');
  }

  private closeAppender(): void {
    const appender = this.appender;
    this.appender = undefined;
    appender?.closeSync();
  }

  private async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    try {
      this.appender?.closeSync();
    } catch {
      // The staging table is dropped with the connection below; a failed flush loses nothing committed.
    }
    this.appender = undefined;
    this.conn.closeSync();
    this.onFinish();
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.finished) throw new ImportError('TABLE_STORE', `the load into ${this.ref.database}.${this.ref.table} is already committed or aborted: start a new load`);
      return task();
    });
    this.queue = run.catch(() => undefined);
    return run.catch((cause: unknown) => { throw storeError(this.ref, `the ${this.mode} load`, cause); });
  }
}

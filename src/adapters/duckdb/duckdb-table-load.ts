import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { ImportError, isImportError } from '../../domain/errors.js';
import type { Column, RecordBatch } from '../../domain/model/record-batch.js';
import type { LoadMode, LoadReport, TableLoad, TableRef } from '../../ports/table-store.js';
import { newColumns, readColumns, tableNotFound, type StoredColumn } from './duckdb-columns.js';
import { writeBatchToAppender } from './duckdb-chunk-writer.js';
import { DUCKDB_TYPE_OF, quoteIdent } from './duckdb-types.js';

/** Staging lives in a schema no database name can take (TD names are [a-z0-9_]). */
export const STAGING_SCHEMA = 's3_import$staging';

function storeError(ref: TableRef, action: string, cause: unknown): ImportError {
  if (isImportError(cause)) return cause;
  const text = cause instanceof Error ? cause.message : String(cause);
  const retryable = /conflict/i.test(text);
  return new ImportError('TABLE_STORE', `${action} into ${ref.database}.${ref.table} failed, the table is unchanged${retryable ? ' (another load changed it at the same time: run the import again)' : ''}: ${text}`, { cause, retryable });
}

/**
 * A load staged in a table of its own in the hidden staging schema. The appender's flushes go to the database
 * file through DuckDB's buffer manager, so memory stays bounded whatever the file size (a TEMP table was kept in
 * RAM: a 1 GB file peaked at 1.9 GB). The target is untouched until commit() moves the rows in one transaction
 * (ALTER for new columns, DELETE for replace, INSERT ... SELECT, DROP staging), so readers see the old rows or
 * the new ones, never a part. abort() drops the staging table; a crash leaves it behind, and the next open of
 * the file drops it (see duckdb-instances.ts).
 */
export class DuckDbTableLoad implements TableLoad {
  private readonly staged: Column[] = [];
  private readonly stagingName = `load_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
  private readonly staging = `${quoteIdent(STAGING_SCHEMA)}.${quoteIdent(this.stagingName)}`;
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
          const result = await this.conn.run(`INSERT INTO ${target} (${names}) SELECT ${names} FROM ${this.staging}`);
          rows = Number((await result.getRowsJS())[0]?.[0] ?? 0);
        }
        if (this.staged.length > 0) await this.conn.run(`DROP TABLE ${this.staging}`);
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
    if (this.staged.length === 0) {
      await this.conn.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(STAGING_SCHEMA)}`);
      await this.conn.run(`CREATE TABLE ${this.staging} (${defs.join(', ')})`);
    } else for (const def of defs) await this.conn.run(`ALTER TABLE ${this.staging} ADD COLUMN ${def}`);
    this.staged.push(...fresh);
    this.appender = await this.conn.createAppender(this.stagingName, STAGING_SCHEMA);
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
      // A failed flush of staged rows loses nothing committed: the staging table is dropped next.
    }
    this.appender = undefined;
    if (this.staged.length > 0) await this.conn.run(`DROP TABLE IF EXISTS ${this.staging}`).catch(() => undefined);
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

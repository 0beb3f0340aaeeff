import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { ImportError, isImportError } from '../../domain/errors.js';
import type { Column, RecordBatch } from '../../domain/model/record-batch.js';
import type { LoadMode, LoadReport, TableLoad, TableRef } from '../../ports/table-store.js';
import { newColumns, readColumns, sameColumns, tableNotFound, type StoredColumn } from './duckdb-columns.js';
import { DuckDbChunkWriter } from './duckdb-chunk-writer.js';
import { releasePacked } from '../../domain/model/packed-batch.js';
import { DUCKDB_TYPE_OF, quoteIdent } from './duckdb-types.js';

function storeError(ref: TableRef, action: string, cause: unknown): ImportError {
  if (isImportError(cause)) return cause;
  const text = cause instanceof Error ? cause.message : String(cause);
  const retryable = /conflict/i.test(text);
  return new ImportError('TABLE_STORE', `${action} into ${ref.database}.${ref.table} failed, the table is unchanged${retryable ? ' (another load changed it at the same time: run the import again)' : ''}: ${text}`, { cause, retryable });
}

/**
 * A load appended straight into the target inside one transaction of its own connection. DuckDB's MVCC keeps
 * the rows invisible to every other connection until COMMIT, and large uncommitted appends are written to the
 * database file as they fill row groups, so memory stays bounded. commit() is a plain COMMIT (no copy of the
 * rows: the staging-table design copied everything once more, and that copy was the memory peak: 1 GB CSV
 * 320 MB / 32.5 s staged vs 262-277 MB / 25 s direct, docs/decisions/warehouse.md); abort()
 * and a crash (kill -9) roll everything back, ALTERs and DELETE of a replace included, so readers see the old
 * rows or the new ones, never a part.
 */
export class DuckDbTableLoad implements TableLoad {
  private columns: StoredColumn[] | undefined;
  private readonly added: Column[] = [];
  private appender: DuckDBAppender | undefined;
  private writer: DuckDbChunkWriter | undefined;
  /** Batch columns already checked against the table (newColumns), and the appender's columns. */
  private checked: readonly Column[] | undefined;
  private appenderTarget: Column[] | undefined;
  private rows = 0;
  private finished = false;
  /** commit() failed and rolled back: a later abort() (the caller's cleanup) has nothing left to do. */
  private commitFailed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly target: string;

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly ref: TableRef,
    private readonly mode: LoadMode,
    tableColumns: readonly StoredColumn[],
    /** Called once when the load ends (committed, aborted or failed): the store's bookkeeping. */
    private readonly onFinish: () => Promise<void> | void,
    /** Raises DuckDB's memory_limit to what appending `columns` columns needs (DuckDbTableStore). */
    private readonly ensureMemoryFor: (columns: number) => Promise<void> = async () => undefined,
  ) {
    // Read again inside the transaction (begin): another load may have added columns since.
    void tableColumns;
    this.target = `${quoteIdent(ref.database)}.${quoteIdent(ref.table)}`;
  }

  write(batch: RecordBatch): Promise<void> {
    return this.serial(async () => {
      const columns = await this.begin();
      // Batches of one job usually share their columns: checked once, not per batch.
      if (this.checked === undefined || !sameColumns(this.checked, batch.columns)) {
        const fresh = newColumns(this.ref, columns, batch.columns);
        if (fresh.length > 0) await this.addColumns(fresh);
        this.checked = batch.columns;
      }
      if (batch.length === 0) return;
      if (this.appender === undefined) {
        await this.ensureMemoryFor(this.columns!.length);
        this.appender = await this.conn.createAppender(this.ref.table, this.ref.database);
        this.writer = new DuckDbChunkWriter(this.appender);
      }
      this.writer!.write(batch, this.appenderColumns());
      this.rows += batch.length;
      // Its cells are in DuckDB now: a batch the parser packed on this thread gives its buffer back for the next one.
      releasePacked(batch);
    });
  }

  commit(): Promise<LoadReport> {
    return this.serial(async () => {
      try {
        await this.begin();
        this.closeAppender();
        await this.conn.run('COMMIT');
        this.columns = undefined;
        return { rows: this.rows, addedColumns: [...this.added] };
      } catch (cause) {
        this.commitFailed = true;
        await this.conn.run('ROLLBACK').catch(() => undefined);
        throw storeError(this.ref, `the ${this.mode} load`, cause);
      } finally {
        await this.finish();
      }
    });
  }

  abort(): Promise<void> {
    if (this.commitFailed) return Promise.resolve();
    return this.serial(async () => {
      this.appender?.clear();
      await this.finish();
    });
  }

  /** Opens the transaction on first use: current columns, and the DELETE of a replace. */
  private async begin(): Promise<StoredColumn[]> {
    if (this.columns !== undefined) return this.columns;
    await this.conn.run('BEGIN TRANSACTION');
    const current = await readColumns(this.conn, this.ref);
    if (current === undefined) throw tableNotFound(this.ref);
    if (this.mode === 'replace') await this.conn.run(`DELETE FROM ${this.target}`);
    this.columns = current;
    this.appenderTarget = undefined;
    return current;
  }

  private async addColumns(fresh: readonly Column[]): Promise<void> {
    this.closeAppender();
    for (const column of fresh) await this.conn.run(`ALTER TABLE ${this.target} ADD COLUMN ${quoteIdent(column.name)} ${DUCKDB_TYPE_OF[column.type]}`);
    this.added.push(...fresh);
    this.columns = [...this.columns!, ...fresh.map((c) => ({ name: c.name, duckDbType: DUCKDB_TYPE_OF[c.type], type: c.type }))];
    this.appenderTarget = undefined;
  }

  /** The table's columns in order for the chunk writer; columns outside the model (added by hand) get NULL. */
  private appenderColumns(): Column[] {
    return (this.appenderTarget ??= this.columns!.map((c) => ({ name: c.type === undefined ? `\u0000${c.name}` : c.name, type: c.type ?? 'string' })));
  }

  private closeAppender(): void {
    const appender = this.appender;
    this.appender = undefined;
    this.writer = undefined;
    appender?.closeSync();
  }

  private async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    try {
      this.appender?.clear();
      this.appender?.closeSync();
    } catch {
      // Rows not yet flushed belong to the transaction rolled back below: nothing committed is lost.
    }
    this.appender = undefined;
    if (this.columns !== undefined) await this.conn.run('ROLLBACK').catch(() => undefined);
    this.conn.closeSync();
    await this.onFinish();
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

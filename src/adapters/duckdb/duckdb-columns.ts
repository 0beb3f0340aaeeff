import type { DuckDBConnection } from '@duckdb/node-api';
import { ImportError } from '../../domain/errors.js';
import type { Column } from '../../domain/model/record-batch.js';
import type { TableRef } from '../../ports/table-store.js';
import { columnTypeOf, quoteLiteral } from './duckdb-types.js';

/** A table column as DuckDB stores it; `type` is undefined for DuckDB types outside the model. */
export interface StoredColumn {
  readonly name: string;
  readonly duckDbType: string;
  readonly type: Column['type'] | undefined;
}

/** The table's columns in order, or undefined when it does not exist. */
export async function readColumns(conn: DuckDBConnection, ref: TableRef): Promise<StoredColumn[] | undefined> {
  const reader = await conn.runAndReadAll(
    `SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database()
       AND schema_name = ${quoteLiteral(ref.database)} AND table_name = ${quoteLiteral(ref.table)} AND NOT internal
     ORDER BY column_index`,
  );
  const rows = reader.getRows();
  if (rows.length === 0) return undefined;
  return rows.map(([name, duckDbType]) => ({ name: String(name), duckDbType: String(duckDbType), type: columnTypeOf(String(duckDbType)) }));
}

export function tableNotFound(ref: TableRef): ImportError {
  return new ImportError('TABLE_NOT_FOUND', `table ${ref.database}.${ref.table} does not exist: create it first (or use auto-create)`, { details: { ...ref } });
}

/**
 * Checks incoming columns against known ones (matched case-insensitively, as DuckDB names are) and returns
 * those not yet known. Throws SCHEMA_CONFLICT naming the column, the table's type and the incoming type.
 */
export function newColumns(ref: TableRef, known: readonly StoredColumn[], incoming: readonly Column[]): Column[] {
  const byName = new Map(known.map((c) => [c.name.toLowerCase(), c]));
  const added: Column[] = [];
  const seen = new Map<string, string>();
  for (const column of incoming) {
    const key = column.name.toLowerCase();
    const twin = seen.get(key);
    if (twin !== undefined) {
      throw new ImportError('SCHEMA_CONFLICT', `columns "${twin}" and "${column.name}" differ only in letter case, which DuckDB treats as one column: rename one of them (rename filter)`, { details: { column: column.name } });
    }
    seen.set(key, column.name);
    const existing = byName.get(key);
    if (existing === undefined) added.push(column);
    else if (existing.type !== column.type) {
      const tableType = existing.type ?? existing.duckDbType;
      throw new ImportError('SCHEMA_CONFLICT', `column "${column.name}" of ${ref.database}.${ref.table} is ${tableType} (${existing.duckDbType}) but the import brings ${column.type}: set the column's type to ${tableType} in the parser's columns, rename it, or drop the table's column`, { details: { ...ref, column: column.name, tableType, incomingType: column.type } });
    }
  }
  return added;
}

/** Same names and types in the same order (batches from a worker carry a fresh copy of their columns). */
export function sameColumns(a: readonly Column[], b: readonly Column[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.name !== b[i]!.name || a[i]!.type !== b[i]!.type) return false;
  return true;
}

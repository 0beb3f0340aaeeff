import type { DuckDBConnection } from '@duckdb/node-api';
import { parseJsonExact } from '../../domain/model/json-text.js';
import type { Column, Value } from '../../domain/model/record-batch.js';
import type { TableRef, TailResult } from '../../ports/table-store.js';
import type { StoredColumn } from './duckdb-columns.js';
import { quoteIdent } from './duckdb-types.js';

function selectExpression(column: StoredColumn): string {
  const name = quoteIdent(column.name);
  if (column.type === 'timestamp') return `epoch_ms(${name})`;
  if (column.type === 'long' || column.type === 'double' || column.type === 'boolean') return name;
  return `CAST(${name} AS VARCHAR)`;
}

function toValue(column: StoredColumn, raw: unknown): Value {
  if (raw === null || raw === undefined) return null;
  switch (column.type) {
    case 'long':
      if (typeof raw === 'bigint') return Number.isSafeInteger(Number(raw)) ? Number(raw) : raw;
      return Number(raw);
    case 'timestamp':
      return new Date(Number(raw));
    case 'json':
      return parseJsonExact(String(raw));
    case 'double':
    case 'boolean':
      return raw as number | boolean;
    default:
      return String(raw);
  }
}

/** The presented column of a stored one: types outside the model are shown as strings. */
export function presentColumn(column: StoredColumn): Column {
  return { name: column.name, type: column.type ?? 'string' };
}

/**
 * The last `limit` rows in insertion order: DuckDB's rowid grows with appends, and a replace re-inserts
 * in load order, so ORDER BY rowid is insertion order.
 */
export async function tailRows(conn: DuckDBConnection, ref: TableRef, columns: readonly StoredColumn[], limit: number): Promise<TailResult> {
  const target = `${quoteIdent(ref.database)}.${quoteIdent(ref.table)}`;
  const reader = await conn.runAndReadAll(
    `SELECT ${columns.map(selectExpression).join(', ')} FROM ${target} ORDER BY rowid DESC LIMIT ${Math.max(0, Math.floor(limit))}`,
  );
  const rows = reader.getRows().reverse().map((row) => row.map((raw, i) => toValue(columns[i]!, raw)));
  return { columns: columns.map(presentColumn), rows };
}

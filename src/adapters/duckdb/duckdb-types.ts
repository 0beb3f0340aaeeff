import type { ColumnType } from '../../domain/model/record-batch.js';

/**
 * Column type -> DuckDB type. Timestamps are TIMESTAMPTZ: an instant, like a JS Date, so no reader can
 * misread it in another zone (a naive TIMESTAMP would need a convention that SQL users can forget).
 */
export const DUCKDB_TYPE_OF: Readonly<Record<ColumnType, string>> = {
  boolean: 'BOOLEAN',
  long: 'BIGINT',
  double: 'DOUBLE',
  string: 'VARCHAR',
  timestamp: 'TIMESTAMPTZ',
  json: 'JSON',
};

const COLUMN_TYPE_OF: Readonly<Record<string, ColumnType>> = {
  BOOLEAN: 'boolean',
  TINYINT: 'long',
  SMALLINT: 'long',
  INTEGER: 'long',
  BIGINT: 'long',
  UTINYINT: 'long',
  USMALLINT: 'long',
  UINTEGER: 'long',
  FLOAT: 'double',
  DOUBLE: 'double',
  VARCHAR: 'string',
  TIMESTAMP: 'timestamp',
  'TIMESTAMP WITH TIME ZONE': 'timestamp',
  TIMESTAMP_MS: 'timestamp',
  TIMESTAMP_S: 'timestamp',
  JSON: 'json',
};

/**
 * The column type a DuckDB column presents as, or undefined for types outside the model (DATE, LIST,
 * DECIMAL... added by hand): those are shown and tailed as strings and refuse incoming columns.
 */
export function columnTypeOf(duckDbType: string): ColumnType | undefined {
  return COLUMN_TYPE_OF[duckDbType];
}

/** Quotes an identifier for DuckDB SQL: any name (spaces, quotes, unicode) becomes one identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for DuckDB SQL. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

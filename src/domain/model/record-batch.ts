/** Column types of the reference (Embulk): what a parser produces and a table stores. */
export const COLUMN_TYPES = ['boolean', 'long', 'double', 'string', 'timestamp', 'json'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
}

/** A JSON value as parsed by JSON.parse. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * One cell. By column type:
 * - boolean: boolean
 * - long: number when it is a safe integer, else bigint
 * - double: number
 * - string: string
 * - timestamp: Date (millisecond precision; see docs/decisions.md)
 * - json: JsonValue (never undefined)
 * NULL is null for every type.
 */
export type Value = null | boolean | number | bigint | string | Date | JsonValue;

/**
 * Data moves in columnar batches (Embulk's "pages"): one array per column, all of `length` entries.
 * Columnar keeps filters cheap (dropping a column drops an array) and feeds column-oriented stores directly.
 */
export interface RecordBatch {
  readonly columns: readonly Column[];
  readonly vectors: readonly Value[][];
  readonly length: number;
}

export function emptyBatch(columns: readonly Column[]): RecordBatch {
  return { columns, vectors: columns.map(() => []), length: 0 };
}

/** Reads one row out of a columnar batch (for previews, tails and tests; not for hot paths). */
export function batchRow(batch: RecordBatch, index: number): Value[] {
  return batch.vectors.map((vector) => vector[index] ?? null);
}

export function batchRows(batch: RecordBatch): Value[][] {
  const rows: Value[][] = [];
  for (let i = 0; i < batch.length; i++) rows.push(batchRow(batch, i));
  return rows;
}

/** Builds a batch from rows (tests, small results). */
export function batchFromRows(columns: readonly Column[], rows: readonly (readonly Value[])[]): RecordBatch {
  const vectors: Value[][] = columns.map(() => []);
  for (const row of rows) {
    for (let c = 0; c < columns.length; c++) vectors[c]!.push(row[c] ?? null);
  }
  return { columns, vectors, length: rows.length };
}

/** Column types of the reference (Embulk): what a parser produces and a table stores. */
export const COLUMN_TYPES = ['boolean', 'long', 'double', 'string', 'timestamp', 'json'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
}

/** A JSON value; integers past 2^53 are bigint (exact), see src/domain/model/json-text.ts. */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * One cell. By column type:
 * - boolean: boolean
 * - long: number when it is a safe integer, else bigint
 * - double: number
 * - string: string
 * - timestamp: Date (millisecond precision; see docs/decisions.md)
 * - json: JsonValue (never undefined; integers past 2^53 inside it are bigint: write it as text with stringifyJson)
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
  /**
   * The same cells in flat buffers (src/domain/model/packed-batch.ts), when the batch came packed: the CSV parser
   * writes its cells there directly, a parse worker sends its batches so. `vectors` are then decoded from it on
   * first access. Whoever builds a new batch from `vectors` leaves it out.
   */
  readonly packed?: PackedBatch;
  /**
   * `packed` belongs to this batch alone (a parser on this thread packed it): a store may move its buffers to
   * another thread, after which they are empty. Unset when they are borrowed, as a parse worker's are (they go
   * back to that worker once the batch is consumed), or when there is no `packed`.
   */
  readonly packedTransferable?: boolean;
}

/**
 * A RecordBatch laid out in flat little-endian buffers, one per column: what a parse worker hands to the main
 * thread (the buffers are transferred, not copied) and what a columnar store can copy in bulk.
 *
 * Per column type, `data` holds one slot per row:
 * - boolean: 1 byte, 0 or 1
 * - long: int64
 * - double: float64
 * - timestamp: int64 microseconds since the Unix epoch
 * - string, json (the JSON text): a 16-byte string view, as in Arrow's Utf8View and DuckDB's string_t: a uint32
 *   UTF-8 byte length, then the bytes themselves zero-padded when they fit in 12, else 4 zero bytes and a
 *   uint32 index into `long` (the string itself, kept as a JS string) or, with `longUtf8`, the entry's number.
 * `validity` is a bitmap (bit r of byte r>>3, least significant first; 1 = present), padded to whole 8-byte
 * words, or null when no cell is NULL. A NULL cell's slot is zero. `long` lists long strings in row order.
 */
export interface PackedColumn {
  readonly data: Uint8Array;
  readonly validity: Uint8Array | null;
  readonly long: readonly string[] | null;
  /** Row index of each entry of `long`, ascending. */
  readonly longRows: Int32Array | null;
  /**
   * The long strings as UTF-8 instead, one after the other (then `long` is null): how batches cross threads (from a
   * parse worker, to the warehouse thread), whose receiver copies the bytes into DuckDB without building JS strings.
   * Parsers write them so from the start when asked (ParseContext.longStringsAsUtf8); withLongStringsAsUtf8
   * converts other batches.
   */
  readonly longUtf8?: Uint8Array | null;
}

export interface PackedBatch {
  readonly columns: readonly Column[];
  readonly length: number;
  readonly packed: readonly PackedColumn[];
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

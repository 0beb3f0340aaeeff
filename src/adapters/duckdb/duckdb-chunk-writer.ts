import bindings from '@duckdb/node-bindings';
import type { Vector } from '@duckdb/node-bindings';
import {
  DuckDBDataChunk, DuckDBTimestampMillisecondsValue, DuckDBTimestampSecondsValue, DuckDBTimestampTZValue, DuckDBTimestampValue,
  DuckDBTypeId, DuckDBVector,
} from '@duckdb/node-api';
import type { DuckDBAppender, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { ImportError } from '../../domain/errors.js';
import { stringifyJson } from '../../domain/model/json-text.js';
import type { Column, ColumnType, JsonValue, PackedBatch, PackedColumn, RecordBatch, Value } from '../../domain/model/record-batch.js';
import { packBatch, PACKED_WIDTH } from '../../domain/model/packed-batch.js';
import { sameColumns } from './duckdb-columns.js';

const CHUNK_ROWS = DuckDBVector.standardSize();
/** Bytes appended (roughly, see approximateBytes) after which the appender hands its rows to the table. */
const FLUSH_BYTES = 4 * 1024 * 1024;
const encoder = new TextEncoder();

function wrongValue(type: ColumnType, value: Value): ImportError {
  return new ImportError('TABLE_STORE', `a ${type} column received a ${typeof value} value; the batch breaks the Value contract (src/domain/model/record-batch.ts)`);
}
/**
 * Whether a table column takes our packed layout of `type` as it is (src/domain/model/packed-batch.ts is DuckDB's
 * own vector format for these types): the column type our types map to, and naive TIMESTAMP (same microseconds).
 */
function copiesPacked(type: ColumnType, target: DuckDBType): boolean {
  switch (target.typeId) {
    case DuckDBTypeId.BOOLEAN: return type === 'boolean';
    case DuckDBTypeId.BIGINT: return type === 'long';
    case DuckDBTypeId.DOUBLE: return type === 'double';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ: return type === 'timestamp';
    case DuckDBTypeId.VARCHAR: return type === 'json' || type === 'string';
    default: return false;
  }
}

/**
 * Cell by cell through node-api's typed vectors: tables created by hand with narrower types (INTEGER, FLOAT,
 * TIMESTAMP_S...) that our column types still map to. Each value is converted to what that vector takes.
 */
function cellValue(type: ColumnType, target: DuckDBType, x: Value): DuckDBValue {
  switch (type) {
    case 'boolean':
      if (typeof x !== 'boolean') throw wrongValue(type, x);
      return x;
    case 'long': {
      if (typeof x !== 'number' && typeof x !== 'bigint') throw wrongValue(type, x);
      const wide = target.typeId === DuckDBTypeId.BIGINT || target.typeId === DuckDBTypeId.UBIGINT || target.typeId === DuckDBTypeId.HUGEINT;
      return wide ? BigInt(x) : Number(x);
    }
    case 'double':
      if (typeof x !== 'number') throw wrongValue(type, x);
      return x;
    case 'timestamp': {
      if (!(x instanceof Date) || Number.isNaN(x.getTime())) throw wrongValue(type, x);
      const ms = BigInt(x.getTime());
      if (target.typeId === DuckDBTypeId.TIMESTAMP_MS) return new DuckDBTimestampMillisecondsValue(ms);
      if (target.typeId === DuckDBTypeId.TIMESTAMP_S) return new DuckDBTimestampSecondsValue(BigInt(Math.floor(x.getTime() / 1000)));
      if (target.typeId === DuckDBTypeId.TIMESTAMP) return new DuckDBTimestampValue(ms * 1000n);
      return new DuckDBTimestampTZValue(ms * 1000n);
    }
    case 'string':
      if (typeof x !== 'string') throw wrongValue(type, x);
      return x;
    case 'json':
      return stringifyJson(x as JsonValue);
  }
}

function writeCells(raw: Vector, type: ColumnType, target: DuckDBType, source: readonly Value[] | undefined, offset: number, rows: number): void {
  // A fresh wrapper per chunk: the chunk is reused, and a DataChunk's cached wrappers keep their first row count.
  const vector = DuckDBVector.create(raw, rows, target) as DuckDBVector<DuckDBValue>;
  for (let r = 0; r < rows; r++) {
    const x = source === undefined ? null : (source[offset + r] ?? null);
    vector.setItem(r, x === null ? null : cellValue(type, target, x));
  }
  vector.flush();
}

/**
 * A packed column (src/domain/model/packed-batch.ts) already is DuckDB's layout: fixed-width slots, 16-byte
 * string views with short strings inline, a validity bitmap. Rows [offset, offset+rows) go in with one copy;
 * long strings are then assigned one by one over their placeholder views.
 */
function copyPacked(vector: Vector, type: ColumnType, column: PackedColumn, offset: number, rows: number, cursor: { long: number; byte: number }): void {
  const width = PACKED_WIDTH[type];
  const { data, validity } = column;
  bindings.copy_data_to_vector(vector, 0, data.buffer as ArrayBuffer, data.byteOffset + offset * width, rows * width);
  if (validity !== null) {
    bindings.vector_ensure_validity_writable(vector);
    bindings.copy_data_to_vector_validity(vector, 0, validity.buffer as ArrayBuffer, validity.byteOffset + offset / 8, Math.ceil(rows / 64) * 8);
  }
  const long = column.long;
  const longRows = column.longRows;
  if (longRows === null) return;
  const end = offset + rows;
  let i = cursor.long;
  if (long === null) {
    // As UTF-8 (from the main thread to the warehouse thread): each string's length is in its view.
    const bytes = column.longUtf8!;
    const lengths = new Uint32Array(data.buffer, data.byteOffset, data.byteLength >>> 2);
    let at = cursor.byte;
    for (; i < longRows.length && longRows[i]! < end; i++) {
      const n = lengths[longRows[i]! * 4]!;
      bindings.vector_assign_string_element_len(vector, longRows[i]! - offset, bytes.subarray(at, at + n));
      at += n;
    }
    cursor.long = i;
    cursor.byte = at;
    return;
  }
  for (; i < longRows.length && longRows[i]! < end; i++) {
    const s = long[i]!;
    if (s.includes('\u0000')) bindings.vector_assign_string_element_len(vector, longRows[i]! - offset, encoder.encode(s));
    else bindings.vector_assign_string_element(vector, longRows[i]! - offset, s);
  }
  cursor.long = i;
}

/** All-NULL validity for a table column the batch lacks. */
const NO_ROWS_VALID = new Uint8Array(CHUNK_ROWS / 8);

function writeNulls(vector: Vector, rows: number): void {
  bindings.vector_ensure_validity_writable(vector);
  bindings.copy_data_to_vector_validity(vector, 0, NO_ROWS_VALID.buffer, 0, Math.ceil(rows / 64) * 8);
}

/**
 * Appends columnar batches through DataChunks of DuckDB's vector size (2048). Batches are packed
 * (src/domain/model/packed-batch.ts: DuckDB's own memory format for our column types, short strings inline) unless
 * a parse worker already did, and each vector is filled with one native copy; only strings longer than 12 bytes
 * cost a call each (bench/duckdb-ingest.ts, docs/decisions/performance.md). Table columns of other types (INTEGER,
 * FLOAT, TIMESTAMP_S... made by hand) are written cell by cell. Batch columns are matched to table columns by
 * name, case-insensitively as DuckDB does; table columns the batch lacks get NULL. Throws TABLE_STORE when a value
 * breaks the Value contract.
 */
export class DuckDbChunkWriter {
  private readonly types: DuckDBType[];
  /**
   * One chunk, reset before each use. A chunk per append freed its native memory only when V8 collected the
   * wrapper, which a main thread that only appends (parsing in workers) rarely does: ~170 MB more peak RSS.
   */
  private readonly chunk: DuckDBDataChunk;
  private readonly vectors: Vector[];
  private cached: { columns: readonly Column[]; target: readonly Column[]; mapping: ColumnMapping[] } | undefined;
  /** Where batches from the main thread are packed: reused, since their bytes are copied before write() returns. */
  private scratch = new ArrayBuffer(0);
  private unflushedBytes = 0;

  constructor(private readonly appender: DuckDBAppender) {
    this.types = Array.from({ length: appender.columnCount }, (_, i) => appender.columnType(i));
    this.chunk = DuckDBDataChunk.create(this.types, CHUNK_ROWS);
    // A reset keeps the chunk's vectors (only their contents go), so their handles are taken once.
    this.vectors = this.types.map((_, c) => bindings.data_chunk_get_vector(this.chunk.chunk, c));
  }

  /** `targetColumns` lists the appender's table columns in order. */
  write(batch: RecordBatch, targetColumns: readonly Column[]): void {
    const mapping = this.mapping(batch.columns, targetColumns);
    const packed = mapping.some((m) => m.copies) ? (batch.packed ?? this.pack(batch)) : undefined;
    const plan = mapping.map(({ column, index, target, copies }) => ({
      column,
      target,
      // Packed columns are copied as they are; `vectors` (decoded lazily from a worker's batch) only for the others.
      packed: copies ? packed!.packed[index] : undefined,
      source: index < 0 || copies ? undefined : batch.vectors[index],
      cursor: { long: 0, byte: 0 },
    }));
    const vectors = this.vectors;
    for (let offset = 0; offset < batch.length; offset += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, batch.length - offset);
      const chunk = this.chunk;
      bindings.data_chunk_reset(chunk.chunk);
      bindings.data_chunk_set_size(chunk.chunk, rows);
      for (let c = 0; c < plan.length; c++) {
        const { column, source, target, packed: columnBytes, cursor } = plan[c]!;
        const vector = vectors[c]!;
        if (columnBytes !== undefined) copyPacked(vector, column.type, columnBytes, offset, rows, cursor);
        else if (source === undefined) writeNulls(vector, rows);
        else writeCells(vector, column.type, target, source, offset, rows);
      }
      this.appender.appendDataChunk(chunk);
    }
    // DuckDB's appender holds up to 204,800 rows before it moves them into the table (its flush count): with 80
    // string columns that was ~450 MB (a 275 MB CSV peaked at 805 MB; flushed every 4 MB: 343 MB). Narrow rows gain
    // too (the bench's 205 MB CSV: 260-268 -> 232-245 MB) at the same speed.
    this.unflushedBytes += approximateBytes(batch, packed);
    if (this.unflushedBytes >= FLUSH_BYTES) {
      this.appender.flushSync();
      this.unflushedBytes = 0;
    }
  }

  private pack(batch: RecordBatch): PackedBatch {
    try {
      return packBatch(batch, (bytes) => {
        if (this.scratch.byteLength < bytes) this.scratch = new ArrayBuffer(bytes);
        else new Uint8Array(this.scratch, 0, bytes).fill(0);
        return this.scratch;
      });
    } catch (error) {
      if (error instanceof TypeError || error instanceof RangeError) throw new ImportError('TABLE_STORE', error.message, { cause: error });
      throw error;
    }
  }

  /**
   * Which batch column feeds each table column, and how; kept while batches keep the same columns (every batch
   * of a file, and of a job, usually): rebuilding it per batch was a third of the main thread's allocations for
   * 50,000 small files.
   */
  private mapping(columns: readonly Column[], targetColumns: readonly Column[]): ColumnMapping[] {
    const cached = this.cached;
    if (cached !== undefined && cached.target === targetColumns && sameColumns(cached.columns, columns)) return cached.mapping;
    const byName = new Map(columns.map((column, index) => [column.name.toLowerCase(), index]));
    const mapping = targetColumns.map((column, c) => {
      const index = byName.get(column.name.toLowerCase()) ?? -1;
      const target = this.types[c]!;
      return { column, index, target, copies: index >= 0 && columns[index]!.type === column.type && copiesPacked(column.type, target) };
    });
    this.cached = { columns, target: targetColumns, mapping };
    return mapping;
  }
}

/** The batch's size in DuckDB's vectors, roughly: 16 bytes per cell, plus the text of strings stored out of line. */
function approximateBytes(batch: RecordBatch, packed: PackedBatch | undefined): number {
  let bytes = batch.length * batch.columns.length * 16;
  if (packed !== undefined) {
    for (const column of packed.packed) {
      for (const text of column.long ?? []) bytes += text.length;
      bytes += column.longUtf8?.byteLength ?? 0;
    }
  }
  return bytes;
}

interface ColumnMapping {
  readonly column: Column;
  /** The batch column's index, or -1 when the batch lacks it (NULLs). */
  readonly index: number;
  readonly target: DuckDBType;
  /** The batch column's packed bytes go into the table column as they are. */
  readonly copies: boolean;
}

/** One-shot form of DuckDbChunkWriter (tests, benches). */
export function writeBatchToAppender(appender: DuckDBAppender, batch: RecordBatch, targetColumns: readonly Column[]): void {
  new DuckDbChunkWriter(appender).write(batch, targetColumns);
}

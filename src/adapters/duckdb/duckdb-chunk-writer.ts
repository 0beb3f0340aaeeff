import bindings from '@duckdb/node-bindings';
import type { Vector } from '@duckdb/node-bindings';
import {
  DuckDBDataChunk, DuckDBTimestampMillisecondsValue, DuckDBTimestampSecondsValue, DuckDBTimestampTZValue, DuckDBTimestampValue,
  DuckDBTypeId, DuckDBVector,
} from '@duckdb/node-api';
import type { DuckDBAppender, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { ImportError } from '../../domain/errors.js';
import type { Column, ColumnType, PackedColumn, RecordBatch, Value } from '../../domain/model/record-batch.js';
import { PACKED_WIDTH } from '../../domain/model/packed-batch.js';
import { sameColumns } from './duckdb-columns.js';

const CHUNK_ROWS = DuckDBVector.standardSize();
const TWO_32 = 4294967296;
/** duckdb_string_t: 16 bytes, uint32 length then up to 12 inlined bytes (zero padded) or a 4-byte prefix and a pointer. */
const STRING_T = 16;
const INLINE_MAX = 12;

function wrongValue(type: ColumnType, value: Value): ImportError {
  return new ImportError('TABLE_STORE', `a ${type} column received a ${typeof value} value; the batch breaks the Value contract (src/domain/model/record-batch.ts)`);
}

/**
 * Scratch buffers for one chunk, reused for every chunk of a load: one 16-byte slot per row (the widest fixed
 * layout we write, duckdb_string_t) and one validity mask. Typed views share the bytes.
 */
class Scratch {
  readonly bytes = new Uint8Array(CHUNK_ROWS * STRING_T);
  readonly u32 = new Uint32Array(this.bytes.buffer);
  readonly i32 = new Int32Array(this.bytes.buffer);
  readonly f64 = new Float64Array(this.bytes.buffer);
  readonly i64 = new BigInt64Array(this.bytes.buffer);
  readonly validity = new Uint32Array(CHUNK_ROWS / 32);
  private readonly encoder = new TextEncoder();

  /** Writes `s` inline at `slot` when it is at most 12 UTF-8 bytes; returns false (slot untouched) otherwise. */
  inlineString(slot: number, s: string): boolean {
    const n = s.length;
    if (n > INLINE_MAX) return false; // every UTF-16 unit is at least one UTF-8 byte
    const base = slot * STRING_T;
    const bytes = this.bytes;
    for (let i = 0; i < n; i++) {
      const code = s.charCodeAt(i);
      if (code > 0x7f) return this.inlineUtf8(slot, s);
      bytes[base + 4 + i] = code;
    }
    this.u32[slot * 4] = n;
    return true;
  }

  private inlineUtf8(slot: number, s: string): boolean {
    const base = slot * STRING_T;
    const into = this.bytes.subarray(base + 4, base + STRING_T);
    const { read, written } = this.encoder.encodeInto(s, into);
    if (read < s.length) {
      into.fill(0);
      return false;
    }
    into.fill(0, written);
    this.u32[slot * 4] = written;
    return true;
  }
}

/** Writes cells [offset, offset+rows) of one column into `vector` (the scratch validity starts all-valid). */
type ColumnWriter = (scratch: Scratch, vector: Vector, source: readonly Value[], offset: number, rows: number) => void;

/** Marks cell r NULL in the validity mask (which starts all-valid); the mask is copied once per column. */
function setNull(validity: Uint32Array, r: number): void {
  validity[r >>> 5]! &= ~(1 << (r & 31));
}

/** Copies the first `rows` slots of `width` bytes, and the validity mask when a cell was NULL. */
function copyOut(scratch: Scratch, vector: Vector, rows: number, width: number, nulls: boolean): void {
  bindings.copy_data_to_vector(vector, 0, scratch.bytes.buffer, 0, rows * width);
  if (nulls) {
    bindings.vector_ensure_validity_writable(vector);
    bindings.copy_data_to_vector_validity(vector, 0, scratch.validity.buffer, 0, Math.ceil(rows / 64) * 8);
  }
}

function resetValidity(scratch: Scratch): void {
  scratch.validity.fill(0xffffffff);
}

/** Writes the int64 `value` at slot r without allocating a BigInt (exact for safe integers). */
function setInt64(scratch: Scratch, r: number, value: number): void {
  const hi = Math.floor(value / TWO_32);
  scratch.u32[r * 2] = value - hi * TWO_32;
  scratch.i32[r * 2 + 1] = hi;
}

/** Microseconds since the epoch of a millisecond instant, split so no step leaves the exact double range. */
function setMicros(scratch: Scratch, r: number, ms: number): void {
  const msHi = Math.floor(ms / TWO_32);
  const lo = (ms - msHi * TWO_32) * 1000; // < 2^42: exact
  const carry = Math.floor(lo / TWO_32);
  scratch.u32[r * 2] = lo - carry * TWO_32;
  scratch.i32[r * 2 + 1] = msHi * 1000 + carry;
}

const writeBoolean: ColumnWriter = (scratch, vector, source, offset, rows) => {
  let nulls = false;
  const bytes = scratch.bytes;
  for (let r = 0; r < rows; r++) {
    const x = source[offset + r] ?? null;
    if (x === null) { nulls = true; setNull(scratch.validity, r); bytes[r] = 0; continue; }
    if (typeof x !== 'boolean') throw wrongValue('boolean', x);
    bytes[r] = x ? 1 : 0;
  }
  copyOut(scratch, vector, rows, 1, nulls);
};

const writeBigInt: ColumnWriter = (scratch, vector, source, offset, rows) => {
  let nulls = false;
  for (let r = 0; r < rows; r++) {
    const x = source[offset + r] ?? null;
    if (x === null) { nulls = true; setNull(scratch.validity, r); setInt64(scratch, r, 0); continue; }
    if (typeof x === 'number' && Number.isSafeInteger(x)) setInt64(scratch, r, x);
    else if (typeof x === 'bigint') {
      if (BigInt.asIntN(64, x) !== x) throw new ImportError('TABLE_STORE', `the value ${x} is outside the BIGINT range (-2^63 .. 2^63-1)`);
      scratch.i64[r] = x;
    } else if (typeof x === 'number' && Number.isInteger(x)) scratch.i64[r] = BigInt(x);
    else throw wrongValue('long', x);
  }
  copyOut(scratch, vector, rows, 8, nulls);
};

const writeDouble: ColumnWriter = (scratch, vector, source, offset, rows) => {
  let nulls = false;
  const f64 = scratch.f64;
  for (let r = 0; r < rows; r++) {
    const x = source[offset + r] ?? null;
    if (x === null) { nulls = true; setNull(scratch.validity, r); f64[r] = 0; continue; }
    if (typeof x !== 'number') throw wrongValue('double', x);
    f64[r] = x;
  }
  copyOut(scratch, vector, rows, 8, nulls);
};

/** TIMESTAMP and TIMESTAMPTZ share one physical layout: int64 microseconds since the epoch. */
const writeTimestampMicros: ColumnWriter = (scratch, vector, source, offset, rows) => {
  let nulls = false;
  for (let r = 0; r < rows; r++) {
    const x = source[offset + r] ?? null;
    if (x === null) { nulls = true; setNull(scratch.validity, r); setInt64(scratch, r, 0); continue; }
    if (!(x instanceof Date)) throw wrongValue('timestamp', x);
    const ms = x.getTime();
    if (Number.isNaN(ms)) throw wrongValue('timestamp', x);
    setMicros(scratch, r, ms);
  }
  copyOut(scratch, vector, rows, 8, nulls);
};

/**
 * VARCHAR (and JSON, a VARCHAR alias): strings of at most 12 UTF-8 bytes are written inline into the
 * duckdb_string_t slots and copied with the whole vector in one call; longer ones need DuckDB to own their
 * bytes, so each is one native call after that copy. Strings with NUL go through the length-taking call,
 * since the plain one stops at the first NUL.
 */
function stringWriter(text: (x: Value) => string): ColumnWriter {
  return (scratch, vector, source, offset, rows) => {
    let nulls = false;
    let long: number[] | undefined;
    let longText: string[] | undefined;
    scratch.bytes.fill(0, 0, rows * STRING_T);
    for (let r = 0; r < rows; r++) {
      const x = source[offset + r] ?? null;
      if (x === null) { nulls = true; setNull(scratch.validity, r); continue; }
      const s = text(x);
      if (!scratch.inlineString(r, s)) {
        (long ??= []).push(r);
        (longText ??= []).push(s);
      }
    }
    copyOut(scratch, vector, rows, STRING_T, nulls);
    if (long === undefined) return;
    for (let i = 0; i < long.length; i++) {
      const s = longText![i]!;
      if (s.includes('\u0000')) bindings.vector_assign_string_element_len(vector, long[i]!, new TextEncoder().encode(s));
      else bindings.vector_assign_string_element(vector, long[i]!, s);
    }
  };
}

const writeVarchar = stringWriter((x) => {
  if (typeof x !== 'string') throw wrongValue('string', x);
  return x;
});
const writeJson = stringWriter((x) => JSON.stringify(x));

/** Bulk writers by the table column's physical DuckDB type, when it is the one our column type maps to. */
function bulkWriter(type: ColumnType, target: DuckDBType): ColumnWriter | undefined {
  switch (target.typeId) {
    case DuckDBTypeId.BOOLEAN: return type === 'boolean' ? writeBoolean : undefined;
    case DuckDBTypeId.BIGINT: return type === 'long' ? writeBigInt : undefined;
    case DuckDBTypeId.DOUBLE: return type === 'double' ? writeDouble : undefined;
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ: return type === 'timestamp' ? writeTimestampMicros : undefined;
    case DuckDBTypeId.VARCHAR: return type === 'json' ? writeJson : type === 'string' ? writeVarchar : undefined;
    default: return undefined;
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
      return JSON.stringify(x);
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
function copyPacked(vector: Vector, type: ColumnType, column: PackedColumn, offset: number, rows: number, cursor: { long: number }): void {
  const width = PACKED_WIDTH[type];
  const { data, validity } = column;
  bindings.copy_data_to_vector(vector, 0, data.buffer as ArrayBuffer, data.byteOffset + offset * width, rows * width);
  if (validity !== null) {
    bindings.vector_ensure_validity_writable(vector);
    bindings.copy_data_to_vector_validity(vector, 0, validity.buffer as ArrayBuffer, validity.byteOffset + offset / 8, Math.ceil(rows / 64) * 8);
  }
  const long = column.long;
  const longRows = column.longRows;
  if (long === null || longRows === null) return;
  const end = offset + rows;
  let i = cursor.long;
  for (; i < longRows.length && longRows[i]! < end; i++) {
    const s = long[i]!;
    if (s.includes('\u0000')) bindings.vector_assign_string_element_len(vector, longRows[i]! - offset, new TextEncoder().encode(s));
    else bindings.vector_assign_string_element(vector, longRows[i]! - offset, s);
  }
  cursor.long = i;
}

function writeNulls(scratch: Scratch, vector: Vector, rows: number): void {
  scratch.validity.fill(0);
  bindings.vector_ensure_validity_writable(vector);
  bindings.copy_data_to_vector_validity(vector, 0, scratch.validity.buffer, 0, Math.ceil(rows / 64) * 8);
}

/**
 * Appends columnar batches through DataChunks of DuckDB's vector size (2048). Fixed-width columns and short
 * strings are laid out in a reused scratch buffer in DuckDB's own memory format and copied into each vector
 * with one native call; only strings longer than 12 bytes cost a call each (measured in bench/duckdb-ingest.ts
 * and docs/decisions/performance.md). Batch columns are matched to table columns by name, case-insensitively
 * as DuckDB does; table columns the batch lacks get NULL. Throws TABLE_STORE when a value breaks the Value contract.
 */
export class DuckDbChunkWriter {
  private readonly scratch = new Scratch();
  private readonly types: DuckDBType[];
  /**
   * One chunk, reset before each use. A chunk per append freed its native memory only when V8 collected the
   * wrapper, which a main thread that only appends (parsing in workers) rarely does: ~170 MB more peak RSS.
   */
  private readonly chunk: DuckDBDataChunk;
  private readonly vectors: Vector[];
  private cached: { columns: readonly Column[]; target: readonly Column[]; mapping: ColumnMapping[] } | undefined;

  constructor(private readonly appender: DuckDBAppender) {
    this.types = Array.from({ length: appender.columnCount }, (_, i) => appender.columnType(i));
    this.chunk = DuckDBDataChunk.create(this.types, CHUNK_ROWS);
    // A reset keeps the chunk's vectors (only their contents go), so their handles are taken once.
    this.vectors = this.types.map((_, c) => bindings.data_chunk_get_vector(this.chunk.chunk, c));
  }

  /** `targetColumns` lists the appender's table columns in order. */
  write(batch: RecordBatch, targetColumns: readonly Column[]): void {
    const mapping = this.mapping(batch.columns, targetColumns);
    const plan = mapping.map(({ column, index, target, bulk, samePacked }) => {
      // Packed cells go in as they are when their layout is the table column's; `vectors` (decoded lazily
      // from a packed batch) is only touched for the other columns.
      const packed = samePacked ? batch.packed?.packed[index] : undefined;
      const source = index < 0 || packed !== undefined ? undefined : batch.vectors[index];
      return { column, source, target, bulk, packed, cursor: { long: 0 } };
    });
    const scratch = this.scratch;
    const vectors = this.vectors;
    for (let offset = 0; offset < batch.length; offset += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, batch.length - offset);
      const chunk = this.chunk;
      bindings.data_chunk_reset(chunk.chunk);
      bindings.data_chunk_set_size(chunk.chunk, rows);
      for (let c = 0; c < plan.length; c++) {
        const { column, source, target, bulk, packed, cursor } = plan[c]!;
        const vector = vectors[c]!;
        if (packed !== undefined) {
          copyPacked(vector, column.type, packed, offset, rows, cursor);
        } else if (source === undefined) {
          writeNulls(scratch, vector, rows);
        } else if (bulk !== undefined) {
          resetValidity(scratch);
          bulk(scratch, vector, source, offset, rows);
        } else {
          writeCells(vector, column.type, target, source, offset, rows);
        }
      }
      this.appender.appendDataChunk(chunk);
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
      const bulk = index < 0 ? undefined : bulkWriter(column.type, target);
      return { column, index, target, bulk, samePacked: bulk !== undefined && columns[index]!.type === column.type };
    });
    this.cached = { columns, target: targetColumns, mapping };
    return mapping;
  }
}

interface ColumnMapping {
  readonly column: Column;
  /** The batch column's index, or -1 when the batch lacks it (NULLs). */
  readonly index: number;
  readonly target: DuckDBType;
  readonly bulk: ColumnWriter | undefined;
  readonly samePacked: boolean;
}

/** One-shot form of DuckDbChunkWriter (tests, benches). */
export function writeBatchToAppender(appender: DuckDBAppender, batch: RecordBatch, targetColumns: readonly Column[]): void {
  new DuckDbChunkWriter(appender).write(batch, targetColumns);
}

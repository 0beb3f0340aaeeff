import { parseJsonExact, stringifyJson } from './json-text.js';
import type { Column, ColumnType, JsonValue, PackedBatch, PackedColumn, RecordBatch, Value } from './record-batch.js';

export type { PackedBatch, PackedColumn } from './record-batch.js';

/** Bytes per row slot by column type. */
export const PACKED_WIDTH: Readonly<Record<ColumnType, number>> = { boolean: 1, long: 8, double: 8, timestamp: 8, string: 16, json: 16 };
/** Strings of at most this many UTF-8 bytes are stored inside their 16-byte view. */
export const INLINE_STRING_BYTES = 12;

const TWO_32 = 4294967296;
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('packed batches need a little-endian platform');
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Scratches for long strings written as UTF-8 (ColumnPacker in utf8 mode), free for the next column that needs
 * one. A scratch kept by each column writer stayed alive with every pooled buffer (PACKERS): with 80 string columns
 * ~1.3 MB per buffer, and the main thread's malloc heap at 89 MB instead of 42 (peak RSS +15-20 MB).
 */
const SCRATCH: Uint8Array<ArrayBuffer>[] = [];
const MAX_SCRATCHES = 512;
const MAX_SCRATCH_BYTES = 1024 * 1024;

/** Buffers of consumed packed batches, handed back by the thread that consumed them, for packing the next ones. */
export class BufferPool {
  private readonly buffers: ArrayBuffer[] = [];

  give(buffer: ArrayBuffer): void {
    if (this.buffers.length < 64) this.buffers.push(buffer);
  }

  /** A zeroed buffer of at least `bytes` (a recycled one when one fits without wasting half of it). */
  allocate(bytes: number): ArrayBuffer {
    for (let i = this.buffers.length - 1; i >= 0; i--) {
      const buffer = this.buffers[i]!;
      if (buffer.byteLength >= bytes && buffer.byteLength <= 2 * bytes) {
        this.buffers.splice(i, 1);
        new Uint8Array(buffer, 0, bytes).fill(0);
        return buffer;
      }
    }
    return new ArrayBuffer(bytes);
  }
}

/**
 * This thread's pool: the buffers of packed batches a store sent to another thread come back here, and the CSV
 * parser packs its next batches into them.
 */
export const sharedBufferPool = new BufferPool();

/**
 * A store is done with `batch` (its cells are copied): a batch the parser packed on this thread (packedTransferable)
 * gives its buffer back to the shared pool for the next one.
 */
export function releasePacked(batch: RecordBatch): void {
  const buffer = batch.packedTransferable === true && batch.packed !== undefined ? packedMainBuffer(batch.packed) : undefined;
  if (buffer !== undefined) sharedBufferPool.give(buffer);
}

/** The one buffer holding every column's slots and validity (see packBatch), for recycling. */
export function packedMainBuffer(batch: PackedBatch): ArrayBuffer | undefined {
  return batch.packed[0]?.data.buffer as ArrayBuffer | undefined;
}

/** The ArrayBuffers a packed batch owns (to transfer them with postMessage). */
export function packedBuffers(batch: PackedBatch): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const column of batch.packed) {
    buffers.add(column.data.buffer as ArrayBuffer);
    if (column.validity) buffers.add(column.validity.buffer as ArrayBuffer);
    if (column.longRows) buffers.add(column.longRows.buffer as ArrayBuffer);
    if (column.longUtf8) buffers.add(column.longUtf8.buffer as ArrayBuffer);
  }
  return [...buffers];
}

/**
 * The buffers a batch crosses to the warehouse thread in, and comes back in for reuse: its slots' buffer (unless
 * `slots` is false: a parse worker's batch is copied, its buffer goes back to that worker) and its long strings'
 * UTF-8.
 */
export function movedBuffers(batch: PackedBatch, slots = true): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const main = slots ? packedMainBuffer(batch) : undefined;
  if (main !== undefined) buffers.add(main);
  for (const column of batch.packed) if (column.longUtf8) buffers.add(column.longUtf8.buffer as ArrayBuffer);
  return [...buffers];
}

/**
 * The same batch with its long strings as UTF-8 bytes (PackedColumn.longUtf8), all columns' in one buffer from
 * `allocate`: the warehouse thread then holds no JS strings (with 80 string columns their garbage grew its heap by
 * ~130 MB). Copied by a PackedBatchBuilder in utf8 mode, the writer parsers use for such batches; a batch without
 * long JS strings (the parsers' own, in that mode) is returned as it is.
 */
export function withLongStringsAsUtf8(batch: PackedBatch, allocate: (bytes: number) => ArrayBuffer = (bytes) => new ArrayBuffer(bytes)): PackedBatch {
  if (!batch.packed.some((column) => column.long !== null && column.long.length > 0)) return batch;
  const builder = new PackedBatchBuilder(batch.columns, batch.length, allocate, true);
  builder.add(unpackedBatch(batch));
  return builder.finish();
}

function badValue(column: Column, value: Value): Error {
  return new TypeError(`column "${column.name}" (${column.type}) holds a ${typeof value} value; the batch breaks the Value contract (src/domain/model/record-batch.ts)`);
}

const NO_U32 = new Uint32Array(0);
const NO_BYTES = new Uint8Array(0);
const NO_I32 = new Int32Array(0);
const NO_F64 = new Float64Array(0);

/**
 * Writes one column of a PackedBatchBuilder, cell by cell: what packBatch does from a batch's vectors, and what a
 * parser does directly (CsvRecordParser), without a JS value per cell.
 */
export class ColumnPacker {
  readonly data: Uint8Array;
  // Typed views of the same bytes (platform order: every supported platform is little-endian; see the check below),
  // only those the column type uses (the others are empty): a packer per column per batch, and with 50,000 small
  // files six views each grew the old generation by ~60 MB of dead views.
  private readonly u32: Uint32Array;
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  /** All valid until the first NULL; reported only when a cell was NULL. */
  private readonly validityBits: Uint8Array;
  private nulls = false;
  private long: string[] | null = null;
  private longRows: number[] | null = null;
  /**
   * With `utf8`, the long strings' UTF-8, one after the other (and `long` stays null), so they never exist as JS
   * strings on this thread: a scratch taken from SCRATCH on the first long string, copied out and handed back by
   * result().
   */
  private longBytes = NO_BYTES;
  private longEnd = 0;

  /**
   * `data` and `validity` are this column's regions of the batch's one buffer (8-byte aligned), `capacity` rows.
   * `utf8`: long strings are written as UTF-8 (PackedColumn.longUtf8), for a batch that crosses to another thread.
   */
  constructor(private readonly column: Column, private readonly capacity: number, buffer: ArrayBuffer, dataAt: number, validityAt: number, readonly utf8 = false) {
    const bytes = capacity * PACKED_WIDTH[column.type];
    this.data = new Uint8Array(buffer, dataAt, bytes);
    const words = bytes >>> 3 << 1;
    const type = column.type;
    const int64 = type === 'long' || type === 'timestamp';
    this.u32 = int64 || type === 'string' || type === 'json' ? new Uint32Array(buffer, dataAt, words) : NO_U32;
    this.i32 = int64 ? new Int32Array(buffer, dataAt, words) : NO_I32;
    this.f64 = type === 'double' ? new Float64Array(buffer, dataAt, words >>> 1) : NO_F64;
    this.validityBits = new Uint8Array(buffer, validityAt, validityBytes(capacity));
  }

  /** Packs the first `count` values into rows `at`.. (earlier rows stay as packed). */
  add(values: readonly Value[], count: number, at: number): void {
    const column = this.column;
    const end = at + count;
    // One loop per type: the type test leaves the per-cell path (measured 340 -> 300 ms per 2.8M rows x 8 columns).
    switch (column.type) {
      case 'double': {
        const f64 = this.f64;
        for (let r = at; r < end; r++) {
          const x = values[r - at] ?? null;
          if (typeof x === 'number') f64[r] = x;
          else if (x === null) this.setNull(r);
          else throw badValue(column, x);
        }
        break;
      }
      case 'string':
        for (let r = at; r < end; r++) {
          const x = values[r - at] ?? null;
          if (typeof x === 'string') this.setString(r, x);
          else if (x === null) this.setNull(r);
          else throw badValue(column, x);
        }
        break;
      default:
        for (let r = at; r < end; r++) {
          const x = values[r - at] ?? null;
          if (x === null) this.setNull(r);
          else this.set(r, x, column);
        }
    }
  }

  /** Bytes of UTF-8 long strings written (utf8 mode). */
  get longByteLength(): number {
    return this.longEnd;
  }

  /**
   * The packed column of the first `length` rows. In utf8 mode its long strings are copied to `into` (at least
   * longByteLength bytes, owned by the batch), since the scratch they were written to serves the next batch.
   */
  result(length: number, into?: Uint8Array): PackedColumn {
    const data = length === this.capacity ? this.data : this.data.subarray(0, length * PACKED_WIDTH[this.column.type]);
    const validity = !this.nulls ? null : length === this.capacity ? this.validityBits : this.validityBits.subarray(0, validityBytes(length));
    const longRows = this.longRows === null ? null : Int32Array.from(this.longRows);
    if (!this.utf8 || longRows === null || into === undefined) return { data, validity, long: this.long, longRows };
    // The bytes went back with the scratch: a second result() of the same batch would lose them.
    if (this.longBytes === NO_BYTES) throw new Error('a packed batch in utf8 mode is finished once');
    const longUtf8 = into.subarray(0, this.longEnd);
    longUtf8.set(this.longBytes.subarray(0, this.longEnd));
    // The scratch serves whichever column writes long strings next, not only this buffer's next batch.
    if (this.longBytes.length <= MAX_SCRATCH_BYTES && SCRATCH.length < MAX_SCRATCHES) SCRATCH.push(this.longBytes);
    this.longBytes = NO_BYTES;
    return { data, validity, long: null, longRows, longUtf8 };
  }

  setNull(r: number): void {
    if (!this.nulls) {
      this.validityBits.fill(0xff);
      this.nulls = true;
    }
    this.validityBits[r >>> 3]! &= ~(1 << (r & 7));
  }

  /** A non-null cell of any shape; throws TypeError/RangeError when it breaks the Value contract of the column type. */
  set(r: number, x: Value, column: Column = this.column): void {
    switch (column.type) {
      case 'boolean':
        if (typeof x !== 'boolean') throw badValue(column, x);
        this.data[r] = x ? 1 : 0;
        return;
      case 'long':
        if (typeof x === 'number' && Number.isSafeInteger(x)) this.setInt64(r, x);
        else if (typeof x === 'bigint' && BigInt.asIntN(64, x) === x) this.bigInt64(r, x);
        else if (typeof x === 'number' && Number.isInteger(x) && Math.abs(x) < 2 ** 63) this.bigInt64(r, BigInt(x));
        else throw typeof x === 'bigint' ? new RangeError(`column "${column.name}" holds ${x}, outside the int64 range`) : badValue(column, x);
        return;
      case 'double':
        if (typeof x !== 'number') throw badValue(column, x);
        this.f64[r] = x;
        return;
      case 'timestamp': {
        if (!(x instanceof Date)) throw badValue(column, x);
        const ms = x.getTime();
        if (Number.isNaN(ms)) throw badValue(column, x);
        this.setMicros(r, ms);
        return;
      }
      case 'string':
        if (typeof x !== 'string') throw badValue(column, x);
        this.setString(r, x);
        return;
      case 'json':
        this.setString(r, stringifyJson(x as JsonValue));
    }
  }

  private bigInt64(r: number, value: bigint): void {
    new DataView(this.data.buffer, this.data.byteOffset + r * 8, 8).setBigInt64(0, value, true);
  }

  /** int64 of a safe integer without a BigInt: low and high 32-bit halves. */
  setInt64(r: number, value: number): void {
    const hi = Math.floor(value / TWO_32);
    this.u32[r * 2] = value - hi * TWO_32;
    this.i32[r * 2 + 1] = hi;
  }

  /** ms * 1000 as int64, split so every step stays exact in doubles (|ms| <= 8.64e15). */
  setMicros(r: number, ms: number): void {
    const msHi = Math.floor(ms / TWO_32);
    const lo = (ms - msHi * TWO_32) * 1000;
    const carry = Math.floor(lo / TWO_32);
    this.u32[r * 2] = lo - carry * TWO_32;
    this.i32[r * 2 + 1] = msHi * 1000 + carry;
  }

  /**
   * text[start, end) as a string cell, read in place: a short ASCII value is copied into its view without
   * slicing a JS string out of the text; any other goes through setString.
   */
  setStringSpan(r: number, text: string, start: number, end: number): void {
    const n = end - start;
    if (n <= INLINE_STRING_BYTES && this.inlineAscii(r, text, start, n)) return;
    if (n > INLINE_STRING_BYTES && this.utf8) this.longSpan(r, text, start, end);
    else this.setOther(r, text.slice(start, end));
  }

  /** Ready for a new batch in the same (zeroed) buffer. */
  reset(): void {
    this.nulls = false;
    this.long = null;
    this.longRows = null;
    this.longEnd = 0;
  }

  /** Undoes whatever was written to row `r`, the last one (a record rejected halfway through its cells). */
  clear(r: number): void {
    const width = PACKED_WIDTH[this.column.type];
    if (this.longRows !== null && this.longRows[this.longRows.length - 1] === r) {
      this.longRows.pop();
      if (this.utf8) this.longEnd -= this.u32[r * 4]!;
      else this.long!.pop();
    }
    this.data.fill(0, r * width, (r + 1) * width);
    if (this.nulls) this.validityBits[r >>> 3]! |= 1 << (r & 7);
  }

  /**
   * Copies the first `count` rows of a packed column of this type to rows `at`..; its long strings (JS strings or
   * UTF-8) are taken over in this packer's form.
   */
  addPacked(source: PackedColumn, count: number, at: number): void {
    const width = PACKED_WIDTH[this.column.type];
    this.data.set(source.data.subarray(0, count * width), at * width);
    if (source.validity !== null) {
      for (let r = 0; r < count; r++) if (!isValid(source.validity, r)) this.setNull(at + r);
    }
    const rows = source.longRows;
    if (rows === null || rows.length === 0) return;
    const bytes = source.long === null ? source.longUtf8 : undefined;
    if (bytes == null) {
      for (let i = 0; i < rows.length && rows[i]! < count; i++) this.addLong(at + rows[i]!, source.long![i]!);
      return;
    }
    const lengths = new Uint32Array(source.data.buffer, source.data.byteOffset, source.data.byteLength >>> 2);
    let from = 0;
    for (let i = 0; i < rows.length && rows[i]! < count; i++) {
      const r = at + rows[i]!;
      const n = lengths[rows[i]! * 4]!;
      const utf8 = bytes.subarray(from, from + n);
      from += n;
      if (!this.utf8) {
        this.addLong(r, decoder.decode(utf8));
        continue;
      }
      this.reserve(n);
      this.longBytes.set(utf8, this.longEnd);
      this.pushLong(r, n);
    }
  }

  setString(r: number, s: string): void {
    if (s.length <= INLINE_STRING_BYTES && this.inlineAscii(r, s, 0, s.length)) return;
    this.setOther(r, s);
  }

  /**
   * text[start, start + n) inline when it is ASCII (its `n` bytes copied from the char codes); false, with the view
   * partly written, when it is not (setOther then overwrites it).
   */
  private inlineAscii(r: number, text: string, start: number, n: number): boolean {
    const data = this.data;
    const base = r * 16 + 4;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(start + i);
      if (code > 0x7f) return false;
      data[base + i] = code;
    }
    this.u32[r * 4] = n;
    return true;
  }

  /** A string that is not inline ASCII: inline UTF-8 when it fits in 12 bytes, else a long string. */
  private setOther(r: number, s: string): void {
    const n = s.length;
    if (n <= INLINE_STRING_BYTES) {
      const into = this.data.subarray(r * 16 + 4, r * 16 + 16);
      const { read, written } = encoder.encodeInto(s, into);
      if (read === n) {
        into.fill(0, written);
        this.u32[r * 4] = written;
        return;
      }
      into.fill(0);
    }
    this.addLong(r, s);
  }

  /** `s` as row `r`'s long string (its view: the UTF-8 length, then the entry's index). */
  private addLong(r: number, s: string): void {
    if (this.utf8) {
      this.reserve(s.length * 3);
      this.pushLong(r, encoder.encodeInto(s, this.longBytes.subarray(this.longEnd)).written);
      return;
    }
    (this.long ??= []).push(s);
    (this.longRows ??= []).push(r);
    this.u32[r * 4] = utf8Length(s);
    this.u32[r * 4 + 2] = this.long.length - 1;
  }

  /**
   * text[start, end) as row `r`'s long string in utf8 mode, read in place: ASCII copied from the char codes, the
   * rest from the first other character encoded (no JS string for an ASCII value).
   */
  private longSpan(r: number, text: string, start: number, end: number): void {
    this.reserve((end - start) * 3);
    const bytes = this.longBytes;
    const from = this.longEnd;
    let at = from;
    let i = start;
    for (; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code > 0x7f) break;
      bytes[at++] = code;
    }
    if (i < end) at += encoder.encodeInto(text.slice(i, end), bytes.subarray(at)).written;
    this.pushLong(r, at - from);
  }

  /** Records the `n` bytes just written at longEnd as row `r`'s long string. */
  private pushLong(r: number, n: number): void {
    (this.longRows ??= []).push(r);
    this.u32[r * 4] = n;
    this.u32[r * 4 + 2] = this.longRows.length - 1;
    this.longEnd += n;
  }

  /** Room for `n` more bytes of long strings (the scratch doubles as it fills). */
  private reserve(n: number): void {
    if (this.longEnd + n <= this.longBytes.length) return;
    if (this.longEnd === 0 && SCRATCH.length > 0 && SCRATCH[SCRATCH.length - 1]!.length >= n) {
      this.longBytes = SCRATCH.pop()!;
      return;
    }
    const grown = new Uint8Array(Math.max(this.longEnd + n, this.longBytes.length * 2, 4096));
    grown.set(this.longBytes.subarray(0, this.longEnd));
    this.longBytes = grown;
  }
}

/** UTF-8 byte length of a JS string (lone surrogates count as U+FFFD, 3 bytes, as TextEncoder writes them). */
function utf8Length(s: string): number {
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** Bytes of a validity bitmap for `length` rows, in whole 64-bit words. */
function validityBytes(length: number): number {
  return Math.ceil(length / 64) * 8;
}

/**
 * Packs a batch into one ArrayBuffer (every column's slots and validity bitmap; long strings stay JS strings):
 * one allocation and one transfer per batch. A buffer per column meant ~10 per batch, and with 50,000 small
 * files the main thread held half a million small backing stores until its next GC (peak RSS 510 MB).
 * Throws TypeError/RangeError when a cell breaks the Value contract of its column type.
 */
export function packBatch(batch: RecordBatch, allocate: (bytes: number) => ArrayBuffer = (bytes) => new ArrayBuffer(bytes), utf8 = false): PackedBatch {
  const builder = new PackedBatchBuilder(batch.columns, batch.length, allocate, utf8);
  builder.add(batch);
  return builder.finish();
}

/**
 * The column writers last built on each buffer: a recycled buffer reuses them (one writer and its views per column
 * per batch was, with 50,000 small files, enough short-lived objects for V8 to start allocating them in the old
 * generation).
 */
const PACKERS = new WeakMap<ArrayBuffer, { readonly columns: readonly Column[]; readonly capacity: number; readonly utf8: boolean; readonly packers: ColumnPacker[] }>();

/**
 * Packs batches of the same columns one after the other into one buffer of `capacity` rows (see packBatch), so
 * that many small batches (a file of 20 rows each) travel as one. Throws TypeError/RangeError when a cell breaks
 * the Value contract of its column type, and RangeError when a batch does not fit.
 */
export class PackedBatchBuilder {
  private readonly packers: ColumnPacker[];
  private rows = 0;

  /**
   * `utf8`: long strings are written as UTF-8 (PackedColumn.longUtf8, all columns' in one buffer from `allocate`),
   * never as JS strings: for batches that cross to another thread (a parse worker's, the warehouse thread's).
   */
  constructor(
    readonly columns: readonly Column[],
    readonly capacity: number,
    private readonly allocate: (bytes: number) => ArrayBuffer = (bytes) => new ArrayBuffer(bytes),
    readonly utf8 = false,
  ) {
    const validity = validityBytes(capacity);
    // Per column: its slots (padded to 8 bytes), then its validity bitmap.
    let size = 0;
    const offsets = columns.map((column) => {
      const dataAt = size;
      const validityAt = dataAt + Math.ceil((capacity * PACKED_WIDTH[column.type]) / 8) * 8;
      size = validityAt + validity;
      return { dataAt, validityAt };
    });
    // `allocate` must return zeroed bytes (slots rely on zero padding); it may hand back a larger recycled buffer.
    const buffer = allocate(size);
    // A recycled buffer that held a batch of the same shape keeps that batch's column writers (and their views).
    const previous = PACKERS.get(buffer);
    if (previous !== undefined && previous.columns === columns && previous.capacity === capacity && previous.utf8 === utf8) {
      for (const packer of previous.packers) packer.reset();
      this.packers = previous.packers;
    } else {
      this.packers = columns.map((column, c) => new ColumnPacker(column, capacity, buffer, offsets[c]!.dataAt, offsets[c]!.validityAt, utf8));
    }
    PACKERS.set(buffer, { columns, capacity, utf8, packers: this.packers });
  }

  get length(): number {
    return this.rows;
  }

  /** Appends `batch`, whose columns must be this builder's (same order); a packed one is copied as it is. */
  add(batch: RecordBatch): void {
    if (this.rows + batch.length > this.capacity) throw new RangeError(`a batch of ${batch.length} rows does not fit: ${this.rows} of ${this.capacity} rows are taken`);
    const packed = batch.packed;
    for (let c = 0; c < this.packers.length; c++) {
      if (packed !== undefined) this.packers[c]!.addPacked(packed.packed[c]!, batch.length, this.rows);
      else this.packers[c]!.add(batch.vectors[c]!, batch.length, this.rows);
    }
    this.rows += batch.length;
  }

  /** The writer of column `c`, for a parser that writes row `length` cell by cell, then commitRow() or rollbackRow(). */
  column(c: number): ColumnPacker {
    return this.packers[c]!;
  }

  get full(): boolean {
    return this.rows >= this.capacity;
  }

  commitRow(): void {
    this.rows++;
  }

  /** Forgets the cells written to row `length` since the last commitRow(). */
  rollbackRow(): void {
    for (const packer of this.packers) packer.clear(this.rows);
  }

  finish(): PackedBatch {
    const length = this.rows;
    let total = 0;
    if (this.utf8) for (const packer of this.packers) total += packer.longByteLength;
    if (total === 0) return { columns: this.columns, length, packed: this.packers.map((packer) => packer.result(length)) };
    const bytes = new Uint8Array(this.allocate(total), 0, total);
    let at = 0;
    const packed = this.packers.map((packer) => {
      const from = at;
      at += packer.longByteLength;
      return packer.result(length, bytes.subarray(from));
    });
    return { columns: this.columns, length, packed };
  }
}

/** Whether row `r` holds a value (not NULL) by a packed column's validity bitmap. */
export function isValid(validity: Uint8Array | null, r: number): boolean {
  return validity === null || (validity[r >>> 3]! & (1 << (r & 7))) !== 0;
}

/**
 * The instant in row `r` of a packed timestamp column (int64 microseconds, read through `view`) as epoch
 * milliseconds: in doubles while they are exact (|us| < 2^53, the years 1685-2255), else through BigInt.
 */
export function epochMillisAt(view: DataView, r: number): number {
  const hi = view.getInt32(r * 8 + 4, true);
  const micros = hi * TWO_32 + view.getUint32(r * 8, true);
  return hi > -0x200000 && hi < 0x200000 && micros % 1000 === 0 ? micros / 1000 : Number(view.getBigInt64(r * 8, true) / 1000n);
}

/** The `n` bytes of an inline string: ASCII straight from its codes (a TextDecoder call per cell cost ~4x more). */
function inlineString(data: Uint8Array, at: number, n: number): string {
  for (let i = at; i < at + n; i++) if (data[i]! > 0x7f) return decoder.decode(data.subarray(at, at + n));
  return String.fromCharCode.apply(null, data.subarray(at, at + n) as unknown as number[]);
}

function unpackColumn(column: Column, packed: PackedColumn, length: number): Value[] {
  const { data, validity } = packed;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: Value[] = new Array<Value>(length);
  let longAt = 0;
  for (let r = 0; r < length; r++) {
    if (!isValid(validity, r)) {
      out[r] = null;
      continue;
    }
    switch (column.type) {
      case 'boolean':
        out[r] = data[r] !== 0;
        break;
      case 'long': {
        const lo = view.getUint32(r * 8, true);
        const hi = view.getInt32(r * 8 + 4, true);
        const n = hi * TWO_32 + lo;
        out[r] = Number.isSafeInteger(n) ? n : view.getBigInt64(r * 8, true);
        break;
      }
      case 'double':
        out[r] = view.getFloat64(r * 8, true);
        break;
      case 'timestamp':
        out[r] = new Date(epochMillisAt(view, r));
        break;
      case 'string':
      case 'json': {
        const n = view.getUint32(r * 16, true);
        let s: string;
        if (n <= INLINE_STRING_BYTES) s = inlineString(data, r * 16 + 4, n);
        else if (packed.long) s = packed.long[longAt++]!;
        else {
          s = decoder.decode(packed.longUtf8!.subarray(longAt, longAt + n));
          longAt += n;
        }
        out[r] = column.type === 'json' ? parseJsonExact(s) : s;
        break;
      }
    }
  }
  return out;
}

/** A RecordBatch over a packed batch (see unpackedBatch): one class, so every such batch shares one shape. */
class UnpackedBatch implements RecordBatch {
  readonly columns: readonly Column[];
  readonly length: number;
  private decoded: Value[][] | undefined = undefined;

  constructor(readonly packed: PackedBatch, readonly packedTransferable: boolean) {
    this.columns = packed.columns;
    this.length = packed.length;
  }

  get vectors(): Value[][] {
    const packed = this.packed;
    this.decoded ??= packed.columns.map((column, c) => unpackColumn(column, packed.packed[c]!, packed.length));
    return this.decoded;
  }
}

/**
 * The RecordBatch of a packed batch. Its `vectors` are decoded on first access, once; a store that reads
 * `packed` (DuckDB) never pays for them. (Copying it with `...` reads them: build a new one instead.)
 */
export function unpackedBatch(batch: PackedBatch, transferable = false): RecordBatch & { readonly packed: PackedBatch } {
  return new UnpackedBatch(batch, transferable);
}

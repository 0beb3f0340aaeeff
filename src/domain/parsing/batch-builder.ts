import { PackedBatchBuilder, sharedBufferPool, unpackedBatch, type ColumnPacker } from '../model/packed-batch.js';
import type { Column, RecordBatch, Value } from '../model/record-batch.js';

const FIRST_CAPACITY = 256;

/** Accumulates rows into columnar vectors and hands out full batches. */
export class BatchBuilder {
  private vectors: Value[][];
  private rows = 0;
  /** Slots allocated for the next batch: small until a batch fills, so a 200-row file does not allocate 4096. */
  private capacity: number;
  private readonly full: RecordBatch[] = [];

  constructor(
    private readonly columns: readonly Column[],
    private readonly batchSize: number,
  ) {
    this.capacity = Math.min(batchSize, FIRST_CAPACITY);
    this.vectors = this.allocate();
  }

  // Sized up front: growing by push reallocates each vector ~12 times per batch and showed up as GC time. But
  // the first batch starts small (writes past the end grow it): 2,000 files of 200 rows allocated 8 x 4096 slots
  // each, ~15% of that import's time (allocation and GC).
  private allocate(): Value[][] {
    const capacity = this.capacity;
    return this.columns.map(() => new Array<Value>(capacity));
  }

  /**
   * The vectors of the batch being built and the row index the next row goes to: a parser may write its cells
   * there directly and then commit() (no copy through a row array); a row never committed is overwritten.
   */
  get current(): Value[][] {
    return this.vectors;
  }

  get at(): number {
    return this.rows;
  }

  commit(): void {
    if (++this.rows >= this.batchSize) this.seal();
  }

  /** Appends the first `columns.length` cells of `row` (a reused scratch array). */
  push(row: readonly Value[]): void {
    const vectors = this.vectors;
    const at = this.rows;
    for (let c = 0; c < vectors.length; c++) vectors[c]![at] = row[c]!;
    if (++this.rows >= this.batchSize) this.seal();
  }

  /** Batches completed so far; the builder forgets them. */
  drain(): RecordBatch[] {
    return this.full.splice(0, this.full.length);
  }

  /** Seals the partial batch (end of input). */
  finish(): RecordBatch[] {
    if (this.rows > 0) this.seal();
    return this.drain();
  }

  private seal(): void {
    if (this.rows === this.batchSize) this.capacity = this.batchSize;
    for (const v of this.vectors) if (v.length !== this.rows) v.length = this.rows;
    this.full.push({ columns: this.columns, vectors: this.vectors, length: this.rows });
    this.vectors = this.allocate();
    this.rows = 0;
  }
}

/** Where a parser writes the cells of row `r` of one column (ColumnPacker, or VectorRows' JS arrays). */
export type CellWriter = Pick<ColumnPacker, 'setNull' | 'setStringSpan' | 'set' | 'setMicros'>;

/** The rows a parser writes into: row `current.length` cell by cell, then commit() or rollback(). */
export interface RowSink {
  readonly current: { readonly length: number; column(c: number): CellWriter };
  commit(): void;
  rollback(): void;
  drain(): RecordBatch[];
  finish(): RecordBatch[];
}

/** One column of VectorRows: its cells as JS values (one class, so the parser's calls stay monomorphic). */
class VectorColumn implements CellWriter {
  /** The column's array in the batch being built (VectorRows points it at the next one when a batch seals). */
  vector: Value[] = [];

  setNull(r: number): void {
    this.vector[r] = null;
  }

  setStringSpan(r: number, text: string, start: number, end: number): void {
    this.vector[r] = text.slice(start, end);
  }

  set(r: number, value: Value): void {
    this.vector[r] = value;
  }

  setMicros(r: number, ms: number): void {
    this.vector[r] = new Date(ms);
  }
}

/**
 * A RowSink that builds JS vectors (BatchBuilder), for a consumer that reads `vectors` anyway (filters): decoding
 * packed cells back into values cost 2.95-2.99 s per 2.8M rows against 1.98-2.07 s built as values.
 */
export class VectorRows implements RowSink {
  private readonly builder: BatchBuilder;
  private readonly writers: VectorColumn[];
  readonly current: { readonly length: number; column(c: number): CellWriter };

  constructor(columns: readonly Column[], batchSize: number) {
    const builder = (this.builder = new BatchBuilder(columns, batchSize));
    const writers = (this.writers = columns.map(() => new VectorColumn()));
    this.current = { get length() { return builder.at; }, column: (c: number) => writers[c]! };
    this.point();
  }

  commit(): void {
    this.builder.commit();
    if (this.builder.at === 0) this.point();
  }

  /** Points each column at its array in the batch being built. */
  private point(): void {
    const vectors = this.builder.current;
    for (let c = 0; c < this.writers.length; c++) this.writers[c]!.vector = vectors[c]!;
  }

  /** Nothing to undo: a row never committed is overwritten. */
  rollback(): void {}

  drain(): RecordBatch[] {
    return this.builder.drain();
  }

  finish(): RecordBatch[] {
    return this.builder.finish();
  }
}

/**
 * Accumulates rows straight into packed batches (src/domain/model/packed-batch.ts: one buffer per batch, a typed
 * slot per cell) and hands out full batches, whose `vectors` are decoded only if something asks for them. A
 * parser writes row `at` of `current` cell by cell, then commit() or rollback(). As with BatchBuilder the first
 * batch starts small and grows (its rows copied) when it fills, so a 200-row file does not allocate 4,096 rows.
 */
export class PackedBatchRows implements RowSink {
  private builder: PackedBatchBuilder | undefined;
  /** Rows of the next builder: small until a batch fills. */
  private capacity: number;
  private readonly full: RecordBatch[] = [];

  constructor(
    private readonly columns: readonly Column[],
    private readonly batchSize: number,
    private readonly allocate: (bytes: number) => ArrayBuffer = (bytes) => sharedBufferPool.allocate(bytes),
    /** Long strings as UTF-8 (ParseContext.longStringsAsUtf8). */
    private readonly utf8 = false,
  ) {
    this.capacity = Math.min(batchSize, FIRST_CAPACITY);
  }

  get current(): PackedBatchBuilder {
    return (this.builder ??= new PackedBatchBuilder(this.columns, this.capacity, this.allocate, this.utf8));
  }

  commit(): void {
    const builder = this.builder!;
    builder.commitRow();
    if (!builder.full) return;
    if (builder.length >= this.batchSize) {
      this.seal();
      return;
    }
    this.capacity = this.batchSize;
    const grown = new PackedBatchBuilder(this.columns, this.capacity, this.allocate, this.utf8);
    grown.add(unpackedBatch(builder.finish()));
    this.builder = grown;
  }

  /** Forgets the cells written to the current row (a rejected record). */
  rollback(): void {
    this.builder?.rollbackRow();
  }

  /** Batches completed so far; the builder forgets them. */
  drain(): RecordBatch[] {
    return this.full.splice(0, this.full.length);
  }

  /** Seals the partial batch (end of input). */
  finish(): RecordBatch[] {
    if (this.builder !== undefined && this.builder.length > 0) this.seal();
    return this.drain();
  }

  private seal(): void {
    this.full.push(unpackedBatch(this.builder!.finish(), true));
    this.builder = undefined;
  }
}

import type { Column, RecordBatch } from '../model/record-batch.js';
import type { RejectedRecord } from '../model/rejected-record.js';

export interface ParseContext {
  /** The object key, used in rejects and errors. */
  readonly file: string;
  /** Receives each invalid record (skipped unless stop_on_invalid_record, which throws DATA_INVALID_RECORD). */
  readonly onReject: (reject: RejectedRecord) => void;
  /** Rows per batch (default: defaultBatchRows of the column count). */
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  /**
   * The text is a part of a file split for parallel parsing (CSV only): `startLine` set means it starts at a record
   * boundary inside the file (no header lines, records numbered from there); `endsAtRecordBoundary` means another
   * part continues after it, so text ending mid-record proves the split point wrong (SplitMismatch thrown).
   */
  readonly startLine?: number;
  readonly endsAtRecordBoundary?: boolean;
  /**
   * Zeroed buffers for packed batches (default: this thread's shared pool, src/domain/model/packed-batch.ts): a
   * parse worker passes the pool its main thread sends used buffers back to.
   */
  readonly allocate?: (bytes: number) => ArrayBuffer;
  /**
   * Packed batches keep their long strings (over 12 bytes) as UTF-8 (PackedColumn.longUtf8) instead of JS strings:
   * for batches that cross to another thread, which then copies bytes rather than cloning strings, and this thread
   * makes no string per cell.
   */
  readonly longStringsAsUtf8?: boolean;
  /**
   * Build JS `vectors` rather than packed batches (the CSV parser packs by default): for a consumer that reads every
   * value anyway, such as filters, to which decoding packed cells again would only add cost.
   */
  readonly vectors?: boolean;
}

/** Cells a batch holds at most by default (see defaultBatchRows). */
const BATCH_CELLS = 32_768;

/**
 * Rows per batch by default: 4,096 up to 8 columns, fewer for wider rows, so that a batch holds at most 32,768
 * cells (24 columns: 1,365 rows; 80 columns: 409), and never fewer than 256 rows. A batch's cells are young objects
 * while it fills, and whatever is alive at a scavenge is copied, then promoted: the fewer cells a batch holds, the
 * less survives into the old generation as dead batches. Measured with `s3-import issue` (docs/decisions/
 * performance.md, update 6): at 131,072 cells an 80-column CSV peaked at 373-413 MB and a 24-column one at
 * 288-317 MB; at 32,768, 274-291 MB and 222-226 MB, and both imported 5-12% faster. (327,680-cell batches had
 * outgrown the young generation entirely.)
 */
export function defaultBatchRows(columnCount: number): number {
  return Math.max(256, Math.min(4096, Math.floor(BATCH_CELLS / Math.max(1, columnCount))));
}

/**
 * A pure parser: text chunks in, typed columnar batches out. Knows nothing of files, streams or stores.
 */
export interface RecordParser {
  /** The columns every batch carries, in order. */
  readonly columns: readonly Column[];
  parse(text: AsyncIterable<string>, context: ParseContext): AsyncIterable<RecordBatch>;
}

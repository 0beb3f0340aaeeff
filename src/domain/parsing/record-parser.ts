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
}

/**
 * Rows per batch by default: 4,096, fewer when rows are wide, so that a batch holds at most 131,072 cells (an
 * 80-column CSV: 1,638 rows). A batch's cells are young objects while it fills; a batch of 327,680 strings outgrew
 * V8's young generation, so every cell was promoted and the old generation filled with dead batches.
 */
export function defaultBatchRows(columnCount: number): number {
  return Math.max(256, Math.min(4096, Math.floor(131_072 / Math.max(1, columnCount))));
}

/**
 * A pure parser: text chunks in, typed columnar batches out. Knows nothing of files, streams or stores.
 */
export interface RecordParser {
  /** The columns every batch carries, in order. */
  readonly columns: readonly Column[];
  parse(text: AsyncIterable<string>, context: ParseContext): AsyncIterable<RecordBatch>;
}

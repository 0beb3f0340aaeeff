import type { Column, RecordBatch } from '../model/record-batch.js';

/** A filter maps batches of one schema to batches of another (Embulk's FilterPlugin), purely. */
export interface RecordFilter {
  /** The columns this filter emits, given the columns it receives. */
  readonly columns: readonly Column[];
  apply(batch: RecordBatch): RecordBatch;
}

export interface FilterContext {
  /** When this import started: add_time's upload_time. */
  readonly uploadTime: Date;
}

/** A record the parser could not read; kept so users can see and fix it (`job:rejects`). */
export interface RejectedRecord {
  readonly file: string;
  /** 1-based physical line number where the record starts. */
  readonly line: number;
  readonly reason: string;
  /** The raw text of the record (truncated to a few KiB). */
  readonly raw: string;
}

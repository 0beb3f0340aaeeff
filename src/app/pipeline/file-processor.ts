import type { ObjectInfo } from '../../domain/model/object-info.js';
import type { RecordBatch } from '../../domain/model/record-batch.js';
import type { RejectedRecord } from '../../domain/model/rejected-record.js';
import type { ByteRange } from '../../domain/model/object-info.js';

/** What a {@link FileProcessor} reports back to the caller while it works on one file. */
export interface FileProcessContext {
  /** Receives each invalid record (in order within the file). */
  onReject(reject: RejectedRecord): void;
  /** Aborting stops the file's work; the iteration then fails with the signal's reason. */
  readonly signal: AbortSignal;
  /** Incremented by the number of invalid byte sequences replaced by U+FFFD, once the file is done. */
  readonly counters: { invalidBytes: number; bytes?: number };
  /**
   * The file's absolute local path when its store has one (ObjectStore.localPath). A worker processor may then read
   * the file itself, without iterating `bytes`, and keeps `counters.bytes` (when given) current; the in-thread one
   * ignores it.
   */
  readonly localPath?: string;
  /**
   * One part of a file split for parallel parsing (with localPath, worker processors only): the bytes to read, and
   * the parse context's startLine / endsAtRecordBoundary (src/domain/parsing/record-parser.ts).
   */
  readonly range?: ByteRange;
  readonly startLine?: number;
  readonly endsAtRecordBoundary?: boolean;
  /** Where the parser takes the buffers of packed batches (ParseContext.allocate); a parse worker passes its pool. */
  readonly allocate?: (bytes: number) => ArrayBuffer;
  /** The parser keeps long strings as UTF-8 (ParseContext.longStringsAsUtf8): the batches go to another thread. */
  readonly longStringsAsUtf8?: boolean;
}

/**
 * Turns one object's RAW bytes into final batches: decompress -> decode charset -> parse -> filters -> time column
 * (the plan's transform). The caller keeps reading from the ObjectStore, so clients, credentials and retries stay
 * where the caller is; a processor only does CPU work. Results do not depend on the implementation.
 */
export interface FileProcessor {
  /**
   * Batches of `file`, in file order. Several files may be processed at once. Breaking out of the iteration
   * stops the work on that file and closes `bytes`. Errors: DATA_DECODE, DATA_INVALID_RECORD, the error of
   * `bytes` as it is, or the abort reason. A batch is the consumer's until it asks for the next one: a worker
   * processor then reuses the batch's buffers, so a batch kept for later must be copied (e.g. its `vectors`).
   */
  process(bytes: AsyncIterable<Uint8Array>, file: ObjectInfo, context: FileProcessContext): AsyncIterable<RecordBatch>;
  /** Releases threads; the processor is unusable afterwards. Idempotent. */
  close(): Promise<void>;
}

import type { SerializedError } from '../../../domain/errors.js';
import type { ImportConfig } from '../../../domain/model/import-config.js';
import type { ObjectInfo } from '../../../domain/model/object-info.js';
import type { DecoderSpec } from '../../../domain/model/parser-options.js';
import type { PackedBatch } from '../../../domain/model/record-batch.js';
import type { RejectedRecord } from '../../../domain/model/rejected-record.js';
import type { ByteRange } from '../../../domain/model/object-info.js';

/** One part of a split file: its byte range and where its records sit in the file (FileProcessContext). */
export interface FilePart {
  readonly range: ByteRange;
  readonly startLine?: number;
  readonly endsAtRecordBoundary?: boolean;
}

/** A parse worker's `workerData`: the serialisable inputs from which it rebuilds the job's pipeline plan. */
export interface WorkerSetup {
  readonly config: ImportConfig;
  readonly timeColumn: string | null;
  /** ISO instant: the job's upload time, so add_time/time columns equal the in-thread result. */
  readonly uploadTime: string;
  readonly decoders: readonly DecoderSpec[] | null;
  readonly charset: string;
  /** Batches a file may have posted and not yet had acknowledged. */
  readonly batchCredits: number;
}

/**
 * Main thread -> worker. `ack` returns one batch credit, and the batch's buffer (transferred back) for the worker
 * to pack a later batch into: transferred buffers otherwise pile up on the main thread as garbage until its next
 * GC (~64 MB of external memory). `chunk` carries an owned (transferred) buffer.
 */
export type ToWorker =
  | { readonly type: 'start'; readonly id: number; readonly file: ObjectInfo; readonly localPath?: string; readonly part?: FilePart }
  | { readonly type: 'chunk'; readonly id: number; readonly bytes: Uint8Array }
  | { readonly type: 'end'; readonly id: number }
  | { readonly type: 'ack'; readonly id: number; readonly recycle?: ArrayBuffer }
  | { readonly type: 'abort'; readonly id: number };

/**
 * Worker -> main thread. `credit` means one chunk was taken off the worker's input queue. Batches travel packed
 * (flat buffers, transferred): structured-cloning arrays of values cost both threads more than the parsing saved.
 */
export type FromWorker =
  | { readonly type: 'credit'; readonly id: number }
  | { readonly type: 'batch'; readonly id: number; readonly batch: PackedBatch; readonly bytes?: number }
  | { readonly type: 'reject'; readonly id: number; readonly reject: RejectedRecord }
  | { readonly type: 'done'; readonly id: number; readonly invalidBytes: number; readonly bytes?: number }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError };


import type { ByteRange, ObjectInfo } from '../domain/model/object-info.js';

export interface ObjectStoreCapabilities {
  /** list() yields keys in UTF-8 byte order (S3 does); the selector relies on it for name-mode state. */
  readonly sortedListing: boolean;
  /** read() honours `range`, so a broken read can resume and guess can sample cheaply. */
  readonly rangeReads: boolean;
  /** Objects carry a storageClass (GLACIER etc.). */
  readonly storageClasses: boolean;
  /** Keys are local filesystem paths (in.type: file): S3-only hints such as the leading "/" warning do not apply. */
  readonly localPaths?: boolean;
}

export interface ListOptions {
  /** Yield only keys strictly after this one (S3 StartAfter), in byte order. */
  readonly startAfter?: string;
  readonly signal?: AbortSignal;
}

export interface ReadOptions {
  readonly range?: ByteRange;
  readonly signal?: AbortSignal;
}

/**
 * A bucket of objects (S3, MinIO, a local folder, memory).
 *
 * Errors are ImportErrors: STORAGE_NOT_FOUND (bucket or key), STORAGE_ACCESS_DENIED, STORAGE_CREDENTIALS,
 * STORAGE_TOKEN_EXPIRED, STORAGE_GLACIER, STORAGE_THROTTLED / STORAGE_UNAVAILABLE / STORAGE_IO (retryable).
 * Adapters retry transient failures themselves and never leak SDK types or secrets.
 */
export interface ObjectStore {
  readonly capabilities: ObjectStoreCapabilities;
  /** All objects whose key starts with `prefix` (recursive, no delimiter), lazily, page by page. */
  list(prefix: string, options?: ListOptions): AsyncIterable<ObjectInfo>;
  /** One object's metadata, or undefined when it does not exist. */
  stat(key: string, options?: { signal?: AbortSignal }): Promise<ObjectInfo | undefined>;
  /**
   * The object's bytes as a stream of chunks. Breaking out of the loop releases the underlying body.
   * A read that breaks mid-body is resumed from its offset where rangeReads is true.
   */
  read(key: string, options?: ReadOptions): AsyncIterable<Uint8Array>;
  /**
   * Optional, for stores whose objects are files of this machine (capabilities.localPaths): the absolute path of
   * `key`. A parse worker then reads the file itself instead of receiving its bytes from the main thread.
   */
  localPath?(key: string): string;
  close(): Promise<void>;
}
export const ObjectStore = Symbol.for('s3-import:ObjectStore');

/** Opens an ObjectStore for the `in:` section of a config (chooses the adapter by `in.type`). */
export interface ObjectStoreFactory {
  /** The `in.type` values this factory serves (e.g. ['s3_v2', 's3'] or ['file']). */
  readonly types: readonly string[];
  /** `source` is the raw validated `in:` section; `context` resolves saved authentications. */
  open(source: Readonly<Record<string, unknown>>): Promise<ObjectStore>;
}
export const ObjectStoreFactory = Symbol.for('s3-import:ObjectStoreFactory');

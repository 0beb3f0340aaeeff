/** One object of an object store, as listed. */
export interface ObjectInfo {
  /** The full key ('/'-separated). */
  readonly key: string;
  readonly size: number;
  readonly lastModified: Date;
  /** Opaque content version (S3 ETag without quotes; local-fs: size+mtime). */
  readonly etag?: string;
  /** S3 storage class, e.g. STANDARD, GLACIER, DEEP_ARCHIVE, GLACIER_IR. Undefined means STANDARD. */
  readonly storageClass?: string;
}

/** Inclusive byte range; `end` undefined means to the end of the object. */
export interface ByteRange {
  readonly start: number;
  readonly end?: number;
}

import { isImportError } from '../../domain/errors.js';
import type { ObjectInfo } from '../../domain/model/object-info.js';
import type { Logger } from '../../ports/logger.js';
import type { ListOptions, ObjectStore, ObjectStoreCapabilities, ReadOptions } from '../../ports/object-store.js';
import type { S3Api, S3HeadResult, S3ObjectSummary } from './s3-api.js';
import { mapS3Error, type S3ErrorContext } from './s3-error-mapper.js';
import { backoffDelay, withRetry, type RetryPolicy, type Sleep } from './s3-retry.js';

export interface S3ObjectStoreOptions {
  readonly api: S3Api;
  readonly bucket: string;
  readonly retry: RetryPolicy;
  readonly sleep: Sleep;
  readonly logger: Logger;
  /** Releases the shared client (the factory's reference count). */
  readonly onClose?: () => void;
}

/** S3 quotes ETags; the port's etag is the bare value. */
export function bareEtag(etag: string | undefined): string | undefined {
  return etag?.replace(/^(W\/)?"(.*)"$/, '$2');
}

function toInfo(key: string, o: S3ObjectSummary | S3HeadResult, size: number | undefined): ObjectInfo {
  const etag = bareEtag(o.ETag);
  return {
    key,
    size: size ?? 0,
    lastModified: o.LastModified ?? new Date(0),
    ...(etag === undefined ? {} : { etag }),
    ...(o.StorageClass === undefined ? {} : { storageClass: o.StorageClass }),
  };
}

/** `bytes 0-99/1234` -> 1234 */
function totalFromRange(contentRange: string | undefined): number | undefined {
  const m = /\/(\d+)\s*$/.exec(contentRange ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * ObjectStore over S3 (AWS or compatible). Retries throttling, 5xx and network errors with back-off;
 * a body that breaks mid-way is resumed from its byte offset with a ranged GET pinned to the first ETag.
 */
export class S3ObjectStore implements ObjectStore {
  readonly capabilities: ObjectStoreCapabilities = { sortedListing: true, rangeReads: true, storageClasses: true };
  private closed = false;

  constructor(private readonly options: S3ObjectStoreOptions) {}

  async *list(prefix: string, options: ListOptions = {}): AsyncIterable<ObjectInfo> {
    const { api, bucket } = this.options;
    let token: string | undefined;
    do {
      const input = {
        Bucket: bucket,
        Prefix: prefix,
        ...(token === undefined ? (options.startAfter ? { StartAfter: options.startAfter } : {}) : { ContinuationToken: token }),
      };
      const page = await this.retry(() => api.listObjectsV2(input, options.signal), { operation: 'list', bucket });
      for (const o of page.Contents ?? []) {
        if (o.Key !== undefined) yield toInfo(o.Key, o, o.Size);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  async stat(key: string, options: { signal?: AbortSignal } = {}): Promise<ObjectInfo | undefined> {
    const ctx: S3ErrorContext = { operation: 'stat', bucket: this.options.bucket, key };
    try {
      const head = await this.retry(() => this.options.api.headObject({ Bucket: this.options.bucket, Key: key }, options.signal), ctx);
      return toInfo(key, head, head.ContentLength);
    } catch (error) {
      if (isImportError(error) && error.code === 'STORAGE_NOT_FOUND' && error.details['s3Error'] !== 'NoSuchBucket') return undefined;
      throw error;
    }
  }

  async *read(key: string, options: ReadOptions = {}): AsyncIterable<Uint8Array> {
    const { api, bucket, retry: policy, sleep, logger } = this.options;
    const ctx: S3ErrorContext = { operation: 'read', bucket, key };
    const end = options.range?.end;
    let offset = options.range?.start ?? 0;
    let etag: string | undefined;
    let total: number | undefined;
    for (let resumes = 0; ; ) {
      const last = end === undefined ? (total === undefined ? undefined : total - 1) : total === undefined ? end : Math.min(end, total - 1);
      if (last !== undefined && offset > last) return;
      const ranged = offset > 0 || end !== undefined;
      const input = { Bucket: bucket, Key: key, ...(ranged ? { Range: `bytes=${offset}-${end ?? ''}` } : {}), ...(etag ? { IfMatch: etag } : {}) };
      const res = await this.retry(() => api.getObject(input, options.signal), ctx);
      etag ??= res.etag;
      total ??= totalFromRange(res.contentRange) ?? (ranged || res.contentLength === undefined ? undefined : res.contentLength);
      let done = false;
      try {
        for await (const chunk of res.body) {
          offset += chunk.byteLength;
          yield chunk;
        }
        const expectedEnd = end === undefined ? total : total === undefined ? end + 1 : Math.min(end + 1, total);
        if (expectedEnd !== undefined && offset < expectedEnd) {
          throw Object.assign(new Error('body ended early'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
        }
        done = true;
        return;
      } catch (error) {
        const mapped = mapS3Error(error, ctx);
        if (!mapped.retryable || resumes >= policy.maximumRetries) throw mapped;
        resumes++;
        const delay = backoffDelay(policy, resumes);
        logger.warn('S3 read broke mid-body; resuming from its byte offset', { bucket, key, offset, retry: resumes, delayMs: delay });
        await sleep(delay);
      } finally {
        // Breaking out of the loop (or an error) must release the connection: an unread body pins a socket.
        if (!done) res.body.destroy();
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.options.onClose?.();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private retry<T>(attempt: () => Promise<T>, ctx: S3ErrorContext): Promise<T> {
    return withRetry(attempt, (e) => mapS3Error(e, ctx), this.options.retry, this.options.sleep, (error, retry, delayMs) =>
      this.options.logger.warn(`S3 ${ctx.operation} failed (${error.code}); retrying`, { bucket: ctx.bucket, key: ctx.key, retry, delayMs }),
    );
  }
}

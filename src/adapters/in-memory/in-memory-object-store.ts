import { createHash } from 'node:crypto';
import { ImportError } from '../../domain/errors.js';
import { compareKeys } from '../../domain/key-order.js';
import type { ObjectInfo } from '../../domain/model/object-info.js';
import type { ListOptions, ObjectStore, ObjectStoreCapabilities, ReadOptions } from '../../ports/object-store.js';

interface Stored {
  readonly body: Uint8Array;
  readonly info: ObjectInfo;
}

/** An object store in memory, for tests and hosts that hand over bytes directly. */
export class InMemoryObjectStore implements ObjectStore {
  readonly capabilities: ObjectStoreCapabilities = { sortedListing: true, rangeReads: true, storageClasses: true };
  private readonly objects = new Map<string, Stored>();
  /** Counts list() calls, so tests can check how many listings a run makes. */
  listCalls = 0;

  constructor(private readonly chunkSize = 64 * 1024) {}

  put(key: string, body: Uint8Array | string, options: { storageClass?: string; lastModified?: Date } = {}): ObjectInfo {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const info: ObjectInfo = {
      key,
      size: bytes.length,
      lastModified: options.lastModified ?? new Date(),
      etag: createHash('md5').update(bytes).digest('hex'),
      ...(options.storageClass ? { storageClass: options.storageClass } : {}),
    };
    this.objects.set(key, { body: bytes, info });
    return info;
  }

  delete(key: string): void {
    this.objects.delete(key);
  }

  async *list(prefix: string, options: ListOptions = {}): AsyncIterable<ObjectInfo> {
    this.listCalls++;
    const infos = [...this.objects.values()].map((o) => o.info).filter((i) => i.key.startsWith(prefix));
    infos.sort((a, b) => compareKeys(a.key, b.key));
    for (const info of infos) {
      if (options.startAfter !== undefined && compareKeys(info.key, options.startAfter) <= 0) continue;
      yield info;
    }
  }

  async stat(key: string): Promise<ObjectInfo | undefined> {
    return this.objects.get(key)?.info;
  }

  async *read(key: string, options: ReadOptions = {}): AsyncIterable<Uint8Array> {
    const stored = this.objects.get(key);
    if (!stored) throw new ImportError('STORAGE_NOT_FOUND', `${key}: no such object; check the key`, { details: { key } });
    if (stored.info.storageClass === 'GLACIER' || stored.info.storageClass === 'DEEP_ARCHIVE') {
      throw new ImportError('STORAGE_GLACIER', `${key} is archived (${stored.info.storageClass}); restore it first`, { details: { key } });
    }
    const start = options.range?.start ?? 0;
    const end = Math.min(stored.body.length, (options.range?.end ?? stored.body.length - 1) + 1);
    for (let offset = start; offset < end; offset += this.chunkSize) {
      options.signal?.throwIfAborted();
      yield stored.body.subarray(offset, Math.min(end, offset + this.chunkSize));
    }
  }

  async close(): Promise<void> {}
}

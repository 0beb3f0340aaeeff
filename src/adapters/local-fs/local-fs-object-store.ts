import { closeSync, createReadStream, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ImportError } from '../../domain/errors.js';
import { compareKeys } from '../../domain/key-order.js';
import type { ObjectInfo } from '../../domain/model/object-info.js';
import type { ListOptions, ObjectStore, ObjectStoreCapabilities, ReadOptions } from '../../ports/object-store.js';

/**
 * A folder as a bucket. Keys are '/'-separated paths resolved against `root` (relative keys) or absolute, exactly
 * as the user wrote the prefix: `examples/data/` lists `examples/data/a.csv`. lastModified comes from mtime and
 * the etag from size + mtime, so an overwritten file counts as a new version for the load ledger.
 */
export class LocalFsObjectStore implements ObjectStore {
  readonly capabilities: ObjectStoreCapabilities = { sortedListing: true, rangeReads: true, storageClasses: false, localPaths: true };

  /**
   * `syncReads`: every read with blocking calls, for a parse worker thread (nothing else waits on its event loop).
   * Otherwise a file of at most `smallReadBytes` (default 1 MiB) is read whole with blocking calls too, and a larger
   * one streams. A stream costs four async round trips per file (~0.3 ms): with them, 2,000 files of 15 KB took
   * 983 ms to import on the main thread, 600 ms without (docs/decisions/performance.md). Blocking work gives the
   * event loop a turn every 20 ms (timers, signals, progress), so a folder of small files never starves it.
   */
  constructor(
    private readonly root: string,
    private readonly options: { readonly syncReads?: boolean; readonly smallReadBytes?: number } = {},
  ) {}

  async *list(prefix: string, options: ListOptions = {}): AsyncIterable<ObjectInfo> {
    // Walk from the deepest directory the prefix names; the rest of the prefix filters names (a raw prefix).
    const dirKey = prefix.endsWith('/') ? prefix : prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/') + 1) : '';
    const found: ObjectInfo[] = [];
    await this.walk(dirKey, prefix, found, options.signal);
    // Directory walks do not yield byte order across levels ('a-c' < 'a/b'), so sort the whole listing.
    found.sort((a, b) => compareKeys(a.key, b.key));
    for (const info of found) {
      if (options.startAfter !== undefined && compareKeys(info.key, options.startAfter) <= 0) continue;
      yield info;
    }
  }

  async stat(key: string): Promise<ObjectInfo | undefined> {
    await yieldIfBusy();
    return this.statNow(key);
  }

  async *read(key: string, options: ReadOptions = {}): AsyncIterable<Uint8Array> {
    const range = options.range;
    if (this.options.syncReads) {
      yield* this.readBlocking(key, options);
      return;
    }
    await yieldIfBusy();
    let fd: number;
    try {
      fd = openSync(this.resolve(key), 'r');
    } catch (error) {
      throw mapFsError(error, key);
    }
    let small: boolean;
    let size: number;
    try {
      size = fstatSync(fd).size;
      const start = range?.start ?? 0;
      const end = Math.min(size, range?.end === undefined ? Infinity : range.end + 1);
      small = end - start <= (this.options.smallReadBytes ?? SMALL_READ_BYTES);
    } catch (error) {
      closeSync(fd);
      throw mapFsError(error, key);
    }
    if (small) {
      try {
        yield* this.readBlocking(key, options, { fd, size });
      } finally {
        closeSync(fd);
      }
      return;
    }
    const stream = createReadStream(this.resolve(key), {
      fd,
      // 64 KiB: a chunk decodes to a string V8 allocates in the young generation and frees cheaply. 1 MiB chunks
      // became large-object-space strings collected only by major GCs, and peak RSS grew by ~150 MB. Reading 128 or
      // 256 KiB and handing on 64 KiB pieces saved read round trips (the warehouse thread's import of the bench CSV
      // ~5% faster, the default's within noise) but an 80-column CSV peaked 15-65 MB higher: not kept.
      highWaterMark: 1 << 16,
      ...(range ? { start: range.start, ...(range.end === undefined ? {} : { end: range.end }) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (error) {
      throw mapFsError(error, key);
    } finally {
      stream.destroy();
    }
  }

  localPath(key: string): string {
    return this.resolve(key);
  }

  async close(): Promise<void> {}

  /**
   * Reads with blocking calls; an `opened` descriptor is the caller's to close, with the file's `size` then (the
   * read ends there, and buffers are sized to it: a 64 KiB buffer per 15 KB file left ~35 MB of dead buffers).
   */
  private *readBlocking(key: string, { range, signal }: ReadOptions, opened?: { fd: number; size: number }): Iterable<Uint8Array> {
    let fd: number | undefined;
    try {
      fd = opened?.fd ?? openSync(this.resolve(key), 'r');
      let position = range?.start ?? 0;
      const end = Math.min(opened?.size ?? Infinity, range?.end === undefined ? Infinity : range.end + 1);
      while (position < end) {
        signal?.throwIfAborted();
        const chunk = Buffer.allocUnsafeSlow(Math.min(READ_CHUNK, end - position));
        const n = readSync(fd, chunk, 0, chunk.length, position);
        if (n === 0) return;
        position += n;
        yield n === chunk.length ? chunk : chunk.subarray(0, n);
      }
    } catch (error) {
      throw signal?.aborted && error === signal.reason ? error : mapFsError(error, key);
    } finally {
      if (fd !== undefined && opened === undefined) closeSync(fd);
    }
  }

  private statNow(key: string): ObjectInfo | undefined {
    let s: Stats;
    try {
      s = statSync(this.resolve(key));
    } catch (error) {
      if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return undefined;
      throw mapFsError(error, key);
    }
    return s.isFile() ? toInfo(key, s.size, s.mtime) : undefined;
  }

  private resolve(key: string): string {
    return path.resolve(this.root, key);
  }

  private async walk(dirKey: string, prefix: string, out: ObjectInfo[], signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    let entries;
    try {
      entries = await readdir(this.resolve(dirKey === '' ? '.' : dirKey), { withFileTypes: true });
    } catch (error) {
      if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return;
      throw mapFsError(error, dirKey);
    }
    for (const entry of entries) {
      const key = dirKey + entry.name;
      if (entry.isDirectory()) {
        // Descend only where keys below could still match the prefix.
        const sub = key + '/';
        if (sub.startsWith(prefix) || prefix.startsWith(sub)) await this.walk(sub, prefix, out, signal);
      } else if (key.startsWith(prefix) && (entry.isFile() || entry.isSymbolicLink())) {
        // Blocking stat: an awaited one per file cost ~50 us of round trip, 2.5 s for 50,000 files.
        await yieldIfBusy();
        const info = this.statNow(key);
        if (info) out.push(info);
      }
    }
  }
}

/** 64 KiB: see read(). */
const READ_CHUNK = 1 << 16;

/** Files up to this size are read whole with blocking calls on any thread (see the constructor). */
const SMALL_READ_BYTES = 1 << 20;

/** Blocking calls run back to back for at most this long before the event loop gets a turn. */
const BUSY_MS = 20;
let turnAt = performance.now();

/** Lets timers, signals and I/O callbacks run when blocking calls have held the thread for BUSY_MS. */
async function yieldIfBusy(): Promise<void> {
  if (performance.now() - turnAt < BUSY_MS) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  turnAt = performance.now();
}

function toInfo(key: string, size: number, mtime: Date): ObjectInfo {
  return { key, size, lastModified: mtime, etag: `${size.toString(16)}-${Math.round(mtime.getTime() * 1000).toString(16)}` };
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function mapFsError(error: unknown, key: string): ImportError {
  if (isErrno(error, 'ENOENT')) return new ImportError('STORAGE_NOT_FOUND', `${key}: no such file; check the path`, { cause: error, details: { key } });
  if (isErrno(error, 'EACCES') || isErrno(error, 'EPERM')) {
    return new ImportError('STORAGE_ACCESS_DENIED', `${key}: permission denied; make the file readable by this user`, { cause: error, details: { key } });
  }
  if (isErrno(error, 'EISDIR')) return new ImportError('STORAGE_NOT_FOUND', `${key} is a directory, not a file`, { cause: error, details: { key } });
  if (error instanceof Error && error.name === 'AbortError') return new ImportError('CANCELLED', `reading ${key} was cancelled`, { cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new ImportError('STORAGE_IO', `${key}: ${reason}`, { cause: error, details: { key } });
}

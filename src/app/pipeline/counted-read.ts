import type { ObjectInfo } from '../../domain/model/object-info.js';
import type { ObjectStore } from '../../ports/object-store.js';

/** The object's raw bytes, added to `counters.bytes` as they are read: the main thread's half of a file. */
export async function* countedRead(store: ObjectStore, file: ObjectInfo, signal: AbortSignal, counters: { bytes: number }): AsyncIterable<Uint8Array> {
  for await (const chunk of store.read(file.key, { signal })) {
    counters.bytes += chunk.length;
    yield chunk;
  }
}

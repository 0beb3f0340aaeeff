import type { ObjectInfo } from '../../domain/model/object-info.js';
import type { RecordBatch } from '../../domain/model/record-batch.js';
import type { SourceOptions } from '../../domain/model/source-options.js';
import type { ParseContext, RecordParser } from '../../domain/parsing/record-parser.js';
import type { ContentCodec } from '../../ports/content-codec.js';
import type { ObjectStore } from '../../ports/object-store.js';

export interface FileCounters {
  /** Raw (compressed) bytes read from the store. */
  bytes: number;
  invalidBytes: number;
}

/**
 * One file's path through the pipeline: read -> decompress -> decode charset -> parse. Streaming all the way:
 * memory does not grow with the file.
 */
export function fileBatches(
  store: ObjectStore,
  codec: ContentCodec,
  parser: RecordParser,
  source: SourceOptions,
  file: ObjectInfo,
  context: ParseContext,
  counters: FileCounters,
): AsyncIterable<RecordBatch> {
  const raw = countBytes(store.read(file.key, context.signal ? { signal: context.signal } : {}), counters);
  const bytes = codec.decompress(raw, { decoders: source.decoders, key: file.key });
  const text = codec.decodeText(bytes, {
    charset: source.parser.charset,
    key: file.key,
    onInvalidBytes: (count) => {
      counters.invalidBytes += count;
    },
  });
  return parser.parse(text, context);
}

async function* countBytes(chunks: AsyncIterable<Uint8Array>, counters: FileCounters): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    counters.bytes += chunk.length;
    yield chunk;
  }
}

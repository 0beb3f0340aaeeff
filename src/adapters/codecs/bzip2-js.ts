import unbzip2 from 'unbzip2-stream';
import { decompressionError } from './decode-error.js';

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The library signals running out of input with a TypeError from its bit reader.
  return error instanceof TypeError ? `unexpected end of bzip2 data (${message})` : message;
}

/**
 * Pure-JS bunzip2 (unbzip2-stream, about 8 MB/s): the fallback when no bzip2 program is available.
 * Concatenated streams decode to the concatenated content. With `tolerant`, a truncated or corrupt stream
 * ends quietly after the last complete block instead of failing with DATA_DECODE.
 */
export async function* bunzip2Js(
  source: AsyncIterable<Uint8Array>,
  key: string,
  tolerant = false,
): AsyncGenerator<Uint8Array> {
  const decoder = unbzip2();
  const ready: Buffer[] = [];
  let failure: { error: unknown } | null = null;
  // The decoder is synchronous: a write() emits every block it completed before returning.
  decoder.on('data', (chunk: Buffer) => ready.push(chunk));
  decoder.on('error', (error: unknown) => {
    failure ??= { error };
  });
  const settle = function* (): Generator<Uint8Array> {
    while (ready.length > 0) yield ready.shift() as Buffer;
    if (failure !== null && !tolerant) {
      throw decompressionError(key, 'bzip2', describe(failure.error), failure.error);
    }
  };
  for await (const chunk of source) {
    decoder.write(asBuffer(chunk));
    yield* settle();
    if (failure !== null) return;
  }
  decoder.end();
  yield* settle();
}

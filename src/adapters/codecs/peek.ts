/** The first bytes of a stream plus the whole stream again (nothing is consumed twice from the source). */
export interface PeekedStream {
  readonly head: Uint8Array;
  readonly stream: AsyncIterable<Uint8Array>;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  return Buffer.concat(chunks);
}

async function* replay(
  buffered: readonly Uint8Array[],
  iterator: AsyncIterator<Uint8Array>,
  ended: boolean,
): AsyncGenerator<Uint8Array> {
  try {
    yield* buffered;
    if (ended) return;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
    ended = true;
  } finally {
    // Stopping early must reach the source so that it can release its connection.
    if (!ended) await iterator.return?.();
  }
}

/**
 * Reads chunks until at least `length` bytes (or the end) are buffered. The returned stream yields the
 * buffered chunks and then the rest of the source; breaking out of it closes the source.
 */
export async function peek(source: AsyncIterable<Uint8Array>, length: number): Promise<PeekedStream> {
  const iterator = source[Symbol.asyncIterator]();
  const buffered: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  while (size < length) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    if (next.value.length === 0) continue;
    buffered.push(next.value);
    size += next.value.length;
  }
  const head = buffered.length === 0 ? new Uint8Array(0) : concat(buffered);
  return { head, stream: replay(buffered, iterator, ended) };
}

import { Readable, pipeline, type Transform } from 'node:stream';

/**
 * Feeds `source` through a Node Transform (with its backpressure) and yields the output. Errors from either
 * side surface from the iteration; breaking out destroys the transform and closes the source.
 */
export async function* throughTransform(
  source: AsyncIterable<Uint8Array>,
  transform: Transform,
): AsyncGenerator<Uint8Array> {
  const input = Readable.from(source, { objectMode: false });
  // Errors reach the consumer through the destroyed transform; the callback only keeps them handled.
  pipeline(input, transform, () => undefined);
  try {
    for await (const chunk of transform) yield chunk as Uint8Array;
  } finally {
    transform.destroy();
    input.destroy();
  }
}

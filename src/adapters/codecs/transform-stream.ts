import { Readable, pipeline, type Transform } from 'node:stream';

/**
 * Feeds `source` through a Node Transform (with its backpressure) and yields the output. A source error is
 * rethrown as it is; a transform error goes through `mapError` (e.g. to DATA_DECODE). Breaking out destroys
 * the transform and closes the source.
 */
export async function* throughTransform(
  source: AsyncIterable<Uint8Array>,
  transform: Transform,
  mapError: (error: unknown) => unknown = (error) => error,
): AsyncGenerator<Uint8Array> {
  const input = Readable.from(source, { objectMode: false });
  let sourceError: { error: unknown } | null = null;
  input.on('error', (error) => {
    sourceError ??= { error };
  });
  // Errors reach the consumer through the destroyed transform; the callback only keeps them handled.
  pipeline(input, transform, () => undefined);
  try {
    for await (const chunk of transform) yield chunk as Uint8Array;
  } catch (error) {
    throw sourceError === null ? mapError(error) : (sourceError as { error: unknown }).error;
  } finally {
    transform.destroy();
    input.destroy();
  }
}

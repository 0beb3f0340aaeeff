import { PassThrough, Readable, pipeline, type Transform } from 'node:stream';

/**
 * Feeds `source` through a Node Transform (with its backpressure) and yields the output. A source error is
 * rethrown as it is; a transform error goes through `mapError` (e.g. to DATA_DECODE). Breaking out destroys
 * the transform and closes the source. `readAhead` bytes of output may wait for the consumer: a transform that
 * works on another thread (zlib) keeps working while the consumer parses, instead of one chunk at a time.
 */
export async function* throughTransform(
  source: AsyncIterable<Uint8Array>,
  transform: Transform,
  mapError: (error: unknown) => unknown = (error) => error,
  readAhead?: number,
): AsyncGenerator<Uint8Array> {
  const input = Readable.from(source, { objectMode: false });
  let sourceError: { error: unknown } | null = null;
  input.on('error', (error) => {
    sourceError ??= { error };
  });
  // Errors reach the consumer through the destroyed transform; the callback only keeps them handled.
  const output = readAhead === undefined ? transform : new PassThrough({ highWaterMark: readAhead });
  if (output === transform) pipeline(input, transform, () => undefined);
  else pipeline(input, transform, output, () => undefined);
  try {
    for await (const chunk of output) yield chunk as Uint8Array;
  } catch (error) {
    throw sourceError === null ? mapError(error) : (sourceError as { error: unknown }).error;
  } finally {
    output.destroy();
    transform.destroy();
    input.destroy();
  }
}

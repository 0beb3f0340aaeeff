import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { decompressionError } from './decode-error.js';
import { throughTransform } from './transform-stream.js';

/**
 * Streams gunzip over `source`. Multi-member files (concatenated gzip, as written by `cat a.gz b.gz` or
 * pigz/bgzip) decode to the concatenated content. A truncated or corrupt stream fails with DATA_DECODE.
 */
export async function* gunzip(source: AsyncIterable<Uint8Array>, key: string): AsyncGenerator<Uint8Array> {
  yield* throughTransform(source, createGunzip(), (error) => decompressionError(key, 'gzip', zlibMessage(error), error));
}

/**
 * Gunzips a head sample that may stop anywhere: resolves to everything decodable before the cut instead of
 * failing with "unexpected end of file" (Embulk's guess fails on exactly this).
 */
export async function gunzipSample(head: Uint8Array): Promise<Uint8Array> {
  try {
    return gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return gunzipPrefix(head);
  }
}

/** Corrupt data inside the sample: keep what zlib emitted before it reached the damage. */
async function gunzipPrefix(head: Uint8Array): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  const slices = (async function* () {
    // Small slices make zlib emit what it decoded before it reaches a bad byte.
    for (let offset = 0; offset < head.length; offset += 4096) yield head.subarray(offset, offset + 4096);
  })();
  try {
    for await (const chunk of throughTransform(slices, createGunzip({ finishFlush: constants.Z_SYNC_FLUSH }))) {
      out.push(chunk);
    }
  } catch {
    // Expected: the sample is damaged; the prefix is the answer.
  }
  return Buffer.concat(out);
}

function zlibMessage(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === undefined ? error.message : `${error.message}, ${code}`;
  }
  return String(error);
}

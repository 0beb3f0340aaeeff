import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { decompressionError } from './decode-error.js';
import { throughTransform } from './transform-stream.js';

/**
 * Output chunks of 64 KiB (zlib's default 16 KiB meant four times the hand-offs), and up to 1 MiB decompressed
 * ahead: zlib runs on libuv's pool while the main thread parses (500,000 rows of csv.gz: 1.03-1.05 s ->
 * 0.96-0.97 s; docs/decisions/codecs.md).
 */
const READ_AHEAD = 1 << 20;

/**
 * Streams gunzip over `source`. Multi-member files (concatenated gzip, as written by `cat a.gz b.gz` or
 * pigz/bgzip) decode to the concatenated content. A truncated or corrupt stream fails with DATA_DECODE.
 */
export async function* gunzip(source: AsyncIterable<Uint8Array>, key: string): AsyncGenerator<Uint8Array> {
  yield* throughTransform(source, createGunzip({ chunkSize: 64 * 1024 }), (error) => decompressionError(key, 'gzip', zlibMessage(error), error), READ_AHEAD);
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

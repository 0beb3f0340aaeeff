import type { DecoderSpec } from '../../domain/model/parser-options.js';
import { bunzip2Js } from './bzip2-js.js';
import { detectCompression } from './magic.js';
import { gunzipSample } from './gzip.js';
import { MAX_DECODER_LAYERS } from './decoder-chain.js';

/** Options of {@link decompressSample}. */
export interface SampleOptions {
  /** Stop after this many decompressed bytes (default 4 MiB): guess needs a sample, not the file. */
  readonly maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
const SLICE = 64 * 1024;

/**
 * Tolerant decompression of a head sample (the first 32 KiB..1 MiB of an object) for guess and preview:
 * never throws on a cut or damaged stream, and resolves to whatever could be decoded. `decoders` null means
 * detect from magic bytes (nested layers too). bzip2 decodes only complete blocks (up to 900 kB of input
 * each), so a bzip2 sample shorter than its first block resolves to an empty array.
 */
export async function decompressSample(
  head: Uint8Array,
  decoders: readonly DecoderSpec[] | null,
  options: SampleOptions = {},
): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes = head;
  for (let layer = 0; layer < (decoders?.length ?? MAX_DECODER_LAYERS); layer += 1) {
    const decoder = decoders === null ? detectCompression(bytes) : (decoders[layer] ?? null);
    if (decoder === null) break;
    bytes = decoder.type === 'gzip' ? await gunzipSample(bytes) : await bunzip2Sample(bytes, maxBytes);
  }
  return bytes.length > maxBytes ? bytes.subarray(0, maxBytes) : bytes;
}

async function bunzip2Sample(head: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  // Pure JS on purpose: lbzip2 decodes blocks in parallel and emits a nondeterministic prefix when cut.
  const slices = (async function* () {
    for (let offset = 0; offset < head.length; offset += SLICE) yield head.subarray(offset, offset + SLICE);
  })();
  const out: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of bunzip2Js(slices, '(sample)', true)) {
    out.push(chunk);
    size += chunk.length;
    if (size >= maxBytes) break;
  }
  return Buffer.concat(out);
}

import type { DecoderSpec } from '../../domain/model/parser-options.js';
import { constants, gunzipSync } from 'node:zlib';
import { detectCompression } from './magic.js';

/** Nested compression deeper than this is not followed (a .gz inside a .bz2 is already unusual). */
export const MAX_DECODER_LAYERS = 3;

/**
 * The decoders that `head` needs, outermost first, from magic bytes only. Looks inside gzip layers (cheap
 * on a head sample); a bzip2 layer is reported without looking inside it.
 */
export function detectDecoderChain(head: Uint8Array): DecoderSpec[] {
  const chain: DecoderSpec[] = [];
  let bytes: Uint8Array | null = head;
  while (bytes !== null && chain.length < MAX_DECODER_LAYERS) {
    const decoder = detectCompression(bytes);
    if (decoder === null) break;
    chain.push(decoder);
    bytes = decoder.type === 'gzip' ? gunzipHeadSync(bytes) : null;
  }
  return chain;
}

function gunzipHeadSync(bytes: Uint8Array): Uint8Array | null {
  try {
    return gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return null; // a damaged head: report the outer layer only
  }
}

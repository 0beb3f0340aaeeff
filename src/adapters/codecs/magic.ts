import type { DecoderSpec } from '../../domain/model/parser-options.js';

/** Bytes needed to recognise any supported compression format. */
export const MAGIC_LENGTH = 10;

const BZIP2_BLOCK_MAGIC = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59];
// An empty bzip2 stream has no block: the header is followed directly by the end-of-stream marker.
const BZIP2_EOS_MAGIC = [0x17, 0x72, 0x45, 0x38, 0x50, 0x90];

function startsWith(bytes: Uint8Array, offset: number, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[offset + i] === b);
}

/**
 * The compression of `head` from its magic bytes (never from a file extension): gzip `1f 8b 08`,
 * bzip2 `BZh[1-9]` followed by a block or end-of-stream marker; null for anything else.
 */
export function detectCompression(head: Uint8Array): DecoderSpec | null {
  if (head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08) return { type: 'gzip' };
  if (head.length >= MAGIC_LENGTH && startsWith(head, 0, [0x42, 0x5a, 0x68])) {
    const level = head[3] ?? 0;
    const marked = startsWith(head, 4, BZIP2_BLOCK_MAGIC) || startsWith(head, 4, BZIP2_EOS_MAGIC);
    if (level >= 0x31 && level <= 0x39 && marked) return { type: 'bzip2' };
  }
  return null;
}

import type { DecoderSpec } from '../domain/model/parser-options.js';

export interface DecompressOptions {
  /** Explicit decoders (applied in order); null means detect from the content's magic bytes. */
  readonly decoders: readonly DecoderSpec[] | null;
  /** The object key, named in every error. */
  readonly key: string;
}

export interface TextDecodeOptions {
  /** Charset name as in the config (UTF-8, UTF-16LE, Shift_JIS, MS932, EUC-JP, ISO-8859-1, windows-1252...). */
  readonly charset: string;
  readonly key: string;
  /** Called with the number of invalid byte sequences replaced by U+FFFD, once at the end when > 0. */
  readonly onInvalidBytes?: (count: number) => void;
}

/**
 * Turns an object's bytes into text: decompression (gzip incl. multi-member, bzip2) then charset decoding.
 * A truncated or corrupt stream fails with DATA_DECODE naming the key.
 */
export interface ContentCodec {
  decompress(bytes: AsyncIterable<Uint8Array>, options: DecompressOptions): AsyncIterable<Uint8Array>;
  decodeText(bytes: AsyncIterable<Uint8Array>, options: TextDecodeOptions): AsyncIterable<string>;
  /** Decoders detected from the first bytes of a stream (for guess). */
  detectDecoders(head: Uint8Array): DecoderSpec[];
  /**
   * Decompresses a sample that may be cut anywhere (the first bytes of a .gz/.bz2 object) and returns what could
   * be decoded, without failing on the truncated end (for guess and preview).
   */
  decompressSample(head: Uint8Array, decoders: readonly DecoderSpec[]): Promise<Uint8Array>;
}
export const ContentCodec = Symbol.for('s3-import:ContentCodec');

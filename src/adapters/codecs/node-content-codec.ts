import type { DecoderSpec } from '../../domain/model/parser-options.js';
import type { ContentCodec, DecompressOptions, TextDecodeOptions } from '../../ports/content-codec.js';
import { Bzip2Decompressor } from './bzip2.js';
import { decodeCharset } from './charset.js';
import { detectDecoderChain, MAX_DECODER_LAYERS } from './decoder-chain.js';
import { gunzip } from './gzip.js';
import { detectCompression, MAGIC_LENGTH } from './magic.js';
import { peek } from './peek.js';
import { decompressSample, type SampleOptions } from './sample.js';

/** Options of {@link NodeContentCodec}. */
export interface NodeContentCodecOptions {
  /**
   * The bzip2 fast path: a program name or path run as `<command> -d -c`; null forces the pure-JS decoder;
   * undefined (default) tries `lbzip2`, then `bzip2` on PATH, then pure JS.
   */
  readonly bzip2Command?: string | null;
}

/**
 * ContentCodec on Node: gzip through zlib, bzip2 through an lbzip2/bzip2 child process (pure-JS fallback),
 * charsets through TextDecoder (UTF-8, UTF-16) and iconv-lite (Shift_JIS/MS932, EUC-JP, ISO-8859-1...).
 */
export class NodeContentCodec implements ContentCodec {
  private readonly bzip2: Bzip2Decompressor;

  constructor(options: NodeContentCodecOptions = {}) {
    this.bzip2 = new Bzip2Decompressor(options.bzip2Command);
  }

  /**
   * Explicit decoders apply in order (an empty list means none); null detects them from magic bytes, layer
   * by layer. Breaking out of the iteration stops any child process and closes `bytes`. Errors: DATA_DECODE.
   */
  decompress(bytes: AsyncIterable<Uint8Array>, options: DecompressOptions): AsyncIterable<Uint8Array> {
    return options.decoders === null
      ? this.detectAndDecompress(bytes, options.key, 0)
      : this.applyAll(bytes, options.decoders, options.key);
  }

  /** Text chunks in the configured charset; CONFIG_INVALID for an unknown charset name. */
  decodeText(bytes: AsyncIterable<Uint8Array>, options: TextDecodeOptions): AsyncIterable<string> {
    return decodeCharset(bytes, options.charset, options.onInvalidBytes);
  }

  /** Decoders for a head sample, outermost first (e.g. `[{type: 'gzip'}]`); empty for plain content. */
  detectDecoders(head: Uint8Array): DecoderSpec[] {
    return detectDecoderChain(head);
  }

  /** Tolerant decompression of a head sample for guess; see {@link decompressSample}. */
  decompressSample(head: Uint8Array, decoders: readonly DecoderSpec[] | null, options?: SampleOptions): Promise<Uint8Array> {
    return decompressSample(head, decoders, options);
  }

  /** The bzip2 program in use, or null when bzip2 falls back to pure JS (for diagnostics). */
  get bzip2Command(): string | null {
    return this.bzip2.command;
  }

  private async *applyAll(
    bytes: AsyncIterable<Uint8Array>,
    decoders: readonly DecoderSpec[],
    key: string,
  ): AsyncGenerator<Uint8Array> {
    let stream = bytes;
    for (const decoder of decoders) stream = await this.nonEmpty(stream, (s) => this.apply(s, decoder, key));
    yield* stream;
  }

  private async *detectAndDecompress(bytes: AsyncIterable<Uint8Array>, key: string, depth: number): AsyncGenerator<Uint8Array> {
    const { head, stream } = await peek(bytes, MAGIC_LENGTH);
    const decoder = depth < MAX_DECODER_LAYERS ? detectCompression(head) : null;
    if (decoder === null) yield* stream;
    else yield* this.detectAndDecompress(this.apply(stream, decoder, key), key, depth + 1);
  }

  /** A zero-byte object decodes to nothing under any decoder (zlib would call it truncated). */
  private async nonEmpty(
    bytes: AsyncIterable<Uint8Array>,
    decode: (stream: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>,
  ): Promise<AsyncIterable<Uint8Array>> {
    const { head, stream } = await peek(bytes, 1);
    return head.length === 0 ? stream : decode(stream);
  }

  private apply(bytes: AsyncIterable<Uint8Array>, decoder: DecoderSpec, key: string): AsyncIterable<Uint8Array> {
    return decoder.type === 'gzip' ? gunzip(bytes, key) : this.bzip2.decompress(bytes, key);
  }
}

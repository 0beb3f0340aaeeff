import iconv from 'iconv-lite';

/** Incremental bytes -> text decoding that counts the invalid byte sequences it replaced by U+FFFD. */
export interface CharsetDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
  /** Invalid byte sequences replaced so far. */
  readonly invalid: number;
}

const REPLACEMENT = '\uFFFD';

export function countReplacements(text: string): number {
  let count = 0;
  for (let at = text.indexOf(REPLACEMENT); at !== -1; at = text.indexOf(REPLACEMENT, at + 1)) count += 1;
  return count;
}

/**
 * UTF-8 through the native TextDecoder (stream mode, BOM stripped). A U+FFFD in the output is either a
 * replacement or a literal EF BF BD in the input; the bytes are scanned only for chunks whose output has one.
 */
export class Utf8Decoder implements CharsetDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  private tail: Uint8Array = new Uint8Array(0);
  invalid = 0;

  write(chunk: Uint8Array): string {
    const text = this.decoder.decode(chunk, { stream: true });
    const replaced = countReplacements(text);
    if (replaced > 0) this.invalid += replaced - this.literals(chunk);
    // A literal split across chunks is completed (and emitted) by the chunk holding its last byte.
    this.tail = chunk.length >= 2 ? chunk.subarray(chunk.length - 2) : Buffer.concat([this.tail, chunk]).subarray(-2);
    return text;
  }

  end(): string {
    const text = this.decoder.decode();
    this.invalid += countReplacements(text);
    return text;
  }

  /** Literal EF BF BD sequences ending in `chunk` (those starting in the previous chunk included). */
  private literals(chunk: Uint8Array): number {
    const bytes = Buffer.concat([this.tail, chunk]);
    let count = 0;
    for (let at = bytes.indexOf(0xef); at !== -1 && at + 2 < bytes.length; at = bytes.indexOf(0xef, at + 1)) {
      if (bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd) count += 1;
    }
    return count;
  }
}

/**
 * Any other charset: UTF-16LE/BE through the native TextDecoder, the rest through iconv-lite. Every U+FFFD
 * is counted as a replacement (legacy charsets cannot encode U+FFFD; in UTF-16 a literal one is miscounted).
 */
export class ReplacementCountingDecoder implements CharsetDecoder {
  invalid = 0;

  constructor(private readonly inner: { write(chunk: Uint8Array): string; end(): string }) {}

  write(chunk: Uint8Array): string {
    return this.counted(this.inner.write(chunk));
  }

  end(): string {
    return this.counted(this.inner.end());
  }

  private counted(text: string): string {
    this.invalid += countReplacements(text);
    return text;
  }
}

export function nativeDecoder(label: 'utf-16le' | 'utf-16be'): CharsetDecoder {
  const decoder = new TextDecoder(label);
  return new ReplacementCountingDecoder({
    write: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  });
}

export function iconvDecoder(encoding: string): CharsetDecoder {
  const decoder = iconv.getDecoder(encoding);
  return new ReplacementCountingDecoder({
    write: (chunk) => decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)),
    end: () => decoder.end() ?? '',
  });
}

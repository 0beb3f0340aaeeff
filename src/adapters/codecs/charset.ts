import iconv from 'iconv-lite';
import { configError } from '../../domain/errors.js';
import { iconvDecoder, nativeDecoder, Utf8Decoder, type CharsetDecoder } from './charset-decoders.js';
import { peek } from './peek.js';

type Unicode = 'utf8' | 'utf16le' | 'utf16be';

const SHIFT_JIS_NAMES = new Set(['shiftjis', 'sjis', 'ms932', 'cp932', 'windows31j', 'windows932', 'mskanji', 'xsjis', 'csshiftjis']);
const UNICODE_FAMILY = new Set(['utf8', 'utf16', 'utf16le', 'utf16be', 'unicode']);

function canonical(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Throws CONFIG_INVALID unless `charset` can be decoded. Accepts the Java/Embulk names (UTF-8, UTF-16LE,
 * Shift_JIS, MS932, windows-31j, EUC-JP, ISO-8859-1, windows-1252...) and anything iconv-lite knows.
 */
export function assertSupportedCharset(charset: string): void {
  const name = canonical(charset);
  if (UNICODE_FAMILY.has(name) || SHIFT_JIS_NAMES.has(name) || iconv.encodingExists(charset)) return;
  throw configError(
    'in.parser.charset',
    `unknown charset "${charset}"; use a name such as UTF-8, UTF-16LE, UTF-16BE, Shift_JIS, MS932, EUC-JP, ` +
      'ISO-8859-1 or windows-1252 (or run guess to detect it)',
  );
}

/** The Unicode encoding a byte order mark announces, and the mark's length. */
export function sniffBom(head: Uint8Array): { charset: Unicode; length: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { charset: 'utf8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { charset: 'utf16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { charset: 'utf16be', length: 2 };
  return null;
}

/**
 * Chooses the decoder. When a Unicode charset is configured (UTF-8 is the default), a BOM wins: a file that
 * starts with FF FE is UTF-16LE whatever the config says (Embulk honours the BOM only for UTF-8). A legacy
 * charset such as Shift_JIS is honoured as configured.
 */
export function createCharsetDecoder(charset: string, head: Uint8Array): CharsetDecoder {
  assertSupportedCharset(charset);
  const name = canonical(charset);
  const bom = UNICODE_FAMILY.has(name) ? sniffBom(head) : null;
  const effective = bom?.charset ?? name;
  if (effective === 'utf8') return new Utf8Decoder();
  if (effective === 'utf16le') return nativeDecoder('utf-16le');
  if (effective === 'utf16be') return nativeDecoder('utf-16be');
  // iconv-lite's cp932 table is Shift_JIS plus the NEC/IBM extensions, i.e. what Windows writes.
  return iconvDecoder(SHIFT_JIS_NAMES.has(name) ? 'cp932' : charset);
}

/**
 * Decodes a byte stream to text chunks. Invalid bytes become U+FFFD; their count is reported once at the end
 * through `onInvalidBytes` when it is not zero.
 */
export async function* decodeCharset(
  bytes: AsyncIterable<Uint8Array>,
  charset: string,
  onInvalidBytes?: (count: number) => void,
): AsyncGenerator<string> {
  assertSupportedCharset(charset);
  const { head, stream } = await peek(bytes, 3);
  const decoder = createCharsetDecoder(charset, head);
  for await (const chunk of stream) {
    const text = decoder.write(chunk);
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
  if (decoder.invalid > 0) onInvalidBytes?.(decoder.invalid);
}

import iconv from 'iconv-lite';
import { detectCharset } from './charset-detection.js';

export interface CharsetGuess {
  readonly charset: string;
  readonly explain: string;
}

/** The reference writes Java charset names; these are the ones its guess maps detector answers to. */
const RENAMES: Readonly<Record<string, string>> = {
  'Shift_JIS': 'MS932',
  // windows-1252 is a superset of ISO-8859-1 that gives 0x80-0x9F printable meanings (smart quotes, euro).
  'ISO-8859-1': 'windows-1252',
};

/**
 * Picks the charset. A user setting wins; a BOM decides; a sample that is valid UTF-8 is UTF-8 (pure ASCII
 * included). Only otherwise is the detector asked, and its answer is kept even at low confidence, because
 * the reference's "low confidence -> UTF-8" would turn every non-ASCII byte of a non-UTF-8 file into U+FFFD.
 */
export function guessCharset(sample: Uint8Array, userCharset: string | undefined, complete: boolean): CharsetGuess {
  if (userCharset !== undefined) return { charset: userCharset, explain: `charset: ${userCharset} (set in seed.yml)` };
  const bom = bomCharset(sample);
  if (bom !== null) return { charset: bom, explain: `charset: ${bom} (byte order mark)` };
  if (isUtf8(sample, complete)) {
    const ascii = sample.every((b) => b < 0x80);
    return { charset: 'UTF-8', explain: `charset: UTF-8 (${ascii ? 'the sample is plain ASCII' : 'the sample is valid UTF-8'})` };
  }
  const detected = detectCharset(sample);
  if (detected.confidence < 50) {
    const japanese = plausibleJapanese(sample);
    if (japanese !== null) {
      return { charset: japanese, explain: `charset: ${japanese} (not valid UTF-8; the detector's ${detected.charset} had confidence ${detected.confidence}, but the bytes decode cleanly as ${japanese} into Japanese text)` };
    }
  }
  const charset = RENAMES[detected.charset] ?? detected.charset;
  const known = iconv.encodingExists(charset) ? charset : 'UTF-8';
  const renamed = known === detected.charset ? '' : `, written as ${known}`;
  const weak = detected.confidence < 50 ? '; low confidence: check non-ASCII text in preview and set parser.charset if wrong' : '';
  return {
    charset: known,
    explain: `charset: ${known} (not valid UTF-8; detector said ${detected.charset} with confidence ${detected.confidence}${renamed}${weak})`,
  };
}

/**
 * chardet misreads short Shift_JIS files (duckdb's shift_jis.csv comes back as KOI8-R at 11). When the
 * detector is unsure, a strict decode that yields only Japanese characters beyond ASCII is better evidence.
 */
function plausibleJapanese(sample: Uint8Array): string | null {
  for (const charset of ['MS932', 'EUC-JP']) {
    const text = iconv.decode(Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength), charset);
    let japanese = 0;
    let other = 0;
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) continue;
      if ((c >= 0x3000 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xff01 && c <= 0xff9f)) japanese++;
      else other++;
    }
    if (japanese >= 8 && other <= japanese / 20) return charset;
  }
  return null;
}

function bomCharset(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'UTF-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'UTF-16LE';
  if (b[0] === 0xfe && b[1] === 0xff) return 'UTF-16BE';
  return null;
}

function isUtf8(sample: Uint8Array, complete: boolean): boolean {
  // A ranged sample may cut a multi-byte character in two: ignore up to 3 trailing bytes of a partial one.
  let end = sample.length;
  if (!complete) {
    for (let i = 1; i <= 3 && end - i >= 0; i++) {
      const b = sample[end - i]!;
      if (b >= 0xc0) {
        end -= i;
        break;
      }
      if (b < 0x80) break;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Decodes the sample to text, dropping a BOM (the parser skips it too). */
export function decodeSample(sample: Uint8Array, charset: string): string {
  const text = iconv.encodingExists(charset) ? iconv.decode(Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength), charset) : new TextDecoder().decode(sample);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

import chardet from 'chardet';

/** A charset name the codecs accept, with the detector's confidence (0-100; 100 for a byte order mark). */
export interface DetectedCharset {
  readonly charset: string;
  readonly confidence: number;
}

const BOMS: ReadonlyArray<{ bytes: readonly number[]; charset: string }> = [
  { bytes: [0xef, 0xbb, 0xbf], charset: 'UTF-8' },
  // UTF-32LE before UTF-16LE: FF FE 00 00 would otherwise read as UTF-16LE starting with U+0000.
  { bytes: [0xff, 0xfe, 0x00, 0x00], charset: 'UTF-32LE' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], charset: 'UTF-32BE' },
  { bytes: [0xff, 0xfe], charset: 'UTF-16LE' },
  { bytes: [0xfe, 0xff], charset: 'UTF-16BE' },
];

/** Detector answers written the way the reference writes them (Java charset names). */
const RENAMES: Readonly<Record<string, string>> = { Shift_JIS: 'MS932', ASCII: 'UTF-8' };

function bomCharset(sample: Uint8Array): string | null {
  const match = BOMS.find(({ bytes }) => bytes.every((b, i) => sample[i] === b));
  return match?.charset ?? null;
}

/** True when the sample is valid UTF-8; a multi-byte character cut at the end of the sample is allowed. */
export function isValidUtf8(sample: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The charset of a sample, following the reference guess: a BOM wins; otherwise chardet's best match, with
 * Shift_JIS written as MS932. The reference turns low-confidence (< 50) and ISO-8859-1 answers into UTF-8;
 * here that happens only when the bytes are valid UTF-8, because decoding non-UTF-8 bytes as UTF-8 turns
 * every accented or Japanese character into U+FFFD, while the detector's guess is usually right or close.
 */
export function detectCharset(sample: Uint8Array): DetectedCharset {
  const bom = bomCharset(sample);
  if (bom !== null) return { charset: bom, confidence: 100 };
  const best = chardet.analyse(sample)[0];
  const utf8 = isValidUtf8(sample);
  if (best === undefined) return { charset: 'UTF-8', confidence: utf8 ? 100 : 0 };
  const lowConfidence = best.confidence < 50 || best.name === 'ISO-8859-1';
  if (lowConfidence && utf8) return { charset: 'UTF-8', confidence: best.confidence };
  return { charset: RENAMES[best.name] ?? best.name, confidence: best.confidence };
}

import { parseJsonExact } from '../model/json-text.js';
import type { JsonValue } from '../model/record-batch.js';

/** Embulk's TRUE strings; every other text is false (as the reference does). */
const TRUE_STRINGS = new Set(['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', 't', 'T', 'y', 'Y', 'on', 'On', 'ON', '1']);

/** true for Embulk's TRUE strings (`true`, `yes`, `t`, `y`, `on` in three casings, and `1`), else false. */
export function parseBoolean(text: string): boolean {
  // The usual spellings first: comparing with a constant is cheaper than hashing a freshly sliced string.
  if (text === 'true') return true;
  if (text === 'false') return false;
  return TRUE_STRINGS.has(text);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Parses a decimal integer as Java's Long.parseLong does (optional sign, digits only, 64-bit range).
 * @returns a number when it is a safe integer, a bigint beyond that, null when the text is not an int64.
 */
export function parseLong(text: string): number | bigint | null {
  const len = text.length;
  const from = text.charCodeAt(0) === 43 /* + */ ? 1 : 0;
  if (from === 1 && text.charCodeAt(1) === 45 /* - */) return null;
  // The common case (a sign and up to 15 digits) is longAt's; what is left is long digit runs and non-numbers.
  const small = longAt(text, from, len);
  if (small !== undefined) return small;
  const digits = from + (text.charCodeAt(from) === 45 ? 1 : 0);
  if (digits === len) return null;
  for (let j = digits; j < len; j++) {
    const d = text.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return null;
  }
  const big = BigInt(text);
  if (big < INT64_MIN || big > INT64_MAX) return null;
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/**
 * parseLong's common case, read in place from text[start, end): an optional '-' and 1 to 15 digits (a hand-rolled
 * digit loop: a regex plus Number() is ~3x slower, and this runs for every long cell). undefined for anything
 * else (parseLong then decides on the sliced text).
 */
export function longAt(text: string, start: number, end: number): number | undefined {
  const negative = text.charCodeAt(start) === 45; /* - */
  const from = negative ? start + 1 : start;
  if (from === end || end - from > 15) return undefined;
  let value = 0;
  for (let j = from; j < end; j++) {
    const d = text.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
  }
  return negative && value !== 0 ? -value : value;
}

/** parseBoolean's two usual spellings read in place; undefined for any other text (parseBoolean decides). */
export function booleanAt(text: string, start: number, end: number): boolean | undefined {
  const n = end - start;
  if (n === 4 && text.startsWith('true', start)) return true;
  if (n === 5 && text.startsWith('false', start)) return false;
  return undefined;
}

/**
 * Parses a decimal floating-point number as Java's Double.parseDouble does for decimal text: sign, digits,
 * fraction, exponent, `NaN`, `Infinity`, surrounding whitespace. Hex/binary/octal forms and empty text are not numbers.
 */
export function parseDouble(text: string): number | null {
  const simple = plainDecimal(text, 0, text.length);
  if (simple !== undefined) return simple;
  const n = Number(text);
  if (!Number.isNaN(n)) {
    if (n === 0 && text.trim() === '') return null;
    // Number() also reads 0x1F, 0b11 and 0o17 (only unsigned, after leading whitespace); Java does not.
    const start = text.trimStart();
    if (start.charCodeAt(0) === 48 /* 0 */) {
      const c = start.charCodeAt(1) | 32;
      if (c === 120 /* x */ || c === 98 /* b */ || c === 111 /* o */) return null;
    }
    return n;
  }
  const trimmed = text.trim();
  return trimmed === 'NaN' || trimmed === '+NaN' || trimmed === '-NaN' ? NaN : null;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Clinger's fast path for the common `-123.45` shape, read in text[start, end): with at most 15 significant
 * digits the mantissa and 10^k are exact doubles and one correctly rounded division gives exactly what Number()
 * gives. Anything else (exponents, spaces, more digits, a lone '.' or '-') returns undefined for the general path.
 */
export function plainDecimal(text: string, start: number, end: number): number | undefined {
  const negative = text.charCodeAt(start) === 45; /* - */
  let i = negative ? start + 1 : start;
  if (i === end || end - start > 17) return undefined;
  let mantissa = 0;
  let digitCount = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (fraction >= 0) return undefined;
      fraction = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return undefined;
    mantissa = mantissa * 10 + d;
    digitCount++;
    if (fraction >= 0) fraction++;
  }
  if (digitCount === 0 || digitCount > 15) return undefined;
  const value = fraction > 0 ? mantissa / POW10[fraction]! : mantissa;
  return negative ? -value : value;
}

/** Parses JSON text; undefined when it is not valid JSON. */
export function parseJson(text: string): JsonValue | undefined {
  try {
    return parseJsonExact(text);
  } catch {
    return undefined;
  }
}

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
  if (len === 0) return null;
  let i = 0;
  const first = text.charCodeAt(0);
  if (first === 45 /* - */ || first === 43 /* + */) {
    if (len === 1) return null;
    i = 1;
  }
  // Hand-rolled digit loop: this runs for every long cell, and a regex plus Number() is ~3x slower.
  let value = 0;
  for (let j = i; j < len; j++) {
    const d = text.charCodeAt(j) - 48;
    if (d < 0 || d > 9) return null;
    value = value * 10 + d;
  }
  if (len - i <= 15) return first === 45 && value !== 0 ? -value : value;
  const big = BigInt(text);
  if (big < INT64_MIN || big > INT64_MAX) return null;
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/**
 * Parses a decimal floating-point number as Java's Double.parseDouble does for decimal text: sign, digits,
 * fraction, exponent, `NaN`, `Infinity`, surrounding whitespace. Hex/binary/octal forms and empty text are not numbers.
 */
export function parseDouble(text: string): number | null {
  const simple = plainDecimal(text);
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
 * Clinger's fast path for the common `-123.45` shape: with at most 15 significant digits the mantissa and
 * 10^k are exact doubles and one correctly rounded division gives exactly what Number() gives. Anything else
 * (exponents, spaces, more digits, a lone '.' or '-') returns undefined for the general path.
 */
function plainDecimal(text: string): number | undefined {
  const length = text.length;
  let i = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  if (i === length || length > 17) return undefined;
  let mantissa = 0;
  let digitCount = 0;
  let fraction = -1;
  for (; i < length; i++) {
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
  return text.charCodeAt(0) === 45 ? -value : value;
}

/** Parses JSON text; undefined when it is not valid JSON. */
export function parseJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

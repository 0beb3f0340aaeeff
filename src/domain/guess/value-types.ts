import { timestampCandidates } from './timestamp-candidates.js';

/** What one cell looks like. `timestamp` carries the strftime formats that match it, best first. */
export type ValueGuess =
  | { readonly type: 'boolean' | 'long' | 'double' | 'string' | 'json' }
  | { readonly type: 'timestamp'; readonly formats: readonly string[] };

const TRUE_STRINGS = ['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', 't', 'T', 'y', 'Y', 'on', 'On', 'ON'];
const FALSE_STRINGS = ['false', 'False', 'FALSE', 'no', 'No', 'NO', 'f', 'F', 'n', 'N', 'off', 'Off', 'OFF'];
const BOOLEANS = new Set([...TRUE_STRINGS, ...FALSE_STRINGS]);

const INTEGER = /^-?(0|[1-9][0-9]*)$/;
const DECIMAL = /^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/;
const SPECIAL_DOUBLE = /^[-+]?(NaN|Infinity)$/;
const INT64_MAX = 9223372036854775807n;

/**
 * Types one cell in the reference's order: boolean, timestamp, long, double, json, string. A long must
 * round-trip (no `01`, no `+1`) and fit in 64 bits; `1e5` is not a double (no fraction), as in the reference.
 */
export function guessValue(text: string): ValueGuess {
  if (BOOLEANS.has(text)) return { type: 'boolean' };
  const formats = timestampCandidates(text);
  if (formats.length > 0) return { type: 'timestamp', formats };
  if (INTEGER.test(text)) {
    const n = BigInt(text);
    return n <= INT64_MAX && n >= -INT64_MAX - 1n ? { type: 'long' } : { type: 'string' };
  }
  if (DECIMAL.test(text) || SPECIAL_DOUBLE.test(text)) return { type: 'double' };
  if ((text.startsWith('{') && text.endsWith('}')) || (text.startsWith('[') && text.endsWith(']'))) {
    try {
      JSON.parse(text);
      return { type: 'json' };
    } catch {
      return { type: 'string' };
    }
  }
  return { type: 'string' };
}

/**
 * Merges the guesses of one column's cells (nulls left out) with the reference's rules: double+long ->
 * double; boolean+long -> long; long+timestamp -> long; timestamps keep only formats every value matches;
 * any other mix -> string; no values -> string.
 */
export function mergeGuesses(guesses: readonly ValueGuess[]): ValueGuess {
  let merged: ValueGuess | null = null;
  for (const guess of guesses) {
    merged = merged === null ? guess : mergeTwo(merged, guess);
    if (merged.type === 'string') return merged;
  }
  return merged ?? { type: 'string' };
}

function mergeTwo(a: ValueGuess, b: ValueGuess): ValueGuess {
  if (a.type === 'timestamp' && b.type === 'timestamp') {
    const formats = a.formats.filter((f) => b.formats.includes(f));
    return formats.length > 0 ? { type: 'timestamp', formats } : { type: 'string' };
  }
  if (a.type === b.type) return a;
  const pair = new Set([a.type, b.type]);
  const has = (x: string, y: string): boolean => pair.has(x as ValueGuess['type']) && pair.has(y as ValueGuess['type']);
  if (has('double', 'long')) return { type: 'double' };
  if (has('boolean', 'long') || has('long', 'timestamp')) return { type: 'long' };
  return { type: 'string' };
}

/** True when the text is one of the strings the parser reads as boolean true (used by explain). */
export function isBooleanText(text: string): boolean {
  return BOOLEANS.has(text);
}

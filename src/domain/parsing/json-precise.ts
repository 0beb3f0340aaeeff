import type { JsonValue } from '../model/record-batch.js';

/** A parsed JSON value whose integers past 2^53 are bigints, exact as written. */
export type PreciseJsonValue = JsonValue | bigint | PreciseJsonValue[] | { [key: string]: PreciseJsonValue };

const INTEGER = /^-?\d+$/;

/**
 * Parses JSON text that JSON.parse has already accepted, keeping integers past 2^53 exact (as bigint): JSON.parse
 * rounds 1234567890123456789 to 1234567890123456800, and Node 20 gives a reviver no access to the source text.
 * Only called for the rare value that holds such an integer, so it favours plainness over speed. Objects are built
 * as JSON.parse builds them (the last of duplicate keys wins; "__proto__" is an own property).
 */
export function parseJsonPrecise(text: string): PreciseJsonValue {
  let i = 0;
  const skipSpace = (): void => {
    for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++i));
  };
  const string = (): string => {
    const start = i++;
    for (let c = text.charCodeAt(i++); c !== 34; c = text.charCodeAt(i++)) if (c === 92) i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): PreciseJsonValue => {
    skipSpace();
    const c = text.charCodeAt(i);
    if (c === 123) {
      i++;
      const out: { [key: string]: PreciseJsonValue } = {};
      skipSpace();
      if (text.charCodeAt(i) === 125) return i++, out;
      for (;;) {
        skipSpace();
        const key = string();
        skipSpace();
        i++; // ':'
        Object.defineProperty(out, key, { value: value(), enumerable: true, writable: true, configurable: true });
        skipSpace();
        if (text.charCodeAt(i++) === 125) return out; // else ','
      }
    }
    if (c === 91) {
      i++;
      const out: PreciseJsonValue[] = [];
      skipSpace();
      if (text.charCodeAt(i) === 93) return i++, out;
      for (;;) {
        out.push(value());
        skipSpace();
        if (text.charCodeAt(i++) === 93) return out; // else ','
      }
    }
    if (c === 34) return string();
    if (c === 116) return (i += 4), true;
    if (c === 102) return (i += 5), false;
    if (c === 110) return (i += 4), null;
    const start = i;
    for (let d = text.charCodeAt(i); (d >= 48 && d <= 57) || d === 45 || d === 43 || d === 46 || d === 101 || d === 69; d = text.charCodeAt(++i));
    const token = text.slice(start, i);
    const n = Number(token);
    return INTEGER.test(token) && !Number.isSafeInteger(n) ? BigInt(token) : n;
  };
  return value();
}

/** True when JSON.parse rounded this number: an integer past 2^53 (its text had more digits than a double keeps). */
export function isRoundedInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);
}

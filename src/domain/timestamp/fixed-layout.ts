import { localToUtc, type Zone } from './time-zone.js';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil): integer math, no Date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The two digits at `at` as a number, or -1 when either is not a digit. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  // Unsigned: a negative difference (a character below '0') is then above 9 too.
  return a >>> 0 > 9 || b >>> 0 > 9 ? -1 : a * 10 + b;
}

/**
 * A fast path for the most common layout, '%Y-%m-%d %H:%M:%S' (and 'T' between date and time for
 * '%Y-%m-%dT%H:%M:%S'): exactly `YYYY-MM-DD HH:MM:SS` with a plausible date and time is read by character
 * codes, without a regex or field object. Anything else (other widths, whitespace, leap seconds, Feb 29 of any
 * year, impossible values) returns undefined and goes to the general parser, which decides; a differential
 * test checks that both agree wherever the fast path answers. Measured: timestamps were ~20% of parse time.
 * Reads the 19 characters at `at` in place (the caller checks the length), so the CSV parser reads a timestamp
 * cell without slicing it out of its line. Gives the instant in epoch milliseconds (a packed batch stores it
 * without a Date).
 */
export function fixedLayoutAt(format: string, zone: Zone): ((text: string, at: number) => number | undefined) | undefined {
  const separator = format === '%Y-%m-%d %H:%M:%S' ? 32 : format === '%Y-%m-%dT%H:%M:%S' ? 84 : -1;
  if (separator < 0) return undefined;
  return (text, at) => {
    if (text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 7) !== 45 || text.charCodeAt(at + 10) !== separator || text.charCodeAt(at + 13) !== 58 || text.charCodeAt(at + 16) !== 58) {
      return undefined;
    }
    const century = twoDigits(text, at);
    const yy = twoDigits(text, at + 2);
    const year = century < 0 || yy < 0 ? -1 : century * 100 + yy;
    const month = twoDigits(text, at + 5);
    const day = twoDigits(text, at + 8);
    const hour = twoDigits(text, at + 11);
    const minute = twoDigits(text, at + 14);
    const second = twoDigits(text, at + 17);
    if (year < 100 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
    if (day > DAYS_IN_MONTH[month - 1]! || (month === 2 && day === 29)) return undefined;
    const local = daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000;
    return zone.kind === 'fixed' ? local - zone.offsetMs : localToUtc(local, zone);
  };
}

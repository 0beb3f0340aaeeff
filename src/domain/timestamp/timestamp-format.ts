import { configError } from '../errors.js';
import { strftime } from './strftime.js';
import { tokenizeFormat } from './strftime-tokens.js';
import { fixedLayoutAt } from './fixed-layout.js';
import { compileStrptime } from './strptime.js';
import { parseConfigZone, type Zone } from './time-zone.js';

function resolveZone(name: string, key: string): Zone {
  const zone = parseConfigZone(name);
  if (zone === undefined) {
    throw configError(key, `'${name}' is not a time zone; use an IANA name such as 'Asia/Tokyo' or 'UTC', or an offset such as '+09:00'`);
  }
  return zone;
}

/**
 * Compiles a strftime/Ruby-style format into a parser of cell text.
 *
 * Directives: %Y %C %y %m %d %e %j %H %k %I %l %M %S %L %N (fraction, any digits, kept to milliseconds)
 * %z %:z %::z %Z (+0900, -07:00, Z, UTC, GMT, EST..., IANA names) %b %B %h %a %A %p %P %s (epoch seconds)
 * %Q (epoch ms) %u %w %T %D %F %R %r %c %x %X %n %t %%; flags `-_0^#` and widths are accepted.
 * A space in the format matches any run of whitespace; surrounding whitespace of the value is ignored.
 * Zone-less values are read in `defaultTimezone` (DST gap: moved forward; overlap: the earlier instant).
 *
 * @returns a function giving the instant, or null when the text does not match the format or names an
 *   impossible date/time (Feb 30, 25:00) or an unknown zone.
 * @throws ImportError CONFIG_INVALID for an unknown directive or time zone.
 */
export function compileTimestampParser(format: string, defaultTimezone: string): (text: string) => Date | null {
  const general = compileStrptime(tokenizeFormat(format), resolveZone(defaultTimezone, 'timezone'));
  const fast = compileTimestampSpanParser(format, defaultTimezone);
  if (fast === undefined) return general;
  return (text) => {
    const ms = fast(text, 0, text.length);
    return ms === undefined ? general(text) : new Date(ms);
  };
}

/**
 * The fast layouts of compileTimestampParser read in place, text[start, end), for the CSV parser: the instant in
 * epoch milliseconds, or undefined when the cell is not in the fast layout (the parser then slices it and
 * compileTimestampParser decides). undefined when the format has no fast layout.
 */
export function compileTimestampSpanParser(format: string, defaultTimezone: string): ((text: string, start: number, end: number) => number | undefined) | undefined {
  const fast = fixedLayoutAt(format, resolveZone(defaultTimezone, 'timezone'));
  return fast === undefined ? undefined : (text, start, end) => (end - start === 19 ? fast(text, start) : undefined);
}

/**
 * Formats an instant with a strftime-style format in an IANA zone (or fixed offset such as '+09:00').
 * @throws ImportError CONFIG_INVALID for an unknown directive or time zone.
 */
export function formatTimestamp(date: Date, format: string, timezone: string): string {
  return strftime(date, tokenizeFormat(format), resolveZone(timezone, 'timezone'));
}

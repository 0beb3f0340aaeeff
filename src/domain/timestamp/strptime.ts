import { MONTHS, WEEKDAYS, type FormatToken } from './strftime-tokens.js';
import { localToUtc, parseZone, type Zone } from './time-zone.js';

/** Fields read from one value; reset per call (parsers are synchronous, so one instance per compiled format). */
class Fields {
  year = NaN; century = NaN; year2 = NaN; month = 1; day = 1; yday = NaN;
  hour = 0; hour12 = NaN; pm = -1; minute = 0; second = 0; millis = 0;
  epochMs = NaN; zone: string | null = null;
  reset(): void {
    this.year = NaN; this.century = NaN; this.year2 = NaN; this.month = 1; this.day = 1; this.yday = NaN;
    this.hour = 0; this.hour12 = NaN; this.pm = -1; this.minute = 0; this.second = 0; this.millis = 0;
    this.epochMs = NaN; this.zone = null;
  }
}

type Setter = (f: Fields, text: string) => boolean;

const ZONE = '([+-]\\d{1,2}(?::?\\d{2}){0,2}|(?:UTC|GMT)[+-]\\d{1,2}(?::?\\d{2})?|[A-Za-z][A-Za-z0-9_/+-]*)';
const MONTH_OR_DAY_NAME = '([A-Za-z]{3,9})';

function nameIndex(names: readonly string[], text: string): number {
  const lower = text.toLowerCase();
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (lower === name || (lower.length === 3 && name.startsWith(lower))) return i;
  }
  return -1;
}

/** Regex source and the setter of its single capture group, per conversion. */
const DIRECTIVES: Readonly<Record<string, readonly [string, Setter]>> = {
  Y: ['([+-]?\\d{4,}?)', (f, t) => ((f.year = Number(t)), true)],
  C: ['(\\d{1,2})', (f, t) => ((f.century = Number(t)), true)],
  y: ['(\\d{2})', (f, t) => ((f.year2 = Number(t)), true)],
  m: ['(\\d{1,2})', (f, t) => ((f.month = Number(t)), true)],
  d: [' ?(\\d{1,2})', (f, t) => ((f.day = Number(t)), true)],
  e: [' ?(\\d{1,2})', (f, t) => ((f.day = Number(t)), true)],
  j: ['(\\d{1,3})', (f, t) => ((f.yday = Number(t)), true)],
  H: [' ?(\\d{1,2})', (f, t) => ((f.hour = Number(t)), true)],
  k: [' ?(\\d{1,2})', (f, t) => ((f.hour = Number(t)), true)],
  I: [' ?(\\d{1,2})', (f, t) => ((f.hour12 = Number(t)), true)],
  l: [' ?(\\d{1,2})', (f, t) => ((f.hour12 = Number(t)), true)],
  M: ['(\\d{1,2})', (f, t) => ((f.minute = Number(t)), true)],
  S: ['(\\d{1,2})', (f, t) => ((f.second = Number(t)), true)],
  L: ['(\\d+)', (f, t) => ((f.millis = Number((t + '00').slice(0, 3))), true)],
  N: ['(\\d+)', (f, t) => ((f.millis = Number((t + '00').slice(0, 3))), true)],
  z: [ZONE, (f, t) => ((f.zone = t), true)],
  ':z': [ZONE, (f, t) => ((f.zone = t), true)],
  '::z': [ZONE, (f, t) => ((f.zone = t), true)],
  Z: [ZONE, (f, t) => ((f.zone = t), true)],
  b: [MONTH_OR_DAY_NAME, (f, t) => ((f.month = nameIndex(MONTHS, t) + 1), f.month > 0)],
  B: [MONTH_OR_DAY_NAME, (f, t) => ((f.month = nameIndex(MONTHS, t) + 1), f.month > 0)],
  a: [MONTH_OR_DAY_NAME, (_f, t) => nameIndex(WEEKDAYS, t) >= 0],
  A: [MONTH_OR_DAY_NAME, (_f, t) => nameIndex(WEEKDAYS, t) >= 0],
  p: ['([AaPp]\\.?[Mm]\\.?)', (f, t) => ((f.pm = t[0] === 'p' || t[0] === 'P' ? 1 : 0), true)],
  P: ['([AaPp]\\.?[Mm]\\.?)', (f, t) => ((f.pm = t[0] === 'p' || t[0] === 'P' ? 1 : 0), true)],
  s: ['([+-]?\\d+)', (f, t) => ((f.epochMs = Number(t) * 1000), true)],
  Q: ['([+-]?\\d+)', (f, t) => ((f.epochMs = Number(t)), true)],
  u: ['([1-7])', () => true],
  w: ['([0-6])', () => true],
};

const GREGORIAN_CYCLE_MS = 146_097 * 86_400_000;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function toInstant(f: Fields, defaultZone: Zone): number {
  if (!Number.isNaN(f.epochMs)) return f.epochMs + (f.epochMs < 0 ? -f.millis : f.millis);
  let year = f.year;
  if (Number.isNaN(year)) {
    if (!Number.isNaN(f.year2)) year = Number.isNaN(f.century) ? (f.year2 < 69 ? 2000 : 1900) + f.year2 : f.century * 100 + f.year2;
    else year = Number.isNaN(f.century) ? 1970 : f.century * 100;
  }
  let { month, day, hour } = f;
  if (!Number.isNaN(f.yday)) {
    if (f.yday < 1 || f.yday > (isLeap(year) ? 366 : 365)) return NaN;
    month = 1;
    day = f.yday;
  } else if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]! || (month === 2 && day === 29 && !isLeap(year))) {
    return NaN;
  }
  if (!Number.isNaN(f.hour12)) {
    if (f.hour12 < 1 || f.hour12 > 12) return NaN;
    hour = (f.hour12 % 12) + (f.pm === 1 ? 12 : 0);
  } else if (f.pm === 1 && hour < 12) {
    hour += 12;
  }
  if (hour > 23 || f.minute > 59 || f.second > 60) return NaN;
  // Date.UTC maps years 0-99 to 1900-1999; shifting by 400 years (a whole Gregorian cycle) avoids that.
  const shift = year >= 0 && year < 100 ? 400 : 0;
  const local = Date.UTC(year + shift, month - 1, day, hour, f.minute, f.second, f.millis) - (shift === 0 ? 0 : GREGORIAN_CYCLE_MS);
  if (Number.isNaN(local)) return NaN;
  let zone = defaultZone;
  if (f.zone !== null) {
    const parsed = parseZone(f.zone);
    if (parsed === undefined) return NaN;
    zone = parsed;
  }
  return localToUtc(local, zone);
}

/** Compiles tokens into a matcher: one anchored regex per format, a setter per group. */
export function compileStrptime(tokens: readonly FormatToken[], defaultZone: Zone): (text: string) => Date | null {
  let source = '^\\s*';
  const setters: Setter[] = [];
  for (const token of tokens) {
    if (token.kind === 'space') source += '\\s*';
    else if (token.kind === 'literal') source += token.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else {
      const directive = DIRECTIVES[token.conv]!;
      source += directive[0];
      setters.push(directive[1]);
    }
  }
  const regex = new RegExp(source + '\\s*$', 'i');
  const fields = new Fields();
  return (text: string): Date | null => {
    const m = regex.exec(text);
    if (m === null) return null;
    fields.reset();
    for (let i = 0; i < setters.length; i++) {
      if (!setters[i]!(fields, m[i + 1]!)) return null;
    }
    const ms = toInstant(fields, defaultZone);
    return Number.isNaN(ms) ? null : new Date(ms);
  };
}

import { isIanaTimeZone } from '../time-zones.js';

/** A zone that local wall-clock times are read in: a fixed UTC offset or an IANA zone with DST rules. */
export type Zone = { readonly kind: 'fixed'; readonly offsetMs: number } | { readonly kind: 'iana'; readonly name: string };

const DAY_MS = 86_400_000;
const UTC: Zone = { kind: 'fixed', offsetMs: 0 };

/**
 * Offsets that real data spells as zone names. Only unambiguous ones: Ruby's strptime (Embulk) accepts these too,
 * and a value like `2024-01-02 10:00:00 PST` must not be silently misread.
 */
const ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0, UT: 0, GMT: 0, Z: 0,
  EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7,
  JST: 9, KST: 9, HST: -10, AKST: -9, AKDT: -8,
};

const OFFSET = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/i;

/** Parses `+09:00`, `-0700`, `+9`, `UTC+9`, `Z`, `UTC`, a known abbreviation or an IANA name; undefined if unknown. */
export function parseZone(text: string): Zone | undefined {
  const upper = text.toUpperCase();
  const hours = ABBREVIATIONS[upper];
  if (hours !== undefined) return hours === 0 ? UTC : { kind: 'fixed', offsetMs: hours * 3_600_000 };
  const m = OFFSET.exec(text);
  if (m) {
    const h = Number(m[2]);
    const min = Number(m[3] ?? '0');
    const sec = Number(m[4] ?? '0');
    if (h > 18 || min > 59 || sec > 59) return undefined;
    const ms = ((h * 60 + min) * 60 + sec) * 1000;
    return { kind: 'fixed', offsetMs: m[1] === '-' ? -ms : ms };
  }
  if (text === 'Etc/UTC') return UTC;
  return isIanaTimeZone(text) ? ianaZone(text) : undefined;
}

/** Zone objects are shared per name so their offset caches are too. */
const ianaZones = new Map<string, Zone>();
function ianaZone(name: string): Zone {
  let zone = ianaZones.get(name);
  if (!zone) {
    zone = { kind: 'iana', name };
    ianaZones.set(name, zone);
  }
  return zone;
}

/** Parses a configured zone: IANA names and offsets only, since abbreviations such as CST are ambiguous. */
export function parseConfigZone(text: string): Zone | undefined {
  if (/^[A-Za-z]+$/.test(text) && text !== 'UTC' && text !== 'GMT' && text !== 'Z') return undefined;
  return parseZone(text);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The offset (ms, east positive) of a zone at an instant. Computed with Intl directly because date-fns-tz's
 * getTimezoneOffset reads its Date argument through the host's local-time getters (wrong off a UTC host).
 */
export function offsetAt(zone: Zone, utcMs: number): number {
  if (zone.kind === 'fixed') return zone.offsetMs;
  let f = formatters.get(zone.name);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone.name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
    formatters.set(zone.name, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(utcMs))) p[part.type] = part.value;
  const year = p.era === 'BC' || p.era === 'B' ? 1 - Number(p.year) : Number(p.year);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(p.month) - 1, Number(p.day));
  wall.setUTCHours(Number(p.hour), Number(p.minute), Number(p.second), 0);
  const truncated = utcMs - (((utcMs % 1000) + 1000) % 1000);
  return wall.getTime() - truncated;
}

// Intl lookups cost ~8 µs; a day without a transition nearby has one offset, so cache per local day.
const dayOffsets = new Map<string, Map<number, number | null>>();

/**
 * Converts a wall-clock time (given as if it were UTC ms) in a zone to the real instant.
 * DST policy, as java.time (Embulk) does it: a time in a spring-forward gap moves forward by the gap length
 * (02:30 becomes 03:30 DST); an ambiguous fall-back time takes the earlier instant (the DST offset).
 */
export function localToUtc(localMs: number, zone: Zone): number {
  if (zone.kind === 'fixed') return localMs - zone.offsetMs;
  let cache = dayOffsets.get(zone.name);
  if (!cache) {
    cache = new Map();
    dayOffsets.set(zone.name, cache);
  }
  const day = Math.floor(localMs / DAY_MS);
  let cached = cache.get(day);
  if (cached === undefined) {
    const before = offsetAt(zone, day * DAY_MS - DAY_MS);
    const after = offsetAt(zone, day * DAY_MS + 2 * DAY_MS);
    cached = before === after ? before : null;
    if (cache.size > 20_000) cache.clear();
    cache.set(day, cached);
  }
  if (cached !== null) return localMs - cached;
  const early = offsetAt(zone, localMs - DAY_MS);
  const late = offsetAt(zone, localMs + DAY_MS);
  const tEarly = localMs - early;
  if (offsetAt(zone, tEarly) === early) return tEarly;
  const tLate = localMs - late;
  if (offsetAt(zone, tLate) === late) return tLate;
  return tEarly;
}

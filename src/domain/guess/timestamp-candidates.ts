/*
 * Timestamp recognition: each pattern both matches a cell and names the strftime format that reads it back.
 * A cell can match several formats (01/02/2024 is m/d or d/m); a column keeps the formats every cell matches,
 * in the order listed here (US m/d first for '/', d.m for '.' and '-'), so evidence like 13/02 settles it.
 */

const DAY_NAMES = '(Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH_NAMES = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const YMD = /^(\d{4})([-/.]?)(\d{1,2})\2(\d{1,2})(.*)$/;
const DMY_OR_MDY = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(.*)$/;
const TIME = /^([ T_])(\d{1,2}):(\d{2})(?::(\d{2})(?:([.,])(\d{1,9}))?)?(.*)$/;
const ZONE = /^( ?)(Z|[+-]\d{2}:\d{2}|[+-]\d{4}|UTC|GMT)$/;
const RFC2822 = new RegExp(`^${DAY_NAMES}, \\d{1,2} ${MONTH_NAMES} \\d{4} \\d{2}:\\d{2}:\\d{2} ([+-]\\d{4}|GMT|UTC)$`);
const CLF = new RegExp(`^\\d{2}/${MONTH_NAMES}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}$`);
const ASCTIME = new RegExp(`^${DAY_NAMES} ${MONTH_NAMES} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4}$`);

/** The strftime formats that read `text` as a timestamp, best first; empty when it is not one. */
export function timestampCandidates(text: string): string[] {
  if (text.length < 8 || text.length > 40) return [];
  if (RFC2822.test(text)) return [`%a, %d %b %Y %H:%M:%S ${text.endsWith('T') || text.endsWith('C') ? '%Z' : '%z'}`];
  if (CLF.test(text)) return ['%d/%b/%Y:%H:%M:%S %z'];
  if (ASCTIME.test(text)) return ['%a %b %e %H:%M:%S %Y'];
  const dates = dateFormats(text);
  if (dates === null) return [];
  const rest = restFormats(dates.rest);
  if (rest === null) return [];
  return dates.formats.flatMap((d) => rest.map((r) => d + r));
}

function dateFormats(text: string): { formats: string[]; rest: string } | null {
  const ymd = YMD.exec(text);
  if (ymd !== null) {
    const [, y, sep, m, d, rest] = ymd as unknown as [string, string, string, string, string, string];
    if (sep === '' && (m.length !== 2 || d.length !== 2)) return null;
    if (!validDate(Number(y), Number(m), Number(d))) return null;
    return { formats: [`%Y${sep}%m${sep}%d`], rest };
  }
  const other = DMY_OR_MDY.exec(text);
  if (other === null) return null;
  const [, a, sep, b, y, rest] = other as unknown as [string, string, string, string, string, string];
  const mdy = validDate(Number(y), Number(a), Number(b)) ? [`%m${sep}%d${sep}%Y`] : [];
  const dmy = validDate(Number(y), Number(b), Number(a)) ? [`%d${sep}%m${sep}%Y`] : [];
  const formats = sep === '/' ? [...mdy, ...dmy] : [...dmy, ...mdy];
  return formats.length > 0 ? { formats, rest } : null;
}

function restFormats(rest: string): string[] | null {
  if (rest === '') return [''];
  const time = TIME.exec(rest);
  if (time === null) return null;
  const [, sep, h, mi, s, fracSep, frac, zone] = time as unknown as [string, string, string, string, string | undefined, string | undefined, string | undefined, string];
  if (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 60)) return null;
  let clock = `${sep}%H:%M`;
  if (s !== undefined) clock += ':%S';
  const clocks = frac === undefined ? [clock] : frac.length === 3 ? [`${clock}${fracSep}%L`, `${clock}${fracSep}%N`] : [`${clock}${fracSep}%N`];
  const zones = zoneFormats(zone);
  if (zones === null) return null;
  return clocks.flatMap((c) => zones.map((z) => c + z));
}

function zoneFormats(zone: string): string[] | null {
  if (zone === '') return [''];
  const m = ZONE.exec(zone);
  if (m === null) return null;
  const [, space, name] = m as unknown as [string, string, string];
  if (name === 'UTC' || name === 'GMT') return [`${space}%Z`];
  if (name.includes(':')) return [`${space}%:z`, `${space}%z`];
  return [`${space}%z`];
}

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1]!;
}

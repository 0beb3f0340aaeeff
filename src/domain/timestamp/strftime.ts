import { MONTHS, WEEKDAYS, type FormatToken } from './strftime-tokens.js';
import { offsetAt, type Zone } from './time-zone.js';

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function pad(value: number, width: number, flag: string, padChar = '0'): string {
  const negative = value < 0;
  const digits = String(Math.abs(value));
  if (flag === '-') return (negative ? '-' : '') + digits;
  const fill = flag === '_' ? ' ' : flag === '0' ? '0' : padChar;
  return (negative ? '-' : '') + digits.padStart(width - (negative ? 1 : 0), fill);
}

function formatOffset(offsetMs: number, colons: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const hh = String(Math.floor(total / 3600)).padStart(2, '0');
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const ss = String(total % 60).padStart(2, '0');
  if (colons === 2) return `${sign}${hh}:${mm}:${ss}`;
  return colons === 1 ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
}

function zoneName(zone: Zone, offsetMs: number): string {
  if (zone.kind === 'iana') return zone.name;
  return offsetMs === 0 ? 'UTC' : formatOffset(offsetMs, 1);
}

/** strftime over a Date in a zone; %N/%L print the millisecond precision a Date holds, zero-filled to the width. */
export function strftime(date: Date, tokens: readonly FormatToken[], zone: Zone): string {
  const utc = date.getTime();
  const offset = offsetAt(zone, utc);
  const d = new Date(utc + offset);
  const year = d.getUTCFullYear();
  const hour = d.getUTCHours();
  const ms = d.getUTCMilliseconds();
  let out = '';
  for (const t of tokens) {
    if (t.kind === 'literal') {
      out += t.text;
      continue;
    }
    if (t.kind === 'space') {
      out += ' ';
      continue;
    }
    const w = (n: number): number => t.width ?? n;
    let piece: string;
    switch (t.conv) {
      case 'Y': piece = pad(year, w(4), t.flag); break;
      case 'C': piece = pad(Math.floor(year / 100), w(2), t.flag); break;
      case 'y': piece = pad(((year % 100) + 100) % 100, w(2), t.flag); break;
      case 'm': piece = pad(d.getUTCMonth() + 1, w(2), t.flag); break;
      case 'd': piece = pad(d.getUTCDate(), w(2), t.flag); break;
      case 'e': piece = pad(d.getUTCDate(), w(2), t.flag, ' '); break;
      case 'j': piece = pad(Math.floor((utc + offset - Date.UTC(year, 0, 1)) / 86_400_000) + 1, w(3), t.flag); break;
      case 'H': piece = pad(hour, w(2), t.flag); break;
      case 'k': piece = pad(hour, w(2), t.flag, ' '); break;
      case 'I': piece = pad(hour % 12 === 0 ? 12 : hour % 12, w(2), t.flag); break;
      case 'l': piece = pad(hour % 12 === 0 ? 12 : hour % 12, w(2), t.flag, ' '); break;
      case 'M': piece = pad(d.getUTCMinutes(), w(2), t.flag); break;
      case 'S': piece = pad(d.getUTCSeconds(), w(2), t.flag); break;
      case 'L': piece = String(ms).padStart(3, '0').padEnd(w(3), '0').slice(0, w(3)); break;
      case 'N': piece = String(ms).padStart(3, '0').padEnd(w(9), '0').slice(0, w(9)); break;
      case 'z': piece = formatOffset(offset, 0); break;
      case ':z': piece = formatOffset(offset, 1); break;
      case '::z': piece = formatOffset(offset, 2); break;
      case 'Z': piece = zoneName(zone, offset); break;
      case 'b': piece = capitalize(MONTHS[d.getUTCMonth()]!.slice(0, 3)); break;
      case 'B': piece = capitalize(MONTHS[d.getUTCMonth()]!); break;
      case 'a': piece = capitalize(WEEKDAYS[d.getUTCDay()]!.slice(0, 3)); break;
      case 'A': piece = capitalize(WEEKDAYS[d.getUTCDay()]!); break;
      case 'p': piece = hour < 12 ? 'AM' : 'PM'; break;
      case 'P': piece = hour < 12 ? 'am' : 'pm'; break;
      case 's': piece = String(Math.floor(utc / 1000)); break;
      case 'Q': piece = String(utc); break;
      case 'u': piece = String(d.getUTCDay() === 0 ? 7 : d.getUTCDay()); break;
      default: piece = String(d.getUTCDay()); break; // 'w': the tokenizer admits nothing else
    }
    out += t.flag === '^' ? piece.toUpperCase() : piece;
  }
  return out;
}

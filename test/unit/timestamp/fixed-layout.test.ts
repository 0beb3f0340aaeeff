import { expect } from 'chai';
import { compileTimestampParser } from '../../../src/domain/timestamp/timestamp-format.js';
import { compileStrptime } from '../../../src/domain/timestamp/strptime.js';
import { tokenizeFormat } from '../../../src/domain/timestamp/strftime-tokens.js';
import { parseConfigZone } from '../../../src/domain/timestamp/time-zone.js';

/** Deterministic pseudo-random numbers, so a failure reproduces. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe('timestamp fast path (%Y-%m-%d %H:%M:%S) agrees with the general parser', () => {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  for (const format of ['%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S']) {
    for (const zoneName of ['UTC', 'Asia/Tokyo', 'America/New_York', 'Europe/London', '+09:00', '-03:30']) {
      it(`${format} in ${zoneName}: 20,000 random valid, edge and invalid values`, () => {
        const rand = random(7);
        const sep = format.includes('T') ? 'T' : ' ';
        const fast = compileTimestampParser(format, zoneName);
        const general = compileStrptime(tokenizeFormat(format), parseConfigZone(zoneName)!);
        for (let i = 0; i < 20_000; i++) {
          const y = [1969, 1970, 2000, 2024, 2023, 1900, 2100, 99, 10000][Math.floor(rand() * 9)]!;
          const mo = Math.floor(rand() * 14);
          const d = Math.floor(rand() * 33);
          const h = Math.floor(rand() * 26);
          const mi = Math.floor(rand() * 62);
          const s = Math.floor(rand() * 62);
          let text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}${sep}${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}`;
          const variant = rand();
          if (variant < 0.05) text = ` ${text}`;
          else if (variant < 0.1) text = text.replace('-0', '-');
          else if (variant < 0.12) text = text.replace(':', 'x');
          const a = fast(text);
          const b = general(text);
          expect(a?.getTime() ?? null, text).to.equal(b?.getTime() ?? null);
        }
      });
    }
  }

  it('agrees minute by minute across the DST changes of New York and London', () => {
    for (const [zoneName, days] of [['America/New_York', ['2024-03-10', '2024-11-03']], ['Europe/London', ['2024-03-31', '2024-10-27']]] as const) {
      const fast = compileTimestampParser('%Y-%m-%d %H:%M:%S', zoneName);
      const general = compileStrptime(tokenizeFormat('%Y-%m-%d %H:%M:%S'), parseConfigZone(zoneName)!);
      for (const day of days) {
        for (let minute = 0; minute < 4 * 60; minute++) {
          const text = `${day} ${pad(Math.floor(minute / 60), 2)}:${pad(minute % 60, 2)}:30`;
          expect(fast(text)?.getTime(), `${zoneName} ${text}`).to.equal(general(text)?.getTime());
        }
      }
    }
  });

  it('agrees when any digit is replaced by a character just below or above the digits', () => {
    const fast = compileTimestampParser('%Y-%m-%d %H:%M:%S', 'UTC');
    const general = compileStrptime(tokenizeFormat('%Y-%m-%d %H:%M:%S'), parseConfigZone('UTC')!);
    const base = '2024-03-21 12:34:56';
    for (let at = 0; at < base.length; at++) {
      if (!/\d/.test(base[at]!)) continue;
      for (const c of ['/', '.', '-', '+', ' ', ':', 'a', '\u0660']) {
        const text = base.slice(0, at) + c + base.slice(at + 1);
        expect(fast(text)?.getTime() ?? null, text).to.equal(general(text)?.getTime() ?? null);
      }
    }
  });

  it('reads the common case exactly', () => {
    expect(compileTimestampParser('%Y-%m-%d %H:%M:%S', 'Asia/Tokyo')('2024-01-01 09:00:00')?.toISOString()).to.equal('2024-01-01T00:00:00.000Z');
    expect(compileTimestampParser('%Y-%m-%d %H:%M:%S', 'America/New_York')('2024-03-10 02:30:00')?.toISOString()).to.equal('2024-03-10T07:30:00.000Z');
    expect(compileTimestampParser('%Y-%m-%d %H:%M:%S', 'UTC')('2024-02-30 00:00:00')).to.equal(null);
  });
});

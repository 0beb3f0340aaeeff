import type { TimeUnit } from './filter-specs.js';

const PER_SECOND: Record<TimeUnit, number> = { sec: 1, milli: 1_000, micro: 1_000_000, nano: 1_000_000_000 };

/** An epoch count in `unit` as an instant (Dates hold milliseconds; finer digits are dropped). */
export function instantFromUnix(value: number | bigint, unit: TimeUnit): Date {
  if (typeof value === 'bigint') {
    const perMs = BigInt(PER_SECOND[unit]) / 1000n;
    return new Date(unit === 'sec' ? Number(value) * 1000 : Number(perMs === 0n ? value : value / perMs));
  }
  return new Date(Math.floor((value * 1000) / PER_SECOND[unit]));
}

/** An instant as an epoch count in `unit`: a number while safe, else a bigint (the long Value contract). */
export function unixFromInstant(date: Date, unit: TimeUnit): number | bigint {
  const ms = date.getTime();
  if (unit === 'sec') return Math.floor(ms / 1000);
  if (unit === 'milli') return ms;
  const scaled = ms * (PER_SECOND[unit] / 1000);
  return Number.isSafeInteger(scaled) ? scaled : BigInt(ms) * BigInt(PER_SECOND[unit] / 1000);
}

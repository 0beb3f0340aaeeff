import { CronExpressionParser, type CronExpression } from 'cron-parser';
import { configError } from './errors.js';
import { isIanaTimeZone } from './time-zones.js';
import { localToUtc, offsetAt, type Zone } from './timestamp/time-zone.js';

const DAY_MS = 86_400_000;
// A real cron expression finds its neighbour slot in a handful of steps; this only stops a runaway scan.
const MAX_STEPS = 100_000;

/** The macros TD's toolbelt accepts, as five-field expressions. */
const MACROS: Readonly<Record<string, string>> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

const CRON_HELP =
  'use five fields "minute hour day-of-month month day-of-week" (e.g. "30 2 * * *" or "*/15 * * * *") or @hourly, @daily, @weekly, @monthly, @yearly';

/**
 * A cron expression read as wall-clock times in an IANA zone. Each matching wall-clock minute is one slot, mapped to
 * one instant with java.time's policy (the one Embulk timestamps use): a time that a spring-forward gap skips runs
 * shifted forward by the gap (02:30 becomes 03:30 DST), and a time that a fall-back repeats runs once, at its first
 * occurrence. cron-parser only enumerates wall-clock minutes (in UTC, where nothing is skipped or repeated), because
 * its own zone handling is not consistent across DST: next() from inside a repeated hour returns the slot again.
 */
export class CronSchedule {
  private constructor(
    /** The five-field expression (macros expanded). */
    readonly expression: string,
    readonly timezone: string,
    private readonly zone: Zone,
  ) {}

  /** Throws CONFIG_INVALID (key `cron` or `timezone`) saying what to write instead. */
  static parse(cron: string, timezone: string): CronSchedule {
    if (!isIanaTimeZone(timezone)) {
      throw configError(
        'timezone',
        `${JSON.stringify(timezone)} is not an IANA time zone name; abbreviations such as PST or CST are ambiguous, use a name such as America/Los_Angeles, Asia/Tokyo or UTC`,
      );
    }
    const text = cron.trim();
    const expression = text.startsWith('@') ? MACROS[text.toLowerCase()] : text.split(/\s+/).join(' ');
    if (expression === undefined) throw configError('cron', `${JSON.stringify(cron)} is not a supported macro; ${CRON_HELP}`);
    const fields = expression.split(' ');
    if (fields.length !== 5) throw configError('cron', `${JSON.stringify(cron)} has ${fields.length} field(s), not 5 (seconds are not supported); ${CRON_HELP}`);
    // cron-parser's H picks a hashed value from a seed we do not keep, so the slot could move between versions.
    if (fields.some((field) => /(^|[^a-z])h($|[^a-z])/i.test(field))) {
      throw configError('cron', `${JSON.stringify(cron)} uses H (hashed values), which is not supported; write the minute and hour explicitly`);
    }
    try {
      CronExpressionParser.parse(expression, { tz: 'UTC' });
    } catch (error) {
      throw configError('cron', `${JSON.stringify(cron)} is not a valid cron expression (${(error as Error).message}); ${CRON_HELP}`, error);
    }
    return new CronSchedule(expression, timezone, { kind: 'iana', name: timezone });
  }

  /** The first slot strictly after `after`. */
  next(after: Date): Date {
    const a = after.getTime();
    const { min } = this.offsetsNear(a);
    // instant(w) = w - offset(w) > a needs w > a + offset >= a + min; the -1 keeps a slot at exactly that wall time.
    const walls = this.walls(a + min - 1);
    let best = Infinity;
    let bestMax = 0;
    for (let step = 0; step < MAX_STEPS; step++) {
      const wall = walls.next().getTime();
      // Later wall times map to instants of at least wall - max offset: none can beat `best` any more.
      if (best !== Infinity && wall - bestMax > best) return new Date(best);
      const instant = localToUtc(wall, this.zone);
      if (instant > a && instant < best) {
        best = instant;
        bestMax = this.offsetsNear(best).max;
      }
    }
    return new Date(best);
  }

  /** The last slot at or before `time`; null when the expression has none (before its calendar range). */
  latestAtOrBefore(time: Date): Date | null {
    const t = time.getTime();
    const { max } = this.offsetsNear(t);
    const walls = this.walls(t + max + 1000);
    let best = -Infinity;
    let bestMin = 0;
    try {
      for (let step = 0; step < MAX_STEPS; step++) {
        const wall = walls.prev().getTime();
        if (best !== -Infinity && wall - bestMin < best) break;
        const instant = localToUtc(wall, this.zone);
        if (instant <= t && instant > best) {
          best = instant;
          bestMin = this.offsetsNear(best).min;
        }
      }
    } catch {
      // cron-parser gives up when no earlier date matches: there is no earlier slot, `best` (if any) is the answer.
    }
    return best === -Infinity ? null : new Date(best);
  }

  /** Wall-clock slot times (as if UTC) around `wallMs`. */
  private walls(wallMs: number): CronExpression {
    return CronExpressionParser.parse(this.expression, { tz: 'UTC', currentDate: new Date(wallMs) });
  }

  /** The smallest and largest UTC offsets within a day of `utcMs` (a DST change moves them apart). */
  private offsetsNear(utcMs: number): { min: number; max: number } {
    const offsets = [offsetAt(this.zone, utcMs - DAY_MS), offsetAt(this.zone, utcMs), offsetAt(this.zone, utcMs + DAY_MS)];
    return { min: Math.min(...offsets), max: Math.max(...offsets) };
  }
}

import { expect } from 'chai';
import { CronSchedule } from '../../../src/domain/cron-schedule.js';
import { isImportError } from '../../../src/domain/errors.js';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/** The slots in [from, to), by repeated next(). */
function slots(cron: CronSchedule, from: string, to: string): string[] {
  const out: string[] = [];
  let t = new Date(Date.parse(from) - 1);
  for (;;) {
    t = cron.next(t);
    if (t.getTime() >= Date.parse(to)) return out;
    out.push(t.toISOString());
  }
}

function parseError(cron: string, timezone: string): { code: string; message: string; exit: number } {
  try {
    CronSchedule.parse(cron, timezone);
  } catch (error) {
    if (isImportError(error)) return { code: error.code, message: error.message, exit: error.exitCode };
    throw error;
  }
  throw new Error(`expected ${cron} in ${timezone} to be rejected`);
}

describe('CronSchedule', () => {
  it('runs a daily Asia/Tokyo schedule at local 09:00 (00:00 UTC)', () => {
    const cron = CronSchedule.parse('0 9 * * *', 'Asia/Tokyo');
    expect(iso(cron.next(new Date('2024-01-01T00:00:00Z')))).to.equal('2024-01-02T00:00:00.000Z');
    expect(iso(cron.next(new Date('2023-12-31T23:59:59Z')))).to.equal('2024-01-01T00:00:00.000Z');
    expect(iso(cron.latestAtOrBefore(new Date('2024-01-01T00:00:00Z')))).to.equal('2024-01-01T00:00:00.000Z');
    expect(iso(cron.latestAtOrBefore(new Date('2024-01-01T23:59:00Z')))).to.equal('2024-01-01T00:00:00.000Z');
  });

  it('runs a 02:30 New York slot once on the spring-forward day, shifted to 03:30 EDT', () => {
    const cron = CronSchedule.parse('30 2 * * *', 'America/New_York');
    expect(slots(cron, '2024-03-09T00:00:00Z', '2024-03-12T00:00:00Z')).to.deep.equal([
      '2024-03-09T07:30:00.000Z', // 02:30 EST
      '2024-03-10T07:30:00.000Z', // 02:30 does not exist: 03:30 EDT
      '2024-03-11T06:30:00.000Z', // 02:30 EDT
    ]);
    // From inside the gap hour the shifted slot is still ahead.
    expect(iso(cron.next(new Date('2024-03-10T07:10:00Z')))).to.equal('2024-03-10T07:30:00.000Z');
    expect(iso(cron.latestAtOrBefore(new Date('2024-03-11T06:00:00Z')))).to.equal('2024-03-10T07:30:00.000Z');
  });

  it('runs a 01:30 New York slot once on the fall-back day, at the first 01:30 (EDT)', () => {
    const cron = CronSchedule.parse('30 1 * * *', 'America/New_York');
    expect(slots(cron, '2024-11-02T00:00:00Z', '2024-11-05T00:00:00Z')).to.deep.equal([
      '2024-11-02T05:30:00.000Z',
      '2024-11-03T05:30:00.000Z', // 01:30 EDT; the repeated 01:30 EST (06:30Z) is not a second run
      '2024-11-04T06:30:00.000Z',
    ]);
    // From inside the repeated hour (01:10 EST) the next run is tomorrow, not 01:30 EST again.
    expect(iso(cron.next(new Date('2024-11-03T06:10:00Z')))).to.equal('2024-11-04T06:30:00.000Z');
    expect(iso(cron.latestAtOrBefore(new Date('2024-11-03T06:45:00Z')))).to.equal('2024-11-03T05:30:00.000Z');
  });

  it('@hourly in New York: 23 runs on the spring-forward day, 24 (one per wall-clock hour) on the fall-back day', () => {
    const cron = CronSchedule.parse('@hourly', 'America/New_York');
    const spring = slots(cron, '2024-03-10T05:00:00Z', '2024-03-11T04:00:00Z'); // local midnight to midnight
    expect(spring).to.have.length(23);
    expect(spring.slice(0, 3)).to.deep.equal(['2024-03-10T05:00:00.000Z', '2024-03-10T06:00:00.000Z', '2024-03-10T07:00:00.000Z']);
    const fall = slots(cron, '2024-11-03T04:00:00Z', '2024-11-04T05:00:00Z');
    expect(fall).to.have.length(24);
    expect(fall.slice(0, 4)).to.deep.equal(['2024-11-03T04:00:00.000Z', '2024-11-03T05:00:00.000Z', '2024-11-03T07:00:00.000Z', '2024-11-03T08:00:00.000Z']);
  });

  it('next and latestAtOrBefore agree at every point across both New York DST changes', () => {
    for (const expression of ['30 1 * * *', '30 2 * * *', '*/20 * * * *']) {
      const cron = CronSchedule.parse(expression, 'America/New_York');
      for (const day of ['2024-03-10T04:00:00Z', '2024-11-03T03:00:00Z']) {
        for (let t = Date.parse(day); t < Date.parse(day) + 6 * 3_600_000; t += 7 * 60_000) {
          const latest = cron.latestAtOrBefore(new Date(t));
          const next = cron.next(new Date(t));
          expect(latest!.getTime(), `${expression} latest at ${new Date(t).toISOString()}`).to.be.at.most(t);
          expect(next.getTime()).to.be.above(t);
          expect(iso(cron.next(latest!)), `${expression} no slot between latest and next at ${new Date(t).toISOString()}`).to.equal(iso(next));
        }
      }
    }
  });

  it('accepts the macros and five-field expressions with names', () => {
    expect(CronSchedule.parse('@daily', 'UTC').expression).to.equal('0 0 * * *');
    expect(iso(CronSchedule.parse('@weekly', 'UTC').next(new Date('2024-01-01T00:00:00Z')))).to.equal('2024-01-07T00:00:00.000Z');
    expect(iso(CronSchedule.parse('@monthly', 'UTC').next(new Date('2024-01-15T00:00:00Z')))).to.equal('2024-02-01T00:00:00.000Z');
    expect(iso(CronSchedule.parse('@yearly', 'Europe/Paris').next(new Date('2024-06-01T00:00:00Z')))).to.equal('2024-12-31T23:00:00.000Z');
    expect(iso(CronSchedule.parse('0 12 * * MON-FRI', 'UTC').next(new Date('2024-01-06T00:00:00Z')))).to.equal('2024-01-08T12:00:00.000Z');
  });

  it('rejects PST/CST-style zones with an example of a valid IANA name (exit 2)', () => {
    for (const zone of ['PST', 'CST', 'JST', 'Pacific/Nowhere']) {
      const error = parseError('@daily', zone);
      expect(error.code).to.equal('CONFIG_INVALID');
      expect(error.exit).to.equal(2);
      expect(error.message).to.match(/^timezone: /).and.to.contain('America/Los_Angeles');
    }
  });

  it('rejects seconds, hashed values, unknown macros and out-of-range fields, naming the cron key', () => {
    expect(parseError('0 0 * * * *', 'UTC').message).to.match(/^cron: .*6 field/);
    expect(parseError('H 0 * * *', 'UTC').message).to.match(/^cron: .*H \(hashed/);
    expect(parseError('@reboot', 'UTC').message).to.match(/^cron: .*@hourly/);
    expect(parseError('61 * * * *', 'UTC').message).to.match(/^cron: .*0-59/);
    expect(parseError('0 0 31 2 *', 'UTC').code).to.equal('CONFIG_INVALID');
  });
});

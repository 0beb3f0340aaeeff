import { expect } from 'chai';
import { isImportError } from '../../../src/domain/errors.js';
import { compileTimestampParser, formatTimestamp } from '../../../src/domain/timestamp/timestamp-format.js';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const parse = (format: string, text: string, zone = 'UTC'): string | null => iso(compileTimestampParser(format, zone)(text));

describe('compileTimestampParser', () => {
  it('reads the Embulk default format with fraction and offset', () => {
    expect(parse('%Y-%m-%d %H:%M:%S.%N %z', '2024-01-02 03:04:05.123456789 +0900')).to.equal('2024-01-01T18:04:05.123Z');
    expect(parse('%Y-%m-%d %H:%M:%S.%N %z', '2024-01-02 03:04:05.5 -07:00')).to.equal('2024-01-02T10:04:05.500Z');
    expect(parse('%Y-%m-%d %H:%M:%S.%L %z', '2024-01-02 03:04:05.007 Z')).to.equal('2024-01-02T03:04:05.007Z');
    expect(parse('%Y-%m-%d %H:%M:%S %z', '2024-01-02 03:04:05 UTC')).to.equal('2024-01-02T03:04:05.000Z');
    expect(parse('%Y-%m-%d %H:%M:%S%:z', '2024-01-02 03:04:05+05:30')).to.equal('2024-01-01T21:34:05.000Z');
  });

  it('interprets zone-less values in the column zone, including DST', () => {
    expect(parse('%Y-%m-%d %H:%M:%S', '2024-07-01 09:00:00', 'Asia/Tokyo')).to.equal('2024-07-01T00:00:00.000Z');
    expect(parse('%Y-%m-%d %H:%M:%S', '2024-07-01 12:00:00', 'America/New_York')).to.equal('2024-07-01T16:00:00.000Z');
    expect(parse('%Y-%m-%d %H:%M:%S', '2024-01-01 12:00:00', 'America/New_York')).to.equal('2024-01-01T17:00:00.000Z');
    expect(parse('%Y-%m-%d %H:%M:%S %Z', '2024-07-01 12:00:00 Asia/Tokyo', 'UTC')).to.equal('2024-07-01T03:00:00.000Z');
  });

  it('moves a time in a spring-forward gap forward and takes the earlier instant of an ambiguous time', () => {
    expect(parse('%F %T', '2024-03-10 02:30:00', 'America/New_York')).to.equal('2024-03-10T07:30:00.000Z');
    expect(parse('%F %T', '2024-11-03 01:30:00', 'America/New_York')).to.equal('2024-11-03T05:30:00.000Z');
    expect(parse('%F %T', '2024-11-03 03:30:00', 'America/New_York')).to.equal('2024-11-03T08:30:00.000Z');
  });

  it('reads names, 12-hour clocks, two-digit years, day of year and epoch seconds', () => {
    expect(parse('%a, %d %b %Y %H:%M:%S %z', 'Mon, 02 Jan 2006 15:04:05 -0700')).to.equal('2006-01-02T22:04:05.000Z');
    expect(parse('%d/%b/%Y:%H:%M:%S %z', '06/Feb/2019:00:00:38 +0000')).to.equal('2019-02-06T00:00:38.000Z');
    expect(parse('%a %b %e %H:%M:%S %Y', 'Mon Jan  2 15:04:05 2006')).to.equal('2006-01-02T15:04:05.000Z');
    expect(parse('%B %d, %Y', 'december 8, 2022')).to.equal('2022-12-08T00:00:00.000Z');
    expect(parse('%m/%d/%Y, %I:%M %p', '1/2/2023, 12:33 PM')).to.equal('2023-01-02T12:33:00.000Z');
    expect(parse('%m/%d/%Y %I:%M %p', '1/2/2023 12:05 am')).to.equal('2023-01-02T00:05:00.000Z');
    expect(parse('%D', '03/10/24')).to.equal('2024-03-10T00:00:00.000Z');
    expect(parse('%y%m%d', '991231')).to.equal('1999-12-31T00:00:00.000Z');
    expect(parse('%Y-%j', '2024-060')).to.equal('2024-02-29T00:00:00.000Z');
    expect(parse('%Y%m%d%H%M%S', '20240102030405')).to.equal('2024-01-02T03:04:05.000Z');
    expect(parse('%s', '1607374321')).to.equal('2020-12-07T20:52:01.000Z');
    expect(parse('%s.%L', '1607374321.541')).to.equal('2020-12-07T20:52:01.541Z');
    expect(parse('%Q', '1607374321541')).to.equal('2020-12-07T20:52:01.541Z');
    expect(parse('100%% %Y', '100% 2024')).to.equal('2024-01-01T00:00:00.000Z');
  });

  it('returns null for text that does not match or names an impossible time', () => {
    const p = compileTimestampParser('%Y-%m-%d %H:%M:%S', 'UTC');
    for (const bad of ['', 'abc', '2024-01-02', '2024-02-30 00:00:00', '2023-02-29 00:00:00', '2024-01-02 25:00:00', '2024-13-01 00:00:00', '2024-01-02 00:00:00 extra']) {
      expect(p(bad), bad).to.equal(null);
    }
    expect(parse('%Y %z', '2024 +9999')).to.equal(null);
    expect(parse('%Y %Z', '2024 Nowhere/Land')).to.equal(null);
    expect(parse('%b %Y', 'Foo 2024')).to.equal(null);
  });

  it('rejects unknown directives and zones at compile time with a config error', () => {
    for (const [format, zone] of [['%Y-%q', 'UTC'], ['%Y %', 'UTC'], ['%Y', 'Mars/Olympus'], ['%Y', 'PST']] as const) {
      let caught: unknown;
      try {
        compileTimestampParser(format, zone);
      } catch (e) {
        caught = e;
      }
      expect(isImportError(caught), `${format} ${zone}`).to.equal(true);
    }
  });

  it('handles years below 100 and leap days', () => {
    expect(parse('%Y-%m-%d', '0050-03-01')).to.equal('0050-03-01T00:00:00.000Z');
    expect(parse('%Y-%m-%d', '2000-02-29')).to.equal('2000-02-29T00:00:00.000Z');
  });
});

describe('formatTimestamp', () => {
  const date = new Date('2024-01-02T03:04:05.123Z');
  it('formats in a zone with offsets, names and fractions', () => {
    expect(formatTimestamp(date, '%Y-%m-%d %H:%M:%S.%N %z', 'UTC')).to.equal('2024-01-02 03:04:05.123000000 +0000');
    expect(formatTimestamp(date, '%Y-%m-%dT%H:%M:%S.%L%:z', 'Asia/Tokyo')).to.equal('2024-01-02T12:04:05.123+09:00');
    expect(formatTimestamp(date, '%a %b %e %I:%M %p %Z %j', 'America/New_York')).to.equal('Mon Jan  1 10:04 PM America/New_York 001');
    expect(formatTimestamp(date, '%-m/%-d/%y %s %3N %6N', '+05:30')).to.equal('1/2/24 1704164645 123 123000');
  });
  it('round-trips through the parser', () => {
    for (const zone of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles']) {
      const format = '%Y-%m-%d %H:%M:%S.%N %z';
      expect(iso(compileTimestampParser(format, 'UTC')(formatTimestamp(date, format, zone)))).to.equal(date.toISOString());
    }
  });
});

import { configError } from '../errors.js';
import type { Column, Value } from '../model/record-batch.js';
import { requireColumn } from './column-lookup.js';
import type { AddTimeFilterSpec, TimeReadOptions } from './filter-specs.js';
import { compileTimestampReader, type TimestampReader } from './timestamp-reader.js';
import { instantFromUnix } from './time-units.js';

/** Yields the instants of one batch's rows (NULL where a row has none). */
export type TimeSource = (vectors: readonly Value[][], length: number) => (Date | null)[];

const ADD_TIME_FORMAT = '%Y-%m-%d %H:%M:%S %z';

function reader(options: TimeReadOptions, key: string): TimestampReader {
  const format = options.timestamp_format ?? options.default_timestamp_format ?? ADD_TIME_FORMAT;
  return compileTimestampReader(format, options.timezone ?? options.default_timezone ?? 'UTC', key);
}

/** add_time's from_column / from_value as a function of a batch. */
export function createTimeSource(spec: AddTimeFilterSpec, input: readonly Column[], key: string, uploadTime: Date): TimeSource {
  if ((spec.from_column === undefined) === (spec.from_value === undefined)) {
    throw configError(key, 'set exactly one of from_column (read the time from a column) or from_value (a fixed, incremental or upload time)');
  }
  if (spec.from_column) return columnSource(spec.from_column, input, `${key}.from_column`);
  const value = spec.from_value!;
  const at = `${key}.from_value`;
  const mode = value.mode ?? 'fixed_time';
  const instant = (v: string | number | undefined, name: string): Date => {
    if (v === undefined) throw configError(`${at}.${name}`, `is required for mode ${mode}`);
    const date = typeof v === 'number' ? instantFromUnix(Math.trunc(v), value.unix_timestamp_unit ?? 'sec') : reader(value, `${at}.timestamp_format`)(v);
    if (date === null) throw configError(`${at}.${name}`, `'${v}' does not match timestamp_format; change the value or the format`);
    return date;
  };
  if (mode === 'upload_time') return (_v, length) => new Array<Date>(length).fill(uploadTime);
  if (mode === 'fixed_time') {
    const fixed = instant(value.value, 'value');
    return (_v, length) => new Array<Date>(length).fill(fixed);
  }
  return incrementalSource(instant(value.from, 'from'), instant(value.to, 'to'), at);
}

/** One second more per row from `from` to `to` inclusive, then back to `from` (embulk-filter-add_time). */
function incrementalSource(from: Date, to: Date, key: string): TimeSource {
  if (to.getTime() < from.getTime()) throw configError(`${key}.to`, 'must not be before from');
  let current = from.getTime();
  return (_v, length) => {
    const out = new Array<Date>(length);
    for (let i = 0; i < length; i++) {
      out[i] = new Date(current);
      current += 1000;
      if (current > to.getTime()) current = from.getTime();
    }
    return out;
  };
}

function columnSource(options: NonNullable<AddTimeFilterSpec['from_column']>, input: readonly Column[], key: string): TimeSource {
  const index = requireColumn(input, options.name, `${key}.name`);
  const type = input[index]!.type;
  const unit = options.unix_timestamp_unit ?? 'sec';
  switch (type) {
    case 'timestamp':
      return (vectors) => vectors[index]! as (Date | null)[];
    case 'long':
    case 'double':
      return (vectors) => vectors[index]!.map((v) => ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'bigint' ? instantFromUnix(v, unit) : null));
    case 'string': {
      const read = reader(options, `${key}.timestamp_format`);
      return (vectors) => vectors[index]!.map((v) => (typeof v === 'string' ? read(v) : null));
    }
    default:
      throw configError(`${key}.name`, `column '${options.name}' is ${type}; add_time reads a timestamp, long, double or string column`);
  }
}

import type { Column, RecordBatch, Value } from '../model/record-batch.js';
import type { AddTimeFilterSpec, TimeUnit } from './filter-specs.js';
import type { RecordFilter } from './record-filter.js';
import { createTimeSource, type TimeSource } from './time-source.js';
import { unixFromInstant } from './time-units.js';

/** An existing column of the target name moves aside to `name_` (then `name__`...), as the reference does. */
function renameAside(input: readonly Column[], name: string): Column[] {
  const names = new Set(input.map((c) => c.name));
  return input.map((c) => {
    if (c.name !== name) return c;
    let renamed = `${name}_`;
    while (names.has(renamed)) renamed += '_';
    return { ...c, name: renamed };
  });
}

/**
 * embulk-filter-add_time: appends a time column (timestamp, or long in `unit`) read from a column or made
 * from a fixed, incremental or upload time. Input vectors pass through uncopied.
 */
export function createAddTimeFilter(spec: AddTimeFilterSpec, input: readonly Column[], key: string, uploadTime: Date): RecordFilter {
  const source = createTimeSource(spec, input, key, uploadTime);
  const type = spec.to_column.type ?? 'timestamp';
  const columns = [...renameAside(input, spec.to_column.name), { name: spec.to_column.name, type }];
  const unit = type === 'long' ? (spec.to_column.unit ?? spec.to_column.unix_timestamp_unit ?? 'sec') : undefined;
  return new AddTimeFilter(columns, source, unit);
}

class AddTimeFilter implements RecordFilter {
  constructor(
    readonly columns: readonly Column[],
    private readonly source: TimeSource,
    private readonly unit: TimeUnit | undefined,
  ) {}

  apply(batch: RecordBatch): RecordBatch {
    const times = this.source(batch.vectors, batch.length);
    const unit = this.unit;
    const vector: Value[] = unit === undefined ? times : times.map((t) => (t === null ? null : unixFromInstant(t, unit)));
    return { columns: this.columns, vectors: [...batch.vectors, vector], length: batch.length };
  }
}

import { configError } from '../errors.js';
import type { Column, RecordBatch, Value } from '../model/record-batch.js';
import { assertUniqueNames, requireColumn } from './column-lookup.js';
import { constantVector, fillNulls } from './constant-vector.js';
import type { ColumnFilterColumn, ColumnFilterSpec } from './filter-specs.js';
import { castJsonValue } from './json-value-cast.js';
import type { RecordFilter } from './record-filter.js';
import { compileTimestampReader } from './timestamp-reader.js';

/** Where an output column's values come from: an input vector (NULLs optionally replaced) or a constant. */
type Source = { readonly from: number; readonly nullAs?: Value } | { readonly constant: Value };

const DEFAULT_FORMAT = '%Y-%m-%d %H:%M:%S.%N %z';

/**
 * embulk-filter-column: `columns` retains (and orders, renames via `src`, or adds constants), `drop_columns`
 * removes, `add_columns` appends. Retained vectors are passed through, never copied.
 */
export function createColumnFilter(spec: ColumnFilterSpec, input: readonly Column[], key: string): RecordFilter {
  if (spec.columns && spec.drop_columns) {
    throw configError(`${key}.drop_columns`, 'cannot be used together with columns; list the columns to keep in columns, or the ones to remove in drop_columns');
  }
  const columns: Column[] = [];
  const sources: Source[] = [];
  const add = (column: Column, source: Source): void => {
    columns.push(column);
    sources.push(source);
  };
  if (spec.columns) {
    spec.columns.forEach((c, j) => retain(c, `${key}.columns[${j}]`));
  } else {
    const dropped = new Set(spec.drop_columns?.map((d, j) => requireColumn(input, d.name, `${key}.drop_columns[${j}].name`)));
    input.forEach((c, i) => {
      if (!dropped.has(i)) add(c, { from: i });
    });
  }
  spec.add_columns?.forEach((c, j) => append(c, `${key}.add_columns[${j}]`));
  assertUniqueNames(columns, key);

  function retain(c: ColumnFilterColumn, at: string): void {
    const srcName = c.src ?? c.name;
    const index = input.findIndex((x) => x.name === srcName);
    if (index < 0) {
      if (c.type === undefined || c.default === undefined) {
        const hint = c.src === undefined ? '; to add it as a constant instead, give it both type and default' : '';
        return void requireColumn(input, srcName, c.src === undefined ? `${at}.name` : `${at}.src`, hint);
      }
      add({ name: c.name, type: c.type }, { constant: constant(c, c.type, at) });
      return;
    }
    const type = input[index]!.type;
    if (c.type !== undefined && c.type !== type) {
      throw configError(`${at}.type`, `column '${srcName}' is ${type}, not ${c.type}; the column filter does not convert types, so remove type or set it to ${type}`);
    }
    add({ name: c.name, type }, c.default === undefined ? { from: index } : { from: index, nullAs: constant(c, type, at) });
  }

  function append(c: ColumnFilterColumn, at: string): void {
    if (c.src !== undefined) {
      const index = requireColumn(input, c.src, `${at}.src`);
      add({ name: c.name, type: input[index]!.type }, { from: index });
      return;
    }
    if (c.type === undefined) throw configError(`${at}.type`, 'is required for an added column (or give src to copy a column)');
    add({ name: c.name, type: c.type }, { constant: c.default === undefined ? null : constant(c, c.type, at) });
  }

  function constant(c: ColumnFilterColumn, type: Column['type'], at: string): Value {
    const reader =
      type === 'timestamp'
        ? compileTimestampReader(c.format ?? spec.default_timestamp_format ?? DEFAULT_FORMAT, c.timezone ?? spec.default_timezone ?? 'UTC', `${at}.format`)
        : undefined;
    const value = castJsonValue(c.default ?? null, type, reader);
    if (value === undefined) {
      throw configError(`${at}.default`, `${JSON.stringify(c.default)} is not a ${type} value${type === 'timestamp' ? ' in the given format' : ''}; change the default or the type`);
    }
    return value;
  }

  return new ColumnFilter(columns, sources);
}

class ColumnFilter implements RecordFilter {
  constructor(
    readonly columns: readonly Column[],
    private readonly sources: readonly Source[],
  ) {}

  apply(batch: RecordBatch): RecordBatch {
    const vectors = this.sources.map((s) => {
      if ('constant' in s) return constantVector(batch.length, s.constant);
      const vector = batch.vectors[s.from]!;
      return s.nullAs === undefined || s.nullAs === null ? vector : fillNulls(vector, s.nullAs);
    });
    return { columns: this.columns, vectors, length: batch.length };
  }
}

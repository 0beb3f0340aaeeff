import { configError } from './errors.js';
import { epochMillisAt, isValid, PackedBatchBuilder, unpackedBatch } from './model/packed-batch.js';
import type { Column, PackedColumn, RecordBatch, Value } from './model/record-batch.js';

/** Where each row's `time` (unix seconds, the partition key) comes from. */
export type TimeSource =
  | { readonly kind: 'column'; readonly name: string; readonly type: 'long' | 'timestamp'; readonly reason: string }
  | { readonly kind: 'upload_time'; readonly reason: string };

export interface TimeColumnPlan {
  readonly source: TimeSource;
  /** The columns written to the table: the input columns plus `time` (an existing non-source `time` is renamed `time_`). */
  readonly columns: readonly Column[];
  /** The column name `preview` and the job object report as "time column" (null = upload time). */
  readonly timeColumn: string | null;
}

/**
 * TD partitions every table by `time`. The rule, in order: the --time-column / out.time_column option (must be a
 * long or timestamp column); else a column named `time` (must be long or timestamp); else the first long or
 * timestamp column (TD's documented rule); else the upload time.
 */
export class TimeColumnPolicy {
  plan(columns: readonly Column[], option: string | null): TimeColumnPlan {
    const source = this.chooseSource(columns, option);
    if (source.kind === 'column' && source.name === 'time') {
      return { source, columns: columns.map((c) => (c.name === 'time' ? { name: 'time', type: 'long' } : c)), timeColumn: 'time' };
    }
    const renamed = columns.map((c) => (c.name === 'time' ? { ...c, name: uniqueName('time_', columns) } : c));
    return {
      source,
      columns: [...renamed, { name: 'time', type: 'long' }],
      timeColumn: source.kind === 'column' ? source.name : null,
    };
  }

  private chooseSource(columns: readonly Column[], option: string | null): TimeSource {
    if (option !== null) {
      const column = columns.find((c) => c.name === option);
      if (!column) {
        throw configError('time_column', `no column named ${JSON.stringify(option)}; choose one of ${columns.map((c) => c.name).join(', ')}`);
      }
      if (column.type !== 'long' && column.type !== 'timestamp') {
        throw configError('time_column', `column ${JSON.stringify(option)} is ${column.type}; the time column must be long (unix seconds) or timestamp`);
      }
      return { kind: 'column', name: column.name, type: column.type, reason: 'chosen with --time-column / out.time_column' };
    }
    const named = columns.find((c) => c.name === 'time');
    if (named) {
      if (named.type !== 'long' && named.type !== 'timestamp') {
        throw configError('time_column', `the column named "time" is ${named.type}; it must be long or timestamp, or pick another column with --time-column`);
      }
      return { kind: 'column', name: 'time', type: named.type, reason: 'a column is named time' };
    }
    const first = columns.find((c) => c.type === 'long' || c.type === 'timestamp');
    if (first) {
      return { kind: 'column', name: first.name, type: first.type as 'long' | 'timestamp', reason: 'the first long or timestamp column (set --time-column to choose another)' };
    }
    return { kind: 'upload_time', reason: 'no long or timestamp column: the upload time' };
  }

  /**
   * Adds or converts the `time` vector of a batch whose columns are the plan's input columns. A packed batch stays
   * packed (its `vectors` are not decoded): `time` is then a packed column too.
   */
  apply(plan: TimeColumnPlan, batch: RecordBatch, uploadTime: Date): RecordBatch {
    const source = plan.source;
    const uploadSeconds = Math.floor(uploadTime.getTime() / 1000);
    if (batch.packed !== undefined) {
      const input = batch.packed.packed;
      const index = source.kind === 'column' ? batch.columns.findIndex((c) => c.name === source.name) : -1;
      const time = source.kind === 'upload_time'
        ? packedSeconds(batch.length, () => uploadSeconds)
        : source.type === 'long' ? input[index]! : secondsOfMicros(input[index]!, batch.length);
      const packed = source.kind === 'column' && source.name === 'time' ? input.map((column, c) => (c === index ? time : column)) : [...input, time];
      return unpackedBatch({ columns: plan.columns, length: batch.length, packed }, batch.packedTransferable === true);
    }
    let time: Value[];
    if (source.kind === 'upload_time') {
      time = new Array<Value>(batch.length).fill(uploadSeconds);
    } else {
      const index = batch.columns.findIndex((c) => c.name === source.name);
      const vector = batch.vectors[index]!;
      time = source.type === 'long' ? vector : vector.map((v) => (v instanceof Date ? Math.floor(v.getTime() / 1000) : null));
    }
    if (source.kind === 'column' && source.name === 'time') {
      const index = batch.columns.findIndex((c) => c.name === 'time');
      const vectors = batch.vectors.slice();
      vectors[index] = time;
      return { columns: plan.columns, vectors, length: batch.length };
    }
    return { columns: plan.columns, vectors: [...batch.vectors, time], length: batch.length };
  }
}

const TIME: readonly Column[] = [{ name: 'time', type: 'long' }];

/**
 * The packed `time` column of a batch of `length` rows: `seconds(r)`, or NULL where it gives null (the same
 * seconds the JS path computes).
 */
function packedSeconds(length: number, seconds: (r: number) => number | null): PackedColumn {
  const builder = new PackedBatchBuilder(TIME, length);
  const cell = builder.column(0);
  for (let r = 0; r < length; r++) {
    const s = seconds(r);
    if (s === null) cell.setNull(r);
    else cell.setInt64(r, s);
    builder.commitRow();
  }
  return builder.finish().packed[0]!;
}

/** Unix seconds (floored, as the JS path's Math.floor(ms / 1000)) of a packed timestamp column. */
function secondsOfMicros(column: PackedColumn, length: number): PackedColumn {
  const view = new DataView(column.data.buffer, column.data.byteOffset, column.data.byteLength);
  return packedSeconds(length, (r) => (isValid(column.validity, r) ? Math.floor(epochMillisAt(view, r) / 1000) : null));
}

function uniqueName(base: string, columns: readonly Column[]): string {
  let name = base;
  while (columns.some((c) => c.name === name)) name += '_';
  return name;
}

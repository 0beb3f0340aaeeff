import { configError } from './errors.js';
import { unpackedBatch } from './model/packed-batch.js';
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
        ? constantSeconds(batch.length, uploadSeconds)
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

const TWO_32 = 4294967296;

/** An int64 column of `length` rows, all `seconds`. */
function constantSeconds(length: number, seconds: number): PackedColumn {
  const data = new Uint8Array(length * 8);
  const words = new Int32Array(data.buffer);
  const hi = Math.floor(seconds / TWO_32);
  for (let r = 0; r < length; r++) {
    words[r * 2] = seconds - hi * TWO_32;
    words[r * 2 + 1] = hi;
  }
  return { data, validity: null, long: null, longRows: null };
}

/** Unix seconds (floored, as Math.floor(ms / 1000)) of a packed timestamp column (int64 microseconds). */
function secondsOfMicros(column: PackedColumn, length: number): PackedColumn {
  const source = new DataView(column.data.buffer, column.data.byteOffset, length * 8);
  const data = new Uint8Array(length * 8);
  const target = new DataView(data.buffer);
  for (let r = 0; r < length; r++) {
    const hi = source.getInt32(r * 8 + 4, true);
    const lo = source.getUint32(r * 8, true);
    // In doubles while |micros| < 2^53 (the years 1685-2255), the quotient corrected for rounding; else BigInt.
    let seconds: number;
    if (hi > -0x200000 && hi < 0x200000) {
      const micros = hi * TWO_32 + lo;
      seconds = Math.floor(micros / 1_000_000);
      const rest = micros - seconds * 1_000_000;
      if (rest < 0) seconds--;
      else if (rest >= 1_000_000) seconds++;
    } else {
      seconds = Number(floorDiv(source.getBigInt64(r * 8, true), 1_000_000n));
    }
    const sh = Math.floor(seconds / TWO_32);
    target.setUint32(r * 8, seconds - sh * TWO_32, true);
    target.setInt32(r * 8 + 4, sh, true);
  }
  // A NULL timestamp is a NULL time (its slot is zero either way).
  return { data, validity: column.validity === null ? null : column.validity.slice(), long: null, longRows: null };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

function uniqueName(base: string, columns: readonly Column[]): string {
  let name = base;
  while (columns.some((c) => c.name === name)) name += '_';
  return name;
}

import type { ColumnType, JsonValue, Value } from '../model/record-batch.js';
import type { TimestampReader } from './timestamp-reader.js';

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A long Value: a number while it is a safe integer, else a bigint (the RecordBatch contract). */
export function longValue(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

/**
 * Converts a JSON value to a cell of `type`. NULL stays NULL; `undefined` means "cannot be converted"
 * (the caller decides between NULL and an error). Strings are read as the type they name, so
 * `"42"` becomes long 42; nested values become JSON text for string columns; a number read as a
 * timestamp is epoch seconds.
 */
export function castJsonValue(value: JsonValue, type: ColumnType, readTimestamp?: TimestampReader): Value | undefined {
  if (value === null) return null;
  switch (type) {
    case 'json':
      return value;
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'long':
      if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
      return typeof value === 'string' && INTEGER.test(value.trim()) ? longValue(value.trim()) : undefined;
    case 'double':
      if (typeof value === 'number') return value;
      return typeof value === 'string' && DECIMAL.test(value.trim()) ? Number(value.trim()) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : typeof value === 'string' ? textBoolean(value) : undefined;
    case 'timestamp':
      if (typeof value === 'number') return Number.isFinite(value) ? new Date(Math.round(value * 1000)) : undefined;
      if (typeof value !== 'string' || !readTimestamp) return undefined;
      return readTimestamp(value) ?? undefined;
  }
}

function textBoolean(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

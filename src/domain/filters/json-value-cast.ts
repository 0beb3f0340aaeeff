import { stringifyJson } from '../model/json-text.js';
import type { ColumnType, JsonValue, Value } from '../model/record-batch.js';
import { parseBoolean, parseDouble, parseLong } from '../parsing/value-converters.js';
import type { TimestampReader } from './timestamp-reader.js';

/** Embulk's FALSE strings: text that is neither these nor a TRUE string does not convert (NULL, not false). */
const FALSE_STRINGS = new Set(['false', 'False', 'FALSE', 'no', 'No', 'NO', 'f', 'F', 'n', 'N', 'off', 'Off', 'OFF', '0']);

/**
 * Converts a JSON value to a cell of `type`. NULL stays NULL; `undefined` means "cannot be converted"
 * (the caller decides between NULL and an error). Strings are read as the type they name with the parser's
 * rules (src/domain/parsing/value-converters.ts), so `"42"` becomes long 42; nested values become JSON text
 * for string columns; a number read as a timestamp is epoch seconds.
 */
export function castJsonValue(value: JsonValue, type: ColumnType, readTimestamp?: TimestampReader): Value | undefined {
  if (value === null) return null;
  switch (type) {
    case 'json':
      return value;
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'object' ? stringifyJson(value) : String(value);
    case 'long':
      if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
      if (typeof value === 'bigint') return BigInt.asIntN(64, value) === value ? value : undefined;
      return typeof value === 'string' ? (parseLong(value) ?? undefined) : undefined;
    case 'double':
      if (typeof value === 'number') return value;
      if (typeof value === 'bigint') return Number(value);
      return typeof value === 'string' ? (parseDouble(value) ?? undefined) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : typeof value === 'string' ? textBoolean(value) : undefined;
    case 'timestamp':
      if (typeof value === 'number') return Number.isFinite(value) ? new Date(Math.round(value * 1000)) : undefined;
      if (typeof value !== 'string' || !readTimestamp) return undefined;
      return readTimestamp(value) ?? undefined;
  }
}

function textBoolean(text: string): boolean | undefined {
  return parseBoolean(text) ? true : FALSE_STRINGS.has(text) ? false : undefined;
}

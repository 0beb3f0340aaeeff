import type { ColumnSpec } from '../model/parser-options.js';
import { stringifyJson } from '../model/json-text.js';
import type { JsonValue, Value } from '../model/record-batch.js';
import { compileTimestampParser, compileTimestampSpanParser } from '../timestamp/timestamp-format.js';
import { booleanAt, longAt, parseBoolean, parseDouble, parseJson, parseLong, plainDecimal } from './value-converters.js';

/** Returned by a converter when the text does not fit the column type; the record is then rejected. */
export const INVALID: unique symbol = Symbol('invalid');

/** Converts the text of a non-null cell to the column's value. */
export type TextConverter = (text: string) => Value | typeof INVALID;

export interface TimestampDefaults {
  readonly default_timezone: string;
  readonly default_timestamp_format: string;
}

/**
 * Builds the text converter of one column. Empty text in a non-string column becomes NULL: the reference
 * rejects the record instead, which drops whole rows for an empty number (decision in docs/decisions/parsers.md).
 */
export function textConverter(column: ColumnSpec, defaults: TimestampDefaults): TextConverter {
  switch (column.type) {
    case 'string':
      return (text) => text;
    case 'boolean':
      return (text) => (text === '' ? null : parseBoolean(text));
    case 'long':
      return (text) => (text === '' ? null : (parseLong(text) ?? INVALID));
    case 'double':
      return (text) => (text === '' ? null : (parseDouble(text) ?? INVALID));
    case 'json':
      return (text) => (text === '' ? null : (parseJson(text) ?? INVALID));
    case 'timestamp': {
      const parse = compileTimestampParser(
        column.format ?? defaults.default_timestamp_format,
        column.timezone ?? defaults.default_timezone,
      );
      return (text) => (text === '' ? null : (parse(text) ?? INVALID));
    }
  }
}

/**
 * Reads a non-empty cell in place, text[start, end), without slicing it: the column's value for the common
 * shapes, or undefined, and then the text converter decides on the sliced cell (every rejection and its reason
 * come from there). Agrees with the text converter wherever it answers (test/unit/parsing/span-converters.test.ts).
 * Measured: slicing 6 of the bench's 8 columns per row was ~20% of parse time, with its garbage.
 */
export type SpanConverter = (text: string, start: number, end: number) => Value | undefined;

/** The column's span converter, or undefined when every cell goes through the text converter (strings, json). */
export function spanConverter(column: ColumnSpec, defaults: TimestampDefaults): SpanConverter | undefined {
  switch (column.type) {
    case 'long':
      return longAt;
    case 'double':
      return plainDecimal;
    case 'boolean':
      return booleanAt;
    case 'timestamp': {
      const millis = timestampSpanMillis(column, defaults);
      return millis === undefined ? undefined : (text, start, end) => {
        const ms = millis(text, start, end);
        return ms === undefined ? undefined : new Date(ms);
      };
    }
    default:
      return undefined;
  }
}

/**
 * A timestamp column's span converter giving epoch milliseconds instead of a Date (what a packed batch stores), or
 * undefined when the column has no fast layout. Answers exactly where spanConverter does.
 */
export function timestampSpanMillis(column: ColumnSpec, defaults: TimestampDefaults): ((text: string, start: number, end: number) => number | undefined) | undefined {
  return column.type !== 'timestamp' ? undefined : compileTimestampSpanParser(column.format ?? defaults.default_timestamp_format, column.timezone ?? defaults.default_timezone);
}

/** Why a cell was rejected, naming the column and what was expected. */
export function conversionReason(column: ColumnSpec, text: string, defaults: TimestampDefaults): string {
  const shown = text.length > 60 ? `${text.slice(0, 60)}...` : text;
  switch (column.type) {
    case 'long':
      return `column '${column.name}': '${shown}' is not a long (64-bit integer)`;
    case 'double':
      return `column '${column.name}': '${shown}' is not a double`;
    case 'json':
      return `column '${column.name}': '${shown}' is not valid JSON`;
    case 'timestamp':
      return `column '${column.name}': '${shown}' does not match timestamp format '${column.format ?? defaults.default_timestamp_format}'`;
    default:
      return `column '${column.name}': '${shown}' is not a ${column.type}`;
  }
}

/**
 * Converts a JSON value (from the JSON parser's element_at) to a column value. Strings go through the text
 * converter; numbers and booleans convert directly; objects and arrays only fit json and string columns.
 */
export function jsonValueConverter(column: ColumnSpec, defaults: TimestampDefaults): (value: JsonValue | undefined) => Value | typeof INVALID {
  const fromText = textConverter(column, defaults);
  return (value) => {
    if (value === undefined || value === null) return null;
    if (column.type === 'json') return value as JsonValue;
    if (typeof value === 'string') return fromText(value);
    switch (column.type) {
      case 'string':
        // A bigint (an integer past 2^53 read exactly, parseJsonPrecise) keeps its digits here too.
        return typeof value === 'object' ? stringifyJson(value) : String(value);
      case 'boolean':
        return typeof value === 'boolean' ? value : typeof value === 'number' ? value !== 0 : INVALID;
      case 'long':
        if (typeof value === 'number' && Number.isInteger(value)) return Number.isSafeInteger(value) ? value : Math.abs(value) < 2 ** 63 ? BigInt(value) : INVALID;
        // The record parser reads integers past 2^53 again exactly (JSON.parse rounds them): what Embulk's Jackson reads.
        if (typeof value === 'bigint') return BigInt.asIntN(64, value) === value ? value : INVALID;
        return typeof value === 'boolean' ? Number(value) : INVALID;
      case 'double':
        return typeof value === 'number' ? value : INVALID;
      case 'timestamp':
        // Numbers are epoch seconds (with a fraction), as Embulk's JSON-to-timestamp conversion reads them.
        return typeof value === 'number' ? new Date(Math.round(value * 1000)) : INVALID;
    }
  };
}

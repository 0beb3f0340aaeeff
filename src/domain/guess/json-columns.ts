import type { ColumnSpec } from '../model/parser-options.js';
import type { ColumnType, JsonValue } from '../model/record-batch.js';
import { normalizeColumnNames } from './column-names.js';
import { typeColumn } from './column-typing.js';

/**
 * Typed columns for the JSON parsers, one per top-level key in first-seen order, read with element_at.
 * Offered on request only: the reference's default (one json column `record`) never loses a field.
 */
export function jsonColumns(records: readonly Record<string, JsonValue>[], timezone: string): ColumnSpec[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  }
  const names = normalizeColumnNames(keys);
  return keys.map((key, i) => {
    const values = records.map((r) => r[key]).filter((v): v is JsonValue => v !== undefined && v !== null);
    const element_at = `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (values.length > 0 && values.every((v) => typeof v === 'string')) {
      const t = typeColumn(values as string[], timezone);
      // Only timestamps come from string values: "12" in JSON is text, whatever it looks like.
      if (t.type === 'timestamp') return { name: names[i]!, type: 'timestamp', format: t.format!, element_at };
      return { name: names[i]!, type: 'string', element_at };
    }
    return { name: names[i]!, type: jsonType(values), element_at };
  });
}

function jsonType(values: readonly JsonValue[]): ColumnType {
  const kinds = new Set(values.map((v) => (typeof v === 'number' ? (Number.isInteger(v) ? 'long' : 'double') : typeof v === 'object' ? 'json' : typeof v)));
  if (kinds.size === 0) return 'string';
  if (kinds.size === 1) {
    const [k] = kinds;
    return k === 'long' || k === 'double' || k === 'boolean' || k === 'json' || k === 'string' ? k : 'json';
  }
  if (kinds.size === 2 && kinds.has('long') && kinds.has('double')) return 'double';
  return 'json';
}

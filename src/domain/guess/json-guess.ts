import type { JsonValue } from '../model/record-batch.js';

export interface JsonGuess {
  readonly type: 'json' | 'jsonl';
  readonly flattenArray: boolean;
  /** The complete records seen in the sample (for typed-column suggestions). */
  readonly records: readonly Record<string, JsonValue>[];
  readonly explain: string;
}

const isObject = (v: unknown): v is Record<string, JsonValue> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * JSON is chosen only if every value in the sample is a JSON object (the reference's rule): one object per
 * line -> jsonl, otherwise a stream of top-level values -> json; a top-level array of objects -> json with
 * flatten_json_array. A value cut off by the end of a partial sample is tolerated (and not counted).
 */
export function guessJson(text: string, complete: boolean): JsonGuess | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
  const lines = text.split(/\r\n|\r|\n/);
  if (!complete && !/[\r\n]$/.test(text)) lines.pop();
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  const perLine = nonEmpty.map(parseOrUndefined);
  if (nonEmpty.length >= 2 && perLine.every(isObject)) {
    return { type: 'jsonl', flattenArray: false, records: perLine as Record<string, JsonValue>[], explain: `parser: jsonl (all ${nonEmpty.length} lines are JSON objects)` };
  }
  const values = topLevelValues(trimmed, complete);
  if (values === null || values.length === 0) return null;
  if (values.every(isObject)) {
    return { type: 'json', flattenArray: false, records: values as Record<string, JsonValue>[], explain: `parser: json (${values.length} top-level JSON object(s), not one per line)` };
  }
  if (values.every((v) => Array.isArray(v) && v.every(isObject))) {
    const records = (values as JsonValue[][]).flat() as Record<string, JsonValue>[];
    return { type: 'json', flattenArray: true, records, explain: 'parser: json with flatten_json_array (top-level arrays of objects: each element is a record)' };
  }
  return null;
}

function parseOrUndefined(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/**
 * Splits concatenated JSON values by bracket depth (string-aware); null when a value does not parse.
 * `commas` accepts commas between values (the elements of an array whose closing bracket was cut off).
 */
function topLevelValues(text: string, complete: boolean, commas = false): unknown[] | null {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"' && depth > 0) inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) return null;
      if (depth === 0) {
        const v = parseOrUndefined(text.slice(start, i + 1));
        if (v === undefined) return null;
        values.push(v);
      }
    } else if (depth === 0 && !/\s/.test(c) && !(commas && c === ',')) return null;
  }
  if (depth === 0 || complete) return depth === 0 ? values : null;
  if (values.length > 0 || commas) return values;
  // The sample ends inside the first value: a big object is an object; a big array is judged by its elements.
  const partial = text.slice(start);
  if (partial.startsWith('{')) return [{}];
  const elements = topLevelValues(partial.slice(1), false, true);
  return elements === null ? null : [elements];
}

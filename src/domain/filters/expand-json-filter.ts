import { configError, ImportError } from '../errors.js';
import { parseJsonExact } from '../model/json-text.js';
import type { Column, ColumnType, JsonValue, RecordBatch, Value } from '../model/record-batch.js';
import { assertUniqueNames, requireColumn } from './column-lookup.js';
import type { ExpandJsonFilterSpec } from './filter-specs.js';
import { castJsonValue } from './json-value-cast.js';
import { compileJsonPath, readJsonPath, type PathStep } from './json-path.js';
import type { RecordFilter } from './record-filter.js';
import { compileTimestampReader, type TimestampReader } from './timestamp-reader.js';

interface Expansion {
  readonly steps: readonly PathStep[];
  readonly type: ColumnType;
  readonly readTimestamp?: TimestampReader;
}

/** Not JSON: distinct from a JSON null so the caller can report or null it. */
const INVALID = Symbol('invalid');

/**
 * embulk-filter-expand_json: typed columns read by JSONPath out of one json (or JSON text) column,
 * inserted where that column was. Values that cannot be read become NULL, or fail the import with
 * `stop_on_invalid_record: true`.
 */
export function createExpandJsonFilter(spec: ExpandJsonFilterSpec, input: readonly Column[], key: string): RecordFilter {
  const index = requireColumn(input, spec.json_column_name, `${key}.json_column_name`);
  const source = input[index]!;
  if (source.type !== 'json' && source.type !== 'string') {
    throw configError(`${key}.json_column_name`, `column '${source.name}' is ${source.type}; expand_json reads a json or string column`);
  }
  const root = spec.root ?? '$.';
  const expansions = spec.expanded_columns.map((c, j): Expansion => {
    const at = `${key}.expanded_columns[${j}]`;
    const path = c.name.startsWith('[') ? root.replace(/\.$/, '') + c.name : root.endsWith('.') ? root + c.name : `${root}.${c.name}`;
    const readTimestamp =
      c.type === 'timestamp'
        ? compileTimestampReader(c.format ?? spec.default_timestamp_format ?? '%Y-%m-%d %H:%M:%S.%N %z', c.timezone ?? spec.default_timezone ?? 'UTC', `${at}.format`)
        : undefined;
    return { steps: compileJsonPath(path, `${at}.name`), type: c.type, readTimestamp };
  });
  const expanded: Column[] = spec.expanded_columns.map((c) => ({ name: c.name, type: c.type }));
  const keep = spec.keep_expanding_json_column ?? false;
  const columns = [...input.slice(0, index), ...(keep ? [source] : []), ...expanded, ...input.slice(index + 1)];
  assertUniqueNames(columns, `${key}.expanded_columns`);
  return new ExpandJsonFilter(columns, index, source.type === 'json', keep, expansions, spec.stop_on_invalid_record ?? false);
}

class ExpandJsonFilter implements RecordFilter {
  constructor(
    readonly columns: readonly Column[],
    private readonly index: number,
    private readonly sourceIsJson: boolean,
    private readonly keep: boolean,
    private readonly expansions: readonly Expansion[],
    private readonly strict: boolean,
  ) {}

  apply(batch: RecordBatch): RecordBatch {
    const source = batch.vectors[this.index]!;
    const out: Value[][] = this.expansions.map(() => new Array<Value>(batch.length));
    for (let row = 0; row < batch.length; row++) {
      const document = this.document(source[row] ?? null);
      for (let e = 0; e < this.expansions.length; e++) {
        const expansion = this.expansions[e]!;
        const found = document === INVALID ? undefined : readJsonPath(document, expansion.steps);
        const value = found === undefined ? null : castJsonValue(found, expansion.type, expansion.readTimestamp);
        if (value === undefined) this.invalid(`${JSON.stringify(found)} is not a ${expansion.type}`);
        out[e]![row] = value ?? null;
      }
    }
    const vectors = [...batch.vectors.slice(0, this.index), ...(this.keep ? [source] : []), ...out, ...batch.vectors.slice(this.index + 1)];
    return { columns: this.columns, vectors, length: batch.length };
  }

  /** The cell as JSON: JSON values as they are, text parsed (a json cell holding plain text stays text). */
  private document(cell: Value): JsonValue | typeof INVALID {
    if (typeof cell !== 'string') return cell as JsonValue;
    const text = cell.trim();
    const looksLikeJson = !this.sourceIsJson || /^[[{"]/.test(text);
    if (!looksLikeJson) return cell;
    try {
      return parseJsonExact(text);
    } catch {
      this.invalid(`the text ${JSON.stringify(text.slice(0, 40))}${text.length > 40 ? '...' : ''} is not JSON`);
      return INVALID;
    }
  }

  private invalid(why: string): void {
    if (!this.strict) return;
    throw new ImportError('DATA_INVALID_RECORD', `expand_json: ${why}; fix the data, or remove stop_on_invalid_record: true to load NULL instead`);
  }
}

import type { ColumnSpec, JsonParserOptions } from '../model/parser-options.js';
import type { Column, JsonValue, RecordBatch, Value } from '../model/record-batch.js';
import { BatchBuilder } from './batch-builder.js';
import { throwIfCancelled } from './cancellation.js';
import { INVALID, jsonValueConverter } from './column-converters.js';
import { reportInvalid } from './invalid-records.js';
import { compileJsonPointer, fieldPointer, pointerKeys, type JsonPointer } from './json-pointer.js';
import { holdsRoundedNumbers, parseJsonPrecise } from '../model/json-text.js';
import { JsonValueSplitter } from './json-value-splitter.js';
import { defaultBatchRows, type ParseContext, type RecordParser } from './record-parser.js';

interface Extractor {
  readonly spec: ColumnSpec;
  readonly at: JsonPointer;
  readonly convert: (value: JsonValue | undefined) => Value | typeof INVALID;
  /**
   * How integers past 2^53 stay exact (see parseJsonPrecise): `scalar` for long and string columns (when the value
   * found is a rounded number), `nested` for json columns (when the object or array found holds one).
   */
  readonly exact: 'scalar' | 'nested' | null;
}

const kindOf = (v: JsonValue): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/**
 * JSON (a stream of top-level values) and JSONL (one value per line). Each record must be an object; without
 * `columns` it becomes the json column `record`, with `columns` each column is read at its `element_at` pointer.
 */
export class JsonRecordParser implements RecordParser {
  readonly columns: readonly Column[];
  private readonly root: JsonPointer | null;
  private readonly extractors: readonly Extractor[] | null;

  /** @throws ImportError CONFIG_INVALID for a malformed pointer or timestamp format/zone. */
  constructor(private readonly options: JsonParserOptions) {
    this.root = options.root === null ? null : compileJsonPointer(options.root, 'parser.root');
    const specs = options.columns;
    this.columns = specs === null ? [{ name: 'record', type: 'json' }] : specs.map((c) => ({ name: c.name, type: c.type }));
    this.extractors =
      specs === null
        ? null
        : specs.map((spec, i) => ({
            spec,
            at: compileJsonPointer(spec.element_at ?? fieldPointer(spec.name), `parser.columns[${i}].element_at`),
            convert: jsonValueConverter(spec, options),
            exact: spec.type === 'long' || spec.type === 'string' ? 'scalar' : spec.type === 'json' ? 'nested' : null,
          }));
  }

  async *parse(text: AsyncIterable<string>, context: ParseContext): AsyncIterable<RecordBatch> {
    const o = this.options;
    const builder = new BatchBuilder(this.columns, context.batchSize ?? defaultBatchRows(this.columns.length));
    const row: Value[] = new Array<Value>(this.columns.length).fill(null);
    const reject = (line: number, reason: string, raw: string): void => reportInvalid(context, o.stop_on_invalid_record, line, reason, raw);

    /**
     * The record again with integers past 2^53 exact, parsed from its text only when a long or string column meets
     * such an integer (JSON.parse rounded it): the value's text, its root unless it is a streamed element (`fromRoot`),
     * and its index when it is an element of a flattened array (else -1).
     */
    const exactRecord = (raw: string, fromRoot: boolean, index: number): JsonValue | undefined => {
      let value: JsonValue | undefined = parseJsonPrecise(raw) as JsonValue;
      if (fromRoot && this.root !== null) value = this.root(value);
      return index < 0 ? value : (value as JsonValue[] | undefined)?.[index];
    };

    const addRecord = (record: JsonValue, line: number, raw: string, fromRoot: boolean, index: number): void => {
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        const hint = Array.isArray(record) && !o.flatten_json_array ? '; set flatten_json_array: true to read its elements as records' : '';
        return reject(line, `a record must be a JSON object, got ${kindOf(record)}${hint}`, raw);
      }
      if (this.extractors === null) {
        row[0] = holdsRoundedNumbers(record) ? (exactRecord(raw, fromRoot, index) ?? record) : record;
      } else {
        let exact: JsonValue | undefined;
        for (let c = 0; c < this.extractors.length; c++) {
          const extractor = this.extractors[c]!;
          const { spec, at, convert } = extractor;
          let found: JsonValue | undefined = at(record);
          // A number for long and string columns, an object or array for json columns: what each reads exactly.
          const rounded = extractor.exact !== null && found !== null && typeof found === (extractor.exact === 'scalar' ? 'number' : 'object') && holdsRoundedNumbers(found);
          if (rounded) found = at((exact ??= exactRecord(raw, fromRoot, index) ?? record));
          const v = convert(found);
          if (v === INVALID) {
            return reject(line, `column '${spec.name}' (${spec.type}): ${(typeof found === 'bigint' ? String(found) : JSON.stringify(found))?.slice(0, 60)} does not convert`, raw);
          }
          row[c] = v;
        }
      }
      builder.push(row);
    };

    const missingRoot = `root '${o.root ?? ''}' is not in this value`;
    const onValue = (textValue: string, line: number, parsed?: unknown, element?: boolean): void => {
      let value: JsonValue;
      if (parsed !== undefined) value = parsed as JsonValue;
      else {
        try {
          value = JSON.parse(textValue) as JsonValue;
        } catch (e) {
          return reject(line, `invalid JSON: ${(e as Error).message}`, textValue);
        }
      }
      // An element of the streamed array (or the root's own value): a record as it is.
      if (element === true) return addRecord(value, line, textValue, false, -1);
      let selected: JsonValue | undefined = value;
      if (this.root !== null) {
        selected = this.root(value);
        if (selected === undefined) return reject(line, missingRoot, textValue);
      }
      if (o.flatten_json_array && Array.isArray(selected)) {
        for (let k = 0; k < selected.length; k++) addRecord(selected[k]!, line, textValue, true, k);
      } else addRecord(selected, line, textValue, true, -1);
    };

    // JSON with flatten_json_array: the array at the root (the top-level value without one) streams element by
    // element (bounded memory); a root with an array index in it is followed on the whole value instead.
    const streamPath = o.type === 'json' && o.flatten_json_array ? (o.root === null ? [] : (pointerKeys(o.root) ?? null)) : null;
    const splitter = new JsonValueSplitter(o.type === 'jsonl', onValue, reject, true, streamPath, missingRoot);
    for await (const chunk of text) {
      throwIfCancelled(context.signal, context.file);
      splitter.feed(chunk);
      yield* builder.drain();
    }
    splitter.end();
    yield* builder.finish();
  }
}

import type { ColumnSpec, CsvParserOptions, JsonParserOptions } from '../../../src/domain/model/parser-options.js';
import { batchRows, type Value } from '../../../src/domain/model/record-batch.js';
import type { RejectedRecord } from '../../../src/domain/model/rejected-record.js';
import { createParser } from '../../../src/domain/parsing/create-parser.js';

export const common = {
  charset: 'UTF-8',
  newline: 'CRLF',
  stop_on_invalid_record: false,
  default_timezone: 'UTC',
  default_timestamp_format: '%Y-%m-%d %H:%M:%S.%N %z',
} as const;

/** Reference defaults (embulk-behaviour.md §4) plus overrides. */
export function csvOptions(columns: ColumnSpec[], overrides: Partial<CsvParserOptions> = {}): CsvParserOptions {
  return {
    ...common,
    type: 'csv',
    delimiter: ',',
    quote: '"',
    escape: '\\',
    skip_header_lines: 0,
    null_string: null,
    trim_if_not_quoted: false,
    quotes_in_quoted_fields: 'ACCEPT_ONLY_RFC4180_ESCAPED',
    max_quoted_size_limit: 131072,
    comment_line_marker: null,
    allow_optional_columns: false,
    allow_extra_columns: false,
    columns,
    ...overrides,
  };
}

export function jsonOptions(overrides: Partial<JsonParserOptions> = {}): JsonParserOptions {
  return { ...common, type: 'json', root: null, flatten_json_array: false, columns: null, ...overrides };
}

export const strings = (...names: string[]): ColumnSpec[] => names.map((name) => ({ name, type: 'string' }));

/** Splits text into chunks of `size` characters (0: one chunk) so records straddle boundaries. */
export async function* chunked(text: string, size = 0): AsyncIterable<string> {
  if (size <= 0) {
    yield text;
    return;
  }
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

export interface ParseResult {
  rows: Value[][];
  rejects: RejectedRecord[];
  batches: number;
}

export async function parseAll(
  options: CsvParserOptions | JsonParserOptions,
  text: string,
  chunkSize = 0,
  batchSize?: number,
): Promise<ParseResult> {
  const rejects: RejectedRecord[] = [];
  const rows: Value[][] = [];
  let batches = 0;
  const parser = createParser(options);
  for await (const batch of parser.parse(chunked(text, chunkSize), { file: 'in.csv', onReject: (r) => rejects.push(r), batchSize })) {
    batches++;
    rows.push(...batchRows(batch));
  }
  return { rows, rejects, batches };
}

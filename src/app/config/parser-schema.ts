import { z } from 'zod';
import { COLUMN_TYPES } from '../../domain/model/record-batch.js';
import type { CsvParserOptions, JsonParserOptions, ParserOptions } from '../../domain/model/parser-options.js';

/** '' means "none" for quote and escape, as in TD's guessed configs (`escape: ''`). */
const optionalChar = (fallback: string | null) =>
  z
    .union([z.string(), z.null()])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === '' ? null : v));

export const columnSpecSchema = z.strictObject({
  name: z.string().min(1, 'a column needs a non-empty name'),
  type: z.enum(COLUMN_TYPES, { message: `type must be one of ${COLUMN_TYPES.join(', ')}` }),
  format: z.string().optional(),
  timezone: z.string().optional(),
  element_at: z.string().optional(),
  /** Embulk accepts `date` for timestamp columns; kept for compatibility, ignored. */
  date: z.string().optional(),
});

const common = {
  charset: z.string().default('UTF-8'),
  newline: z.enum(['CRLF', 'LF', 'CR']).default('CRLF'),
  stop_on_invalid_record: z.boolean().default(false),
  default_timezone: z.string().default('UTC'),
  default_timestamp_format: z.string().default('%Y-%m-%d %H:%M:%S.%N %z'),
};

const csvFields = {
  ...common,
  delimiter: z.string().min(1, 'delimiter must not be empty').optional(),
  quote: optionalChar('"'),
  escape: optionalChar('\\'),
  skip_header_lines: z.number().int().min(0).default(0),
  header_line: z.boolean().optional(),
  null_string: z.union([z.string(), z.null()]).default(null),
  trim_if_not_quoted: z.boolean().default(false),
  quotes_in_quoted_fields: z
    .enum(['ACCEPT_ONLY_RFC4180_ESCAPED', 'ACCEPT_STRAY_QUOTES_ASSUMING_NO_DELIMITERS_IN_FIELDS'])
    .default('ACCEPT_ONLY_RFC4180_ESCAPED'),
  max_quoted_size_limit: z.number().int().positive().default(131072),
  comment_line_marker: z.union([z.string().min(1), z.null()]).default(null),
  allow_optional_columns: z.boolean().default(false),
  allow_extra_columns: z.boolean().default(false),
  columns: z.array(columnSpecSchema).min(1, 'list at least one column (or run `s3-import guess` to write them)'),
};

const csvSchema = z.strictObject({ type: z.literal('csv'), ...csvFields });
const tsvSchema = z.strictObject({ type: z.literal('tsv'), ...csvFields });

const jsonSchema = z.strictObject({
  type: z.enum(['json', 'jsonl']),
  ...common,
  root: z.union([z.string(), z.null()]).default(null),
  flatten_json_array: z.boolean().default(false),
  columns: z.union([z.array(columnSpecSchema).min(1), z.null()]).default(null),
});

export const parserSchema = z
  .discriminatedUnion('type', [csvSchema, tsvSchema, jsonSchema], {
    message: 'parser.type must be csv, tsv, json or jsonl',
  })
  .transform((p): ParserOptions => {
    if (p.type === 'json' || p.type === 'jsonl') {
      const { columns, ...rest } = p as z.infer<typeof jsonSchema>;
      const out: JsonParserOptions = { ...rest, columns: columns?.map(stripColumn) ?? null };
      return out;
    }
    const { type, header_line, delimiter, columns, ...rest } = p as z.infer<typeof csvSchema> | z.infer<typeof tsvSchema>;
    const out: CsvParserOptions = {
      ...rest,
      type: 'csv',
      delimiter: delimiter ?? (type === 'tsv' ? '\t' : ','),
      // Embulk's deprecated header_line: true means one header line.
      skip_header_lines: header_line === true && rest.skip_header_lines === 0 ? 1 : rest.skip_header_lines,
      columns: columns.map(stripColumn),
    };
    return out;
  });

function stripColumn(c: z.infer<typeof columnSpecSchema>) {
  const { date: _date, ...rest } = c;
  return rest;
}

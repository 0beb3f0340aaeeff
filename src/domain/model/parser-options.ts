import type { ColumnType } from './record-batch.js';

/*
 * Resolved parser options. Keys keep the reference's (Embulk/TD) snake_case names so that a load.yml maps
 * onto them one to one; defaults are applied by the config schema at the edge (src/app/config).
 */

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  /** strftime-style format for timestamp columns (e.g. '%Y-%m-%d %H:%M:%S'). */
  readonly format?: string;
  /** IANA zone for zone-less timestamps of this column. */
  readonly timezone?: string;
  /** JSON parser only: JSON Pointer of the value inside the record (default '/<name>'). */
  readonly element_at?: string;
}

export type QuotesInQuotedFields = 'ACCEPT_ONLY_RFC4180_ESCAPED' | 'ACCEPT_STRAY_QUOTES_ASSUMING_NO_DELIMITERS_IN_FIELDS';
export type Newline = 'CRLF' | 'LF' | 'CR';

interface CommonParserOptions {
  readonly charset: string;
  readonly newline: Newline;
  readonly stop_on_invalid_record: boolean;
  readonly default_timezone: string;
  readonly default_timestamp_format: string;
}

export interface CsvParserOptions extends CommonParserOptions {
  readonly type: 'csv';
  readonly delimiter: string;
  readonly quote: string | null;
  readonly escape: string | null;
  readonly skip_header_lines: number;
  readonly null_string: string | null;
  readonly trim_if_not_quoted: boolean;
  readonly quotes_in_quoted_fields: QuotesInQuotedFields;
  readonly max_quoted_size_limit: number;
  readonly comment_line_marker: string | null;
  readonly allow_optional_columns: boolean;
  readonly allow_extra_columns: boolean;
  readonly columns: readonly ColumnSpec[];
}

export interface JsonParserOptions extends CommonParserOptions {
  /** json: a stream of top-level JSON values; jsonl: one JSON value per line. */
  readonly type: 'json' | 'jsonl';
  /** JSON Pointer selecting the records inside each top-level value. */
  readonly root: string | null;
  readonly flatten_json_array: boolean;
  /** Without columns, each record becomes one json column named `record`. */
  readonly columns: readonly ColumnSpec[] | null;
}

export type ParserOptions = CsvParserOptions | JsonParserOptions;

export type DecoderType = 'gzip' | 'bzip2';
export interface DecoderSpec {
  readonly type: DecoderType;
}

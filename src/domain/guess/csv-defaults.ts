import type { CsvParserOptions } from '../model/parser-options.js';

/** Every CsvParserOptions key with the reference's defaults, so a guessed load.yml runs unchanged. */
export const CSV_DEFAULTS: CsvParserOptions = {
  type: 'csv',
  charset: 'UTF-8',
  newline: 'CRLF',
  delimiter: ',',
  quote: '"',
  escape: '"',
  skip_header_lines: 0,
  null_string: null,
  trim_if_not_quoted: false,
  quotes_in_quoted_fields: 'ACCEPT_ONLY_RFC4180_ESCAPED',
  max_quoted_size_limit: 131072,
  comment_line_marker: null,
  allow_optional_columns: false,
  allow_extra_columns: false,
  stop_on_invalid_record: false,
  default_timezone: 'UTC',
  default_timestamp_format: '%Y-%m-%d %H:%M:%S.%N %z',
  columns: [],
};

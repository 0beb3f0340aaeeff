import type { ColumnSpec, CsvParserOptions } from '../model/parser-options.js';
import { splitRecords } from './csv-records.js';
import { clip, readsAs, typeColumn } from './column-typing.js';
import { columnTexts } from './csv-columns.js';
import { compileTimestampParser } from '../timestamp/timestamp-format.js';

/**
 * Checks guessed column types against a larger sample, read exactly as the parser will (same delimiter,
 * quoting, skipped lines, null_string, trimming). A column with a value the parser could not read is
 * re-typed over both samples (long -> double, or -> string), so the load does not reject rows later.
 */
export function verifyCsvTypes(options: CsvParserOptions, text: string, complete: boolean, explain: string[]): CsvParserOptions {
  const width = options.columns.length;
  const rows = splitRecords(text, {
    delimiter: options.delimiter,
    quote: options.quote,
    escape: options.escape,
    commentMarker: options.comment_line_marker,
    complete,
  }).filter((r) => r.kind === 'data' && r.line >= options.skip_header_lines && r.fields.length === width);
  const rules = { nullString: options.null_string, trim: options.trim_if_not_quoted };
  let widened = 0;
  const columns = options.columns.map((col, c): ColumnSpec => {
    const texts = columnTexts(rows, c, rules);
    const bad = firstUnreadable(col, texts, options.default_timezone);
    if (bad === undefined) return col;
    widened++;
    const retyped = typeColumn(texts, options.default_timezone);
    explain.push(`column ${col.name}: widened from ${col.type} to ${retyped.type}: the larger sample has '${clip(bad)}'`);
    return retyped.type === 'timestamp' ? { name: col.name, type: 'timestamp', format: retyped.format! } : { name: col.name, type: retyped.type };
  });
  explain.push(`types checked against ${rows.length} rows of the larger sample: ${widened === 0 ? 'all hold' : `${widened} column(s) widened`}`);
  return { ...options, columns };
}

function firstUnreadable(col: ColumnSpec, texts: readonly string[], timezone: string): string | undefined {
  if (col.type === 'timestamp') {
    const parse = compileTimestampParser(col.format ?? '%Y-%m-%d %H:%M:%S.%N %z', timezone);
    return texts.find((t) => parse(t) === null);
  }
  return texts.find((t) => !readsAs(col.type, t));
}

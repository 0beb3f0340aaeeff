import { ImportError } from '../errors.js';
import type { CsvParserOptions, Newline } from '../model/parser-options.js';
import { splitRecords } from './csv-records.js';
import { CSV_DEFAULTS } from './csv-defaults.js';
import { guessDialect } from './csv-dialect.js';
import { guessLayout } from './csv-layout.js';
import { columnSpecs, guessNullString, typeAll } from './csv-columns.js';
import type { ColumnTyping } from './column-typing.js';
import type { UserParserKeys } from './user-parser-keys.js';

export interface CsvGuessContext {
  readonly complete: boolean;
  readonly charset: string;
  readonly newline: Newline;
  readonly user: UserParserKeys;
}

/** TD's minimum for a guess: more than 3 rows (header included) and at least 2 columns. */
export const MIN_ROWS = 4;
export const MIN_COLUMNS = 2;

/** Guesses every CSV option from decoded sample text, in the reference's order (§3). */
export function guessCsv(text: string, ctx: CsvGuessContext, explain: string[]): CsvParserOptions {
  const { user, complete } = ctx;
  const dialect = guessDialect(text, complete, user, explain);
  const records = splitRecords(text, { ...dialect, complete });
  const data = records.filter((r) => r.kind === 'data');

  const userNull = user.nullableString('null_string');
  const nullGuess = userNull === undefined ? guessNullString(data, dialect.w3cFields !== null) : null;
  const nullString = userNull !== undefined ? userNull : nullGuess!.nullString;
  explain.push(nullGuess?.explain ?? `null_string: ${nullString === null ? 'null' : `'${nullString}'`} (set in seed.yml)`);

  // Header detection looks at trimmed cells: ' 12' under a header is a number whichever trim setting wins.
  const layout = guessLayout(records, dialect.w3cFields, user, { nullString, trim: true }, explain);
  const timezone = user.string('default_timezone') ?? 'UTC';
  if (!user.has('columns')) checkMinimum(layout.rows.length + (layout.hasHeader ? 1 : 0), layout.width, complete);

  const plain = typeAll(layout.rows, layout.width, { nullString, trim: false }, timezone);
  let trim = user.boolean('trim_if_not_quoted');
  let typings: ColumnTyping[] = plain;
  if (trim === undefined) {
    const trimmed = typeAll(layout.rows, layout.width, { nullString, trim: true }, timezone);
    trim = trimmed.some((t, i) => t.type !== plain[i]!.type);
    if (trim) typings = trimmed;
    explain.push(trim ? 'trim_if_not_quoted: true (trimming spaces changes the guessed column types)' : 'trim_if_not_quoted: false (trimming would not change any column type)');
  } else {
    if (trim) typings = typeAll(layout.rows, layout.width, { nullString, trim }, timezone);
    explain.push(`trim_if_not_quoted: ${trim} (set in seed.yml)`);
  }
  const columns = columnSpecs(layout.names, typings, layout.rows, { nullString, trim }, explain);
  explain.push(`skip_header_lines: ${layout.skipHeaderLines}; ${layout.rows.length} sample rows typed`);
  return {
    ...CSV_DEFAULTS,
    charset: ctx.charset,
    newline: ctx.newline,
    delimiter: dialect.delimiter,
    quote: dialect.quote,
    escape: dialect.escape,
    comment_line_marker: dialect.commentMarker,
    null_string: nullString,
    trim_if_not_quoted: trim,
    skip_header_lines: layout.skipHeaderLines,
    default_timezone: timezone,
    columns,
  };
}

function checkMinimum(rows: number, width: number, complete: boolean): void {
  if (rows >= MIN_ROWS && width >= MIN_COLUMNS) return;
  const where = complete ? 'the file' : 'the sample';
  throw new ImportError(
    'DATA_DECODE',
    `guess needs at least ${MIN_ROWS} rows and ${MIN_COLUMNS} columns, but ${where} has ${rows} row(s) and ${width} column(s). ` +
      'Point the seed at a larger file (path_prefix), or write parser.type, parser.delimiter and parser.columns in seed.yml yourself.',
    { details: { rows, columns: width } },
  );
}

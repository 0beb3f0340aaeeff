import { configError, ImportError, isImportError } from '../errors.js';
import type { CsvParserOptions } from '../model/parser-options.js';
import type { Column, RecordBatch } from '../model/record-batch.js';
import { PackedBatchRows, VectorRows, type RowSink } from './batch-builder.js';
import { throwIfCancelled } from './cancellation.js';
import { conversionReason, INVALID, spanConverter, textConverter, timestampSpanMillis, type SpanConverter, type TextConverter } from './column-converters.js';
import { CsvTokenizer } from './csv-tokenizer.js';
import { reportInvalid } from './invalid-records.js';
import { defaultBatchRows, type ParseContext, type RecordParser } from './record-parser.js';

const NEWLINES = { CRLF: '\r\n', LF: '\n', CR: '\r' } as const;

/**
 * The first part of a split file ended inside a record: the split point guessed from quote parity was inside a
 * quoted value after all (stray quotes upset the parity). The job runs again without splitting.
 */
export function splitMismatch(file: string): ImportError {
  return new ImportError('INTERNAL', `${file}: the point where the file was split for parallel parsing is inside a record; the file is parsed again in one piece`, { details: { splitMismatch: true }, retryable: true });
}

export function isSplitMismatch(error: unknown): boolean {
  return isImportError(error) && error.details['splitMismatch'] === true;
}

function validate(o: CsvParserOptions): void {
  if (o.delimiter.length === 0) throw configError('parser.delimiter', 'must not be empty; use "," or "\\t"');
  if (o.quote !== null && o.quote.length !== 1) throw configError('parser.quote', `'${o.quote}' must be one character, or null for no quoting`);
  if (o.escape !== null && o.escape.length !== 1) throw configError('parser.escape', `'${o.escape}' must be one character, or null`);
  if (o.quote !== null && o.delimiter.includes(o.quote)) throw configError('parser.delimiter', 'must not contain the quote character');
  if (/[\r\n]/.test(o.delimiter)) throw configError('parser.delimiter', 'must not contain a line break');
  if (o.columns.length === 0) throw configError('parser.columns', 'list at least one column');
}

/** CSV/TSV with typed columns, the reference's options and invalid-record handling. */
export class CsvRecordParser implements RecordParser {
  readonly columns: readonly Column[];
  private readonly converters: readonly TextConverter[];
  private readonly spanConverters: readonly (SpanConverter | undefined)[];
  /** String columns: their cells are copied from the text (ColumnPacker.setStringSpan). */
  private readonly strings: readonly boolean[];
  /** Timestamps in the fast layout are read as epoch milliseconds: no Date per cell. */
  private readonly millis: readonly (((text: string, start: number, end: number) => number | undefined) | undefined)[];

  /** @throws ImportError CONFIG_INVALID for inconsistent options or an unknown timestamp format/zone. */
  constructor(private readonly options: CsvParserOptions) {
    validate(options);
    this.columns = options.columns.map((c) => ({ name: c.name, type: c.type }));
    this.converters = options.columns.map((c) => textConverter(c, options));
    this.spanConverters = options.columns.map((c) => spanConverter(c, options));
    this.strings = options.columns.map((c) => c.type === 'string');
    this.millis = options.columns.map((c) => timestampSpanMillis(c, options));
  }

  async *parse(text: AsyncIterable<string>, context: ParseContext): AsyncIterable<RecordBatch> {
    const o = this.options;
    const specs = o.columns;
    const n = specs.length;
    const converters = this.converters;
    const spans = this.spanConverters;
    const nullString = o.null_string;
    const batchSize = context.batchSize ?? defaultBatchRows(this.columns.length);
    const rows: RowSink = context.vectors === true ? new VectorRows(this.columns, batchSize) : new PackedBatchRows(this.columns, batchSize, context.allocate, context.longStringsAsUtf8);
    const strings = this.strings;
    const millis = this.millis;
    const reject = (line: number, reason: string, raw: string): void =>
      reportInvalid(context, o.stop_on_invalid_record, line, reason, raw);

    const tokenizer: CsvTokenizer = new CsvTokenizer(
      {
        delimiter: o.delimiter,
        quote: o.quote,
        escape: o.escape,
        newline: NEWLINES[o.newline],
        trimIfNotQuoted: o.trim_if_not_quoted,
        acceptStrayQuotes: o.quotes_in_quoted_fields === 'ACCEPT_STRAY_QUOTES_ASSUMING_NO_DELIMITERS_IN_FIELDS',
        maxQuotedSize: o.max_quoted_size_limit,
        commentLineMarker: o.comment_line_marker,
        skipHeaderLines: context.startLine === undefined ? o.skip_header_lines : 0,
        ...(context.startLine === undefined ? {} : { firstLine: context.startLine }),
      },
      (count, line, start, end) => {
        if (count < n && !o.allow_optional_columns) {
          return reject(line, `too few columns: expected ${n}, got ${count} (set allow_optional_columns: true to fill NULLs)`, tokenizer.rawText(start, end));
        }
        if (count > n && !o.allow_extra_columns) {
          return reject(line, `too many columns: expected ${n}, got ${count} (set allow_extra_columns: true to ignore extras)`, tokenizer.rawText(start, end));
        }
        // Cells go straight into the batch's packed slots (no JS value per cell), or its vectors when the consumer
        // reads those (context.vectors); a rejected record is rolled back.
        const batch = rows.current;
        const at = batch.length;
        // Fields come as positions: cells are read in place (span converters, and short strings copied from the
        // text) and sliced only for long strings and uncommon shapes; a quoted value that had to be built (doubled
        // quotes, line breaks) comes as a string.
        const spanned = tokenizer.spanned;
        const buf = tokenizer.text;
        const starts = tokenizer.starts;
        const ends = tokenizer.ends;
        const fields = tokenizer.fields;
        const quoted = tokenizer.quoted;
        for (let c = 0; c < n; c++) {
          const cell = batch.column(c);
          if (c >= count) {
            cell.setNull(at);
            continue;
          }
          let t: string;
          const s = starts[c]!;
          if (s >= 0) {
            const e = ends[c]!;
            // An empty quoted value is an empty string, not NULL; null_string matches quoted or not.
            if (nullString === null ? s === e && (spanned || !quoted[c]) : e - s === nullString.length && buf.startsWith(nullString, s)) {
              cell.setNull(at);
              continue;
            }
            if (strings[c]) {
              cell.setStringSpan(at, buf, s, e);
              continue;
            }
            const fast = millis[c];
            if (fast !== undefined) {
              // A timestamp in the fast layout, as epoch ms; any other shape is sliced for the text converter.
              const ms = s === e ? undefined : fast(buf, s, e);
              if (ms !== undefined) {
                cell.setMicros(at, ms);
                continue;
              }
            } else {
              const span = spans[c];
              const v = span === undefined || s === e ? undefined : span(buf, s, e);
              if (v !== undefined && v !== null) {
                cell.set(at, v);
                continue;
              }
            }
            t = buf.slice(s, e);
          } else {
            t = fields[c]!;
            if (nullString === null ? t.length === 0 && !quoted[c] : t === nullString) {
              cell.setNull(at);
              continue;
            }
          }
          const v = converters[c]!(t);
          if (v === INVALID) {
            rows.rollback();
            return reject(line, conversionReason(specs[c]!, t, o), tokenizer.rawText(start, end));
          }
          if (v === null) cell.setNull(at);
          else cell.set(at, v);
        }
        rows.commit();
      },
      reject,
    );

    for await (const chunk of text) {
      throwIfCancelled(context.signal, context.file);
      tokenizer.feed(chunk);
      yield* rows.drain();
    }
    if (context.endsAtRecordBoundary && tokenizer.pending) throw splitMismatch(context.file);
    tokenizer.end();
    yield* rows.finish();
  }
}

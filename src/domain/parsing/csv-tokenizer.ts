/*
 * The CSV/TSV tokenizer: a resumable state machine over text chunks. Lines without a quote character take a
 * fast path (cached indexOf for line ends and delimiters; fields reported as positions, not sliced: a converter
 * reads a number or a timestamp in place, without a string per cell); lines with a quote are scanned from one
 * character that matters to the next (quote, escape, delimiter, line break, found with cached indexOf), and their
 * fields are positions too unless a value had to be built (doubled or escaped quotes, line breaks inside quotes).
 * A record that straddles a chunk boundary is rescanned from its start once more text arrives, so memory stays
 * bounded by the longest record (quoted values are capped by max_quoted_size_limit).
 *
 * What parseQuoted uses is protected, not private: the test oracle (test/support/reference-csv-tokenizer.ts)
 * replaces parseQuoted with the per-character scan it used to be and checks this one against it.
 */

export interface CsvTokenizerOptions {
  readonly delimiter: string;
  /** Single character, or null to disable quoting. */
  readonly quote: string | null;
  /** Single character, or null; only applies inside quoted values, as in the reference. */
  readonly escape: string | null;
  /** Text that replaces a line break inside a quoted value. */
  readonly newline: string;
  readonly trimIfNotQuoted: boolean;
  /** ACCEPT_STRAY_QUOTES_ASSUMING_NO_DELIMITERS_IN_FIELDS: a quote not followed by a delimiter/line end is data. */
  readonly acceptStrayQuotes: boolean;
  readonly maxQuotedSize: number;
  readonly commentLineMarker: string | null;
  readonly skipHeaderLines: number;
  /**
   * The text starts at a record boundary inside a file (the second part of a split file): records are numbered
   * from this line, and a leading U+FEFF is data, not a byte order mark.
   */
  readonly firstLine?: number;
}

/**
 * Receives each record of `count` fields: field i is text.slice(starts[i], ends[i]), or, when starts[i] is -1
 * (never in a `spanned` record), the built string fields[i]; raw text via tokenizer.rawText(start, end).
 */
export type RecordCallback = (count: number, line: number, start: number, end: number) => void;
export type InvalidCallback = (line: number, reason: string, raw: string) => void;

const LF = 10;
const CR = 13;
const SPACE = 32;
const NEED_MORE = -1;
/** afterField: a delimiter follows, the record has another field. */
export const NEXT_FIELD = -2;
/**
 * Past every index of the buffer: 2^30 - 1, the largest small integer (Smi) V8 stores untagged, above the longest
 * string V8 makes (2^29 - 24). MAX_SAFE_INTEGER (a heap number) turned the cached-position fields into doubles:
 * every worker deoptimized and recompiled the scanners on the first miss.
 */
const NONE = 0x3fffffff;

export class CsvTokenizer {
  /** Built field texts of the current record, where starts[i] is -1 (reused between records). */
  readonly fields: string[] = [];
  /** Whether each field of the current record was quoted (not set for `spanned` records: none is). */
  readonly quoted: boolean[] = [];
  /** Field positions in `text` (starts[i] -1: the value was built, see fields). */
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** Whether the current record has no quote character: every field is a position, none is quoted. */
  spanned = false;
  protected buf = '';
  private line = 1;
  private headerLeft: number;
  private started = false;
  // Cached positions of the next LF, CR, quote and delimiter at or after the scan point (NONE: not in buf).
  private nextLF = -1;
  private nextCR = -1;
  private nextQuote = -1;
  private nextDelim = -1;
  private nextEscape = -1;
  protected readonly quoteCode: number;
  protected readonly escapeCode: number;
  private readonly delimCode: number;

  constructor(
    protected readonly o: CsvTokenizerOptions,
    private readonly onRecord: RecordCallback,
    private readonly onInvalid: InvalidCallback,
  ) {
    this.headerLeft = o.skipHeaderLines;
    if (o.firstLine !== undefined) {
      this.line = o.firstLine;
      this.started = true;
    }
    this.quoteCode = o.quote === null ? -1 : o.quote.charCodeAt(0);
    this.escapeCode = o.escape === null ? -1 : o.escape.charCodeAt(0);
    this.delimCode = o.delimiter.charCodeAt(0);
  }

  /** The buffered text the current record's positions refer to (valid only inside the record callback). */
  get text(): string {
    return this.buf;
  }

  /** Adds text; emits every record that is complete. */
  feed(chunk: string): void {
    if (!this.started) {
      if (chunk.length === 0) return;
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    // join, not +: `+` makes a cons string, which V8 flattens on the first search but keeps reading through an
    // indirection on every charCodeAt after; join builds a flat one (the same copy). Parsing the bench CSV: 1.80-1.93
    // -> 1.53-1.62 s (docs/decisions/performance.md, update 9).
    this.buf = this.buf.length === 0 ? chunk : [this.buf, chunk].join('');
    this.nextLF = this.nextCR = this.nextQuote = this.nextDelim = this.nextEscape = -1;
    this.run(false);
  }

  /** True when text of an unfinished record is buffered (no line break after it yet, or an open quoted value). */
  get pending(): boolean {
    return this.buf.length > 0;
  }

  /** Signals end of input; emits or rejects what is left. */
  end(): void {
    this.nextLF = this.nextCR = this.nextQuote = this.nextDelim = this.nextEscape = -1;
    this.run(true);
    this.buf = '';
  }

  /** Raw text of the current record (valid only inside the record callback). */
  rawText(start: number, end: number): string {
    return this.buf.slice(start, end);
  }

  private findEol(from: number): number {
    const buf = this.buf;
    if (this.nextLF < from) {
      const i = buf.indexOf('\n', from);
      this.nextLF = i === -1 ? NONE : i;
    }
    if (this.nextCR < from) {
      const i = buf.indexOf('\r', from);
      this.nextCR = i === -1 ? NONE : i;
    }
    return this.nextLF < this.nextCR ? this.nextLF : this.nextCR;
  }

  private findQuote(from: number): number {
    if (this.nextQuote < from) {
      const i = this.buf.indexOf(this.o.quote!, from);
      this.nextQuote = i === -1 ? NONE : i;
    }
    return this.nextQuote;
  }

  private findEscape(from: number): number {
    if (this.nextEscape < from) {
      const i = this.buf.indexOf(this.o.escape!, from);
      this.nextEscape = i === -1 ? NONE : i;
    }
    return this.nextEscape;
  }

  private findDelim(from: number): number {
    if (this.nextDelim < from) {
      const i = this.buf.indexOf(this.o.delimiter, from);
      this.nextDelim = i === -1 ? NONE : i;
    }
    return this.nextDelim;
  }

  /** Position after the line break at `eol` (NONE: end of text), or NEED_MORE when a CR ends the buffer. */
  private afterBreak(eol: number, final: boolean): number {
    const buf = this.buf;
    if (eol === NONE) return buf.length;
    if (buf.charCodeAt(eol) === CR) {
      if (eol + 1 >= buf.length) return final ? eol + 1 : NEED_MORE;
      return buf.charCodeAt(eol + 1) === LF ? eol + 2 : eol + 1;
    }
    return eol + 1;
  }

  private run(final: boolean): void {
    const buf = this.buf;
    const len = buf.length;
    const o = this.o;
    let pos = 0;
    while (pos < len) {
      const eol = this.findEol(pos);
      if (eol === NONE && !final) break;
      const next = this.afterBreak(eol, final);
      if (next === NEED_MORE) break;
      const end = eol === NONE ? len : eol;
      if (this.headerLeft > 0 || end === pos || (o.commentLineMarker !== null && buf.startsWith(o.commentLineMarker, pos))) {
        if (this.headerLeft > 0) this.headerLeft--;
        pos = next;
        this.line++;
        continue;
      }
      if (this.quoteCode === -1 || this.findQuote(pos) >= end) {
        this.onRecord(this.splitPlain(pos, end), this.line, pos, end);
        pos = next;
        this.line++;
        continue;
      }
      const after = this.parseQuoted(pos, final);
      if (after === NEED_MORE) break;
      pos = after;
    }
    this.buf = pos >= len ? '' : buf.slice(pos);
  }

  /** Positions of the fields of a record without quotes (trim_if_not_quoted moves them past the spaces). */
  private splitPlain(start: number, end: number): number {
    const dlen = this.o.delimiter.length;
    let count = 0;
    let a = start;
    for (;;) {
      const d = this.findDelim(a);
      this.unquotedField(count++, a, d >= end ? end : d);
      if (d >= end) break;
      a = d + dlen;
    }
    this.spanned = true;
    return count;
  }

  /** Field `index` is the unquoted text [s, e), past its surrounding spaces with trim_if_not_quoted. */
  private unquotedField(index: number, s: number, e: number): void {
    if (this.o.trimIfNotQuoted) {
      const buf = this.buf;
      while (s < e && buf.charCodeAt(s) === SPACE) s++;
      while (e > s && buf.charCodeAt(e - 1) === SPACE) e--;
    }
    this.starts[index] = s;
    this.ends[index] = e;
  }

  /** Rejects a record whose quoting is broken and resumes at the line after its first line. */
  protected recover(start: number, reason: string, final: boolean): number {
    // The scan may have moved the cached positions past this record's first line: find them again from here.
    this.nextLF = this.nextCR = this.nextQuote = this.nextDelim = this.nextEscape = -1;
    const eol = this.findEol(start);
    if (eol === NONE && !final) return NEED_MORE;
    const next = this.afterBreak(eol, final);
    if (next === NEED_MORE) return NEED_MORE;
    this.onInvalid(this.line, reason, this.buf.slice(start, eol === NONE ? this.buf.length : eol));
    this.line++;
    return next;
  }

  protected isDelimiterAt(i: number): boolean {
    return this.buf.charCodeAt(i) === this.delimCode && (this.o.delimiter.length === 1 || this.buf.startsWith(this.o.delimiter, i));
  }

  /** For stray-quote mode: does the quote at i-1 close the field (only spaces, then delimiter/line end/EOF)? */
  protected closesField(i: number, final: boolean): boolean | typeof NEED_MORE {
    const buf = this.buf;
    while (i < buf.length && buf.charCodeAt(i) === SPACE) i++;
    if (i >= buf.length) return final ? true : NEED_MORE;
    const c = buf.charCodeAt(i);
    return c === LF || c === CR || this.isDelimiterAt(i);
  }

  /** Scans one record containing a quote; returns the position after it, or NEED_MORE. */
  protected parseQuoted(start: number, final: boolean): number {
    const buf = this.buf;
    const len = buf.length;
    const o = this.o;
    const q = this.quoteCode;
    const esc = this.escapeCode;
    const separateEscape = esc !== -1 && esc !== q;
    const starts = this.starts;
    const ends = this.ends;
    let i = start;
    let count = 0;
    let lines = 0;
    this.spanned = false;
    for (;;) {
      let j = i;
      if (o.trimIfNotQuoted) while (j < len && buf.charCodeAt(j) === SPACE) j++;
      let isQuoted = false;
      if (j < len && buf.charCodeAt(j) === q) {
        isQuoted = true;
        const open = j;
        // A value is reported in place (starts/ends) unless it had to be built: doubled or escaped quotes, or
        // line breaks replaced by o.newline.
        let value = '';
        let built = false;
        i = j + 1;
        let seg = i;
        // The scan jumps from one character that matters (quote, escape, CR, LF) to the next with cached
        // indexOf; it stops where a per-character scan would: the end of the text, or max_quoted_size_limit.
        const limit = open + o.maxQuotedSize + 1;
        for (;;) {
          let p = this.findQuote(i);
          if (separateEscape) {
            const e = this.findEscape(i);
            if (e < p) p = e;
          }
          const eol = this.findEol(i);
          if (eol < p) p = eol;
          if (p > len) p = len;
          // A per-character scan would reach the limit at `lim`, and stop at whichever of the two comes first.
          const lim = limit > i ? limit : i;
          const stop = lim < p ? lim : p;
          if (stop >= len) {
            if (!final) return NEED_MORE;
            return this.recover(start, `unterminated quoted value: no closing ${o.quote} before the end of the file`, final);
          }
          if (stop === lim) {
            return this.recover(start, `quoted value is longer than max_quoted_size_limit (${o.maxQuotedSize}); a closing ${o.quote} may be missing`, final);
          }
          i = p;
          const c = buf.charCodeAt(i);
          if (c === q) {
            if (i + 1 >= len && !final) return NEED_MORE;
            if (buf.charCodeAt(i + 1) === q) {
              value += buf.slice(seg, i + 1);
              built = true;
              i += 2;
              seg = i;
              continue;
            }
            if (o.acceptStrayQuotes) {
              const closes = this.closesField(i + 1, final);
              if (closes === NEED_MORE) return NEED_MORE;
              if (!closes) {
                i++;
                continue;
              }
            }
            if (built) {
              this.fields[count] = value + buf.slice(seg, i);
              starts[count] = -1;
            } else {
              starts[count] = seg;
              ends[count] = i;
            }
            i++;
            break;
          }
          if (c === LF || c === CR) {
            value += buf.slice(seg, i) + o.newline;
            built = true;
            if (c === CR) {
              if (i + 1 >= len && !final) return NEED_MORE;
              i += buf.charCodeAt(i + 1) === LF ? 2 : 1;
            } else i++;
            lines++;
            seg = i;
            continue;
          }
          // The escape character (not the quote): it escapes a quote or itself, else it is data.
          if (i + 1 >= len && !final) return NEED_MORE;
          const n = buf.charCodeAt(i + 1);
          if (n === q || n === esc) {
            value += buf.slice(seg, i) + buf[i + 1];
            built = true;
            i += 2;
            seg = i;
            continue;
          }
          i++;
        }
        while (i < len && buf.charCodeAt(i) === SPACE) i++;
      } else {
        // An unquoted value inside a record with quotes: it ends at the next delimiter or line break.
        let k = this.findDelim(i);
        const eol = this.findEol(i);
        if (eol < k) k = eol;
        if (k >= len) {
          if (!final) return NEED_MORE;
          k = len;
        }
        this.unquotedField(count, i, k);
        i = k;
      }
      this.quoted[count++] = isQuoted;
      const after = this.afterField(start, i, count, lines, final);
      if (after !== NEXT_FIELD) return after;
      i += o.delimiter.length;
    }
  }

  /**
   * What follows a field of a record with quotes, at `i`: a delimiter (NEXT_FIELD: the record goes on), or the end
   * of the record, which is emitted (or rejected, when text follows a closing quote): the position after it, or
   * NEED_MORE.
   */
  protected afterField(start: number, i: number, count: number, lines: number, final: boolean): number {
    const buf = this.buf;
    const len = buf.length;
    if (i >= len) {
      if (!final) return NEED_MORE;
      this.onRecord(count, this.line, start, len);
      this.line += lines + 1;
      return len;
    }
    if (this.isDelimiterAt(i)) return NEXT_FIELD;
    const c = buf.charCodeAt(i);
    if (c === LF || c === CR) {
      const next = this.afterBreak(i, final);
      if (next === NEED_MORE) return NEED_MORE;
      this.onRecord(count, this.line, start, i);
      this.line += lines + 1;
      return next;
    }
    // Text after a closing quote: reject the record up to the end of the physical line where it happened.
    const eol = this.findEol(i);
    if (eol === NONE && !final) return NEED_MORE;
    const next = this.afterBreak(eol, final);
    if (next === NEED_MORE) return NEED_MORE;
    this.onInvalid(this.line, `unexpected character '${buf[i]}' after the closing quote of column ${count}`, buf.slice(start, eol === NONE ? len : eol));
    this.line += lines + 1;
    return next;
  }
}

/** One field as the guess sees it: its text and whether it was enclosed in quotes. */
export interface SampleField {
  readonly value: string;
  readonly quoted: boolean;
}

/** One record of the sample, with the physical line it starts on (0-based) for skip_header_lines. */
export interface SampleRecord {
  readonly fields: readonly SampleField[];
  readonly line: number;
  /** The record's first physical line, unparsed (comment and junk detection look at it). */
  readonly raw: string;
  readonly kind: 'data' | 'blank' | 'comment';
}

export interface SplitOptions {
  readonly delimiter: string;
  readonly quote: string | null;
  readonly escape: string | null;
  readonly commentMarker: string | null;
  /** false: the text is a prefix of the object, so a last record without a line end is dropped. */
  readonly complete: boolean;
}

/**
 * Splits sample text into records the way the CSV parser will: lines end at CR, LF or CRLF except inside
 * quotes; a quote opens a quoted field only at the start of a field (mid-field quotes are literal, as in
 * Embulk's tokenizer); inside quotes the escape character (or a doubled quote) yields a literal quote.
 */
export function splitRecords(text: string, options: SplitOptions): SampleRecord[] {
  const records: SampleRecord[] = [];
  const { delimiter, quote, escape } = options;
  let pos = 0;
  let line = 0;
  while (pos < text.length) {
    const startLine = line;
    const eol = findLineEnd(text, pos);
    const raw = text.slice(pos, eol);
    if (raw === '' || (options.commentMarker !== null && raw.startsWith(options.commentMarker))) {
      const next = skipNewline(text, eol);
      if (next === eol && !options.complete && raw !== '') break;
      records.push({ fields: [], line: startLine, raw, kind: raw === '' ? 'blank' : 'comment' });
      pos = next;
      line++;
      continue;
    }
    const fields: SampleField[] = [];
    let value = '';
    let quoted = false;
    let inQuotes = false;
    let atFieldStart = true;
    let ended = false;
    while (pos < text.length) {
      const c = text[pos]!;
      if (inQuotes) {
        if (escape !== null && escape !== quote && c === escape && pos + 1 < text.length) {
          value += text[pos + 1];
          pos += 2;
        } else if (c === quote && text[pos + 1] === quote && escape === quote) {
          value += c;
          pos += 2;
        } else if (c === quote) {
          inQuotes = false;
          pos++;
        } else {
          if (c === '\n' || (c === '\r' && text[pos + 1] !== '\n')) line++;
          value += c;
          pos++;
        }
        continue;
      }
      if (c === '\r' || c === '\n') {
        ended = true;
        pos = skipNewline(text, pos);
        line++;
        break;
      }
      if (text.startsWith(delimiter, pos)) {
        fields.push({ value, quoted });
        value = '';
        quoted = false;
        atFieldStart = true;
        pos += delimiter.length;
        continue;
      }
      if (atFieldStart && quote !== null && c === quote) {
        inQuotes = true;
        quoted = true;
        atFieldStart = false;
        pos++;
        continue;
      }
      atFieldStart = false;
      value += c;
      pos++;
    }
    if (!ended && (!options.complete || inQuotes)) break;
    fields.push({ value, quoted });
    records.push({ fields, line: startLine, raw, kind: 'data' });
  }
  return records;
}

function findLineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

function skipNewline(text: string, at: number): number {
  if (text[at] === '\r') return text[at + 1] === '\n' ? at + 2 : at + 1;
  if (text[at] === '\n') return at + 1;
  return at;
}

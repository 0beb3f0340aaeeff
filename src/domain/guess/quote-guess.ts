import { splitRecords } from './csv-records.js';

export interface QuoteGuess {
  readonly quote: string | null;
  readonly escape: string | null;
  readonly explain: readonly string[];
}

/**
 * Quote: whichever of `"` and `'` wraps more whole fields; with neither, `"` unless a `"` sits inside an
 * unquoted field (then no quoting, or that field would swallow the following lines). Escape: `\` when it
 * precedes a quote or delimiter more often than quotes are doubled, else the quote itself (RFC 4180).
 */
export function guessQuote(text: string, delimiter: string, commentMarker: string | null, complete: boolean): QuoteGuess {
  const wrapped = (quote: string): { quoted: number; midField: number } => {
    let quoted = 0;
    let midField = 0;
    for (const r of splitRecords(text, { delimiter, quote, escape: quote, commentMarker, complete })) {
      for (const f of r.fields) {
        if (f.quoted) quoted++;
        else if (f.value.includes(quote)) midField++;
      }
    }
    return { quoted, midField };
  };
  const dq = wrapped('"');
  const sq = wrapped("'");
  let quote: string | null;
  let why: string;
  if (dq.quoted === 0 && sq.quoted === 0) {
    quote = dq.midField > 0 ? null : '"';
    why = dq.midField > 0 ? `no quoted fields, and ${dq.midField} unquoted fields contain a bare "` : 'no quoted fields in the sample; the default';
  } else if (sq.quoted > dq.quoted) {
    quote = "'";
    why = `${sq.quoted} fields wrapped in ' against ${dq.quoted} in "`;
  } else {
    quote = '"';
    why = `${dq.quoted} fields wrapped in "${sq.quoted > 0 ? ` against ${sq.quoted} in '` : ''}`;
  }
  if (quote === null) return { quote, escape: null, explain: [`quote: none (${why})`, 'escape: none (no quoting)'] };
  const backslashed = count(text, `\\${quote}`) + count(text, `\\${delimiter}`);
  const doubled = countDoubled(text, delimiter, quote);
  const escape = backslashed > doubled ? '\\' : quote;
  const escWhy = backslashed > doubled
    ? `${backslashed} backslash escapes against ${doubled} doubled quotes`
    : `${doubled} doubled quotes${backslashed > 0 ? ` against ${backslashed} backslash escapes` : ''}; RFC 4180 style`;
  return { quote, escape, explain: [`quote: ${quote} (${why})`, `escape: ${escape === '\\' ? '\\\\' : escape} (${escWhy})`] };
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Doubled quotes inside fields; `""` standing alone as a whole (empty) field does not count. */
function countDoubled(text: string, delimiter: string, quote: string): number {
  const pair = quote + quote;
  let n = 0;
  for (let i = text.indexOf(pair); i >= 0; i = text.indexOf(pair, i + 2)) {
    const before = i === 0 || text.startsWith(delimiter, i - delimiter.length) || text[i - 1] === '\n' || text[i - 1] === '\r';
    const after = i + 2 >= text.length || text.startsWith(delimiter, i + 2) || text[i + 2] === '\n' || text[i + 2] === '\r';
    if (!(before && after)) n++;
  }
  return n;
}

/*
 * TEST ORACLE, frozen: how CsvTokenizer scanned a record with a quote before those records got indexOf jumps and
 * in-place fields (src/domain/parsing/csv-tokenizer.ts at commit d58de58): one character at a time, every field a
 * string. Only that scan changed, so only it is replaced here; the differential test
 * (test/unit/parsing/csv-tokenizer-oracle.test.ts) requires the production tokenizer to report the same fields,
 * quoting, lines, positions and rejects on random input in every chunking. Do not optimise it.
 */
import { CsvTokenizer, NEXT_FIELD } from '../../src/domain/parsing/csv-tokenizer.js';

const LF = 10;
const CR = 13;
const SPACE = 32;
const NEED_MORE = -1;

function trimSpaces(s: string): string {
  const n = s.length;
  if (n === 0 || (s.charCodeAt(0) !== SPACE && s.charCodeAt(n - 1) !== SPACE)) return s;
  let a = 0;
  let b = n;
  while (a < b && s.charCodeAt(a) === SPACE) a++;
  while (b > a && s.charCodeAt(b - 1) === SPACE) b--;
  return s.slice(a, b);
}

/** CsvTokenizer with its quoted-record scan as it was at commit d58de58. */
export class ReferenceCsvTokenizer extends CsvTokenizer {
  /** Scans one record containing a quote; returns the position after it, or NEED_MORE. */
  protected override parseQuoted(start: number, final: boolean): number {
    const buf = this.buf;
    const len = buf.length;
    const o = this.o;
    const q = this.quoteCode;
    const esc = this.escapeCode;
    let i = start;
    let count = 0;
    let lines = 0;
    this.spanned = false;
    for (;;) {
      let j = i;
      if (o.trimIfNotQuoted) while (j < len && buf.charCodeAt(j) === SPACE) j++;
      let value: string;
      let isQuoted = false;
      if (j < len && buf.charCodeAt(j) === q) {
        isQuoted = true;
        const open = j;
        i = j + 1;
        value = '';
        let seg = i;
        for (;;) {
          if (i >= len) {
            if (!final) return NEED_MORE;
            return this.recover(start, `unterminated quoted value: no closing ${o.quote} before the end of the file`, final);
          }
          if (i - open > o.maxQuotedSize) {
            return this.recover(start, `quoted value is longer than max_quoted_size_limit (${o.maxQuotedSize}); a closing ${o.quote} may be missing`, final);
          }
          const c = buf.charCodeAt(i);
          if (c === q) {
            if (i + 1 >= len && !final) return NEED_MORE;
            if (buf.charCodeAt(i + 1) === q) {
              value += buf.slice(seg, i + 1);
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
            value += buf.slice(seg, i);
            i++;
            break;
          }
          if (c === esc) {
            if (i + 1 >= len && !final) return NEED_MORE;
            const n = buf.charCodeAt(i + 1);
            if (n === q || n === esc) {
              value += buf.slice(seg, i) + buf[i + 1];
              i += 2;
              seg = i;
              continue;
            }
          } else if (c === LF || c === CR) {
            value += buf.slice(seg, i) + o.newline;
            if (c === CR) {
              if (i + 1 >= len && !final) return NEED_MORE;
              i += buf.charCodeAt(i + 1) === LF ? 2 : 1;
            } else i++;
            lines++;
            seg = i;
            continue;
          }
          i++;
        }
        while (i < len && buf.charCodeAt(i) === SPACE) i++;
      } else {
        let k = i;
        for (;;) {
          if (k >= len) {
            if (!final) return NEED_MORE;
            break;
          }
          const c = buf.charCodeAt(k);
          if (c === LF || c === CR || this.isDelimiterAt(k)) break;
          k++;
        }
        value = buf.slice(i, k);
        if (o.trimIfNotQuoted) value = trimSpaces(value);
        i = k;
      }
      this.fields[count] = value;
      this.quoted[count++] = isQuoted;
      // What follows a field did not change: the production tokenizer's afterField.
      const after = this.afterField(start, i, count, lines, final);
      if (after !== NEXT_FIELD) return after;
      i += o.delimiter.length;
    }
  }
}

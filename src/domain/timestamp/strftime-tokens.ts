import { configError } from '../errors.js';

/** One piece of a strftime-style format. */
export type FormatToken =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'space' }
  /** `conv` is the conversion letter, with colons kept for %:z / %::z; `flag` is one of `-_0^#`. */
  | { readonly kind: 'directive'; readonly conv: string; readonly flag: string; readonly width: number | null };

/** Shorthands expand to their definitions, as in Ruby's strftime/strptime. */
const COMPOSITES: Readonly<Record<string, string>> = {
  T: '%H:%M:%S', D: '%m/%d/%y', F: '%Y-%m-%d', R: '%H:%M', r: '%I:%M:%S %p',
  c: '%a %b %e %H:%M:%S %Y', x: '%m/%d/%y', X: '%H:%M:%S', h: '%b', v: '%e-%^b-%Y', '+': '%a %b %e %H:%M:%S %Z %Y',
};

/** Conversions this implementation understands (composites excluded). */
export const SUPPORTED = new Set([
  'Y', 'C', 'y', 'm', 'd', 'e', 'j', 'H', 'k', 'I', 'l', 'M', 'S', 'L', 'N', 'z', ':z', '::z', 'Z',
  'b', 'B', 'a', 'A', 'p', 'P', 's', 'Q', 'u', 'w', '%', 'n', 't',
]);

/**
 * Splits a format into tokens. Throws CONFIG_INVALID naming the directive for anything unknown,
 * so a typo in `format` fails at config time instead of rejecting every row.
 */
export function tokenizeFormat(format: string, depth = 0): FormatToken[] {
  const tokens: FormatToken[] = [];
  let literal = '';
  const flushLiteral = (): void => {
    if (literal !== '') tokens.push({ kind: 'literal', text: literal });
    literal = '';
  };
  let i = 0;
  while (i < format.length) {
    const ch = format[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      flushLiteral();
      if (tokens.at(-1)?.kind !== 'space') tokens.push({ kind: 'space' });
      i++;
      continue;
    }
    if (ch !== '%') {
      literal += ch;
      i++;
      continue;
    }
    const m = /^%([-_0^#]?)(\d*)(:{0,2}[A-Za-z%+])/.exec(format.slice(i));
    if (!m) throw configError('format', `'${format}' has an incomplete directive at position ${i + 1}; write %% for a literal %`);
    const [whole, flag = '', width = '', conv = ''] = m;
    i += whole.length;
    const composite = COMPOSITES[conv];
    if (composite !== undefined && depth < 2) {
      flushLiteral();
      tokens.push(...tokenizeFormat(composite, depth + 1));
      continue;
    }
    if (!SUPPORTED.has(conv)) {
      throw configError('format', `'${format}' uses %${conv}, which is not supported; see docs for the list of directives`);
    }
    if (conv === '%') {
      literal += '%';
      continue;
    }
    flushLiteral();
    if (conv === 'n' || conv === 't') {
      if (tokens.at(-1)?.kind !== 'space') tokens.push({ kind: 'space' });
      continue;
    }
    tokens.push({ kind: 'directive', conv, flag, width: width === '' ? null : Number(width) });
  }
  flushLiteral();
  return tokens;
}

export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

import type { SampleRecord } from './csv-records.js';
import type { CellRules } from './column-typing.js';
import { normalizeColumnNames, positionalColumnNames } from './column-names.js';
import { guessHeader } from './header-guess.js';
import type { UserParserKeys } from './user-parser-keys.js';

/** Where the data starts and what its columns are called. */
export interface CsvLayout {
  readonly width: number;
  readonly names: readonly string[];
  /** Records that will be loaded (after preamble and header), all `width` wide. */
  readonly rows: readonly SampleRecord[];
  readonly skipHeaderLines: number;
  readonly hasHeader: boolean;
}

const MAX_JUNK_LINES = 10;

/**
 * Width = the most common field count. Up to 10 leading records of another width are preamble (the
 * reference's "leading junk lines"); later records of another width are left out of typing and reported,
 * because the parser will reject them. skip_header_lines counts physical lines, as the parser skips them.
 */
export function guessLayout(records: readonly SampleRecord[], w3cFields: readonly string[] | null, user: UserParserKeys, rules: CellRules, explain: string[]): CsvLayout {
  const data = records.filter((r) => r.kind === 'data');
  const width = mode(data.map((r) => r.fields.length));
  let junk = 0;
  while (junk < Math.min(MAX_JUNK_LINES, data.length) && data[junk]!.fields.length !== width) junk++;
  const body = data.slice(junk).filter((r) => r.fields.length === width);
  const odd = data.length - junk - body.length;
  if (junk > 0) explain.push(`skipped ${junk} leading record(s) whose field count differs from the usual ${width}`);
  if (odd > 0) explain.push(`${odd} later record(s) do not have ${width} fields: the parser will reject them (set allow_extra_columns / allow_optional_columns if they are valid)`);

  const userSkip = user.number('skip_header_lines');
  if (userSkip !== undefined) {
    const header = [...records].reverse().find((r) => r.kind === 'data' && r.line < userSkip && r.fields.length === width);
    explain.push(`skip_header_lines: ${userSkip} (set in seed.yml)`);
    return {
      width,
      names: header !== undefined ? normalizeColumnNames(header.fields.map((f) => f.value)) : positionalColumnNames(width),
      rows: body.filter((r) => r.line >= userSkip),
      skipHeaderLines: userSkip,
      hasHeader: header !== undefined,
    };
  }
  const preambleLines = junk > 0 && body.length > 0 ? body[0]!.line : 0;
  if (w3cFields !== null) {
    const names = w3cFields.length === width ? normalizeColumnNames(w3cFields) : positionalColumnNames(width);
    if (w3cFields.length !== width) explain.push(`#Fields names ${w3cFields.length} columns but the records have ${width}: columns are named c0, c1, ...`);
    return { width, names, rows: body, skipHeaderLines: preambleLines, hasHeader: false };
  }
  const header = guessHeader(body, width, rules);
  explain.push(header.explain);
  if (header.headerIndex < 0) return { width, names: positionalColumnNames(width), rows: body, skipHeaderLines: preambleLines, hasHeader: false };
  const row = body[header.headerIndex]!;
  return {
    width,
    names: normalizeColumnNames(row.fields.map((f) => f.value)),
    rows: body.slice(header.headerIndex + 1),
    skipHeaderLines: row.line + 1,
    hasHeader: true,
  };
}

function mode(values: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestCount || (n === bestCount && v > best)) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

import type { SampleRecord } from './csv-records.js';
import { cellGuess, cellText, type CellRules } from './column-typing.js';
import { mergeGuesses, type ValueGuess } from './value-types.js';

export interface HeaderGuess {
  /** Index into the rows of the header row, or -1 without a header. Rows before it are preamble. */
  readonly headerIndex: number;
  readonly explain: string;
}

const MAX_PREAMBLE_ROWS = 10;

/**
 * Header detection. The reference: the first row is a header if its cells are all string/boolean and their
 * types differ from the rest's. We also look a few rows further (up to 10 header-like rows, as the JMA
 * weather download has) and take the split that leaves the most typed columns below it. When every column is
 * a string (where the reference never finds a header), the length-regularity rule decides: a column whose
 * values have very regular lengths but whose first cell is far off.
 */
export function guessHeader(rows: readonly SampleRecord[], width: number, rules: CellRules): HeaderGuess {
  const guesses = rows.map((r) => Array.from({ length: width }, (_, c) => cellGuess(cellText(r.fields[c], rules))));
  let best = { start: 0, typed: typedColumns(guesses, 0, width) };
  for (let s = 1; s <= Math.min(MAX_PREAMBLE_ROWS + 1, rows.length - 1); s++) {
    if (!headerLike(guesses[s - 1]!)) break;
    const typed = typedColumns(guesses, s, width);
    if (typed > best.typed) best = { start: s, typed };
  }
  if (best.start > 0) {
    const h = best.start - 1;
    const extra = h > 0 ? `; ${h} header-like row(s) above it are skipped` : '';
    return { headerIndex: h, explain: `header: row ${h + 1} (its cells are all text while ${best.typed} column(s) below are typed${extra})` };
  }
  const regular = lengthOutlierColumn(rows, width, rules);
  if (regular !== null && headerLike(guesses[0]!)) {
    return { headerIndex: 0, explain: `header: row 1 (column ${regular.column + 1}: values are ${regular.mean.toFixed(0)}±${regular.sd.toFixed(1)} characters long, the first is ${regular.first})` };
  }
  return { headerIndex: -1, explain: 'header: none (the first row looks like the others); columns are named c0, c1, ...' };
}

function headerLike(row: readonly (ValueGuess | null)[]): boolean {
  return row.every((g) => g === null || g.type === 'string' || g.type === 'boolean') && row.some((g) => g !== null);
}

function typedColumns(guesses: readonly (readonly (ValueGuess | null)[])[], start: number, width: number): number {
  let typed = 0;
  for (let c = 0; c < width; c++) {
    const values = guesses.slice(start).map((g) => g[c]).filter((g): g is ValueGuess => g !== null && g !== undefined);
    if (values.length > 0 && cleanlyTyped(values)) typed++;
  }
  return typed;
}

const READABLE_AS: Readonly<Record<string, readonly string[]>> = {
  long: ['long'],
  double: ['long', 'double'],
  boolean: ['boolean'],
  timestamp: ['timestamp'],
  json: ['json'],
};

/** A column counts as typed only if the parser could read every value as the merged type (no n+1 -> long). */
function cleanlyTyped(values: readonly ValueGuess[]): boolean {
  const merged = mergeGuesses(values).type;
  const ok = READABLE_AS[merged];
  return ok !== undefined && values.every((v) => ok.includes(v.type));
}

function lengthOutlierColumn(rows: readonly SampleRecord[], width: number, rules: CellRules): { column: number; mean: number; sd: number; first: number } | null {
  if (rows.length < 4) return null;
  for (let c = 0; c < width; c++) {
    const first = cellText(rows[0]!.fields[c], rules);
    const lengths = rows.slice(1).map((r) => cellText(r.fields[c], rules)).filter((t): t is string => t !== null).map((t) => t.length);
    if (first === null || lengths.length < 3) continue;
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    const sd = Math.sqrt(lengths.reduce((a, l) => a + (l - mean) ** 2, 0) / lengths.length);
    if (sd <= Math.max(1, mean * 0.1) && Math.abs(first.length - mean) > Math.max(3, 3 * sd)) {
      return { column: c, mean, sd, first: first.length };
    }
  }
  return null;
}

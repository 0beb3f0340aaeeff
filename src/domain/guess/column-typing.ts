import type { ColumnType } from '../model/record-batch.js';
import { compileTimestampParser } from '../timestamp/timestamp-format.js';
import type { SampleField } from './csv-records.js';
import { guessValue, isBooleanText, mergeGuesses, type ValueGuess } from './value-types.js';

/** How the parser will see a cell: null, or its text after trimming. */
export interface CellRules {
  readonly nullString: string | null;
  readonly trim: boolean;
}

export interface ColumnTyping {
  readonly type: ColumnType;
  readonly format?: string;
  /** Why the merged type was widened (a value the parser could not read), for explain. */
  readonly widened?: string;
}

/** The cell's text as the parser will see it, or null for NULL (same rules as the CSV parser, §4). */
export function cellText(field: SampleField | undefined, rules: CellRules): string | null {
  if (field === undefined) return null;
  if (rules.nullString !== null) return field.value === rules.nullString ? null : trimIf(field, rules.trim);
  if (!field.quoted && field.value === '') return null;
  return trimIf(field, rules.trim);
}

function trimIf(field: SampleField, trim: boolean): string {
  return trim && !field.quoted ? field.value.replace(/^ +| +$/g, '') : field.value;
}

/** One value's type, or null for NULL. */
export function cellGuess(text: string | null): ValueGuess | null {
  return text === null ? null : guessValue(text);
}

/**
 * Types a column from its non-null cell texts: the reference's per-value guesses and merge rules, then a
 * check that the parser can read every value as that type. A merge the parser would reject (the reference's
 * boolean+long -> long, long+timestamp -> long) is widened to string instead of failing records later, and
 * a timestamp format is kept only if the real timestamp parser reads every value with it.
 */
export function typeColumn(texts: readonly string[], defaultTimezone: string): ColumnTyping {
  const merged = mergeGuesses(texts.map(guessValue));
  if (merged.type === 'timestamp') {
    for (const format of merged.formats) {
      const parse = compileTimestampParser(format, defaultTimezone);
      if (texts.every((t) => parse(t) !== null)) return { type: 'timestamp', format };
    }
    return { type: 'string', widened: `no timestamp format reads every value (tried ${merged.formats.join(', ')})` };
  }
  const bad = texts.find((t) => !readsAs(merged.type, t));
  if (bad !== undefined) return { type: 'string', widened: `'${clip(bad)}' is not a ${merged.type}` };
  return { type: merged.type };
}

/** Whether the CSV parser would read `text` as `type` without rejecting the record. */
export function readsAs(type: ColumnType, text: string): boolean {
  switch (type) {
    case 'long':
      return guessValue(text).type === 'long';
    case 'double': {
      const t = guessValue(text).type;
      return t === 'double' || t === 'long';
    }
    case 'boolean':
      return isBooleanText(text);
    case 'json':
      return guessValue(text).type === 'json';
    default:
      return true;
  }
}

export function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

import { ImportError } from './errors.js';
import type { ColumnSpec, CsvParserOptions, DecoderSpec, JsonParserOptions, ParserOptions } from './model/parser-options.js';
import { decodeSample, guessCharset } from './guess/charset-guess.js';
import { guessCsv } from './guess/csv-guesser.js';
import { guessJson } from './guess/json-guess.js';
import { jsonColumns } from './guess/json-columns.js';
import { guessNewline } from './guess/newline-guess.js';
import { UserParserKeys, yamlish } from './guess/user-parser-keys.js';
import { verifyCsvTypes } from './guess/type-verification.js';
import type { Newline } from './model/parser-options.js';

/** What the caller knows besides the sample bytes. */
export interface GuessHints {
  /** Decoders found (or set) for the object; the sample arrives already decompressed. Only reported. */
  readonly decoders: readonly DecoderSpec[] | null;
  /** True when the sample is the whole object: then a last line without a line end is a real record. */
  readonly sampleIsComplete: boolean;
  /** A charset set by the user (in.parser.charset); wins over detection. */
  readonly charset?: string;
  /** Parser keys the user already wrote in seed.yml: they win over guesses and steer the rest of the guess. */
  readonly parser?: Readonly<Record<string, unknown>>;
  /**
   * Optional larger sample of the same object (decompressed), e.g. the first few MiB. Column types guessed
   * from `sample` are checked against it and widened where a value would fail to load. Additive to the brief.
   */
  readonly verifySample?: Uint8Array;
  /** True when `verifySample` is the whole object. */
  readonly verifySampleIsComplete?: boolean;
  /** JSON only: emit typed columns read with element_at instead of the single json column `record`. */
  readonly jsonColumns?: boolean;
}

export interface GuessResult {
  /** Complete parser options: written as load.yml's `in.parser`, they run unchanged. */
  readonly parser: ParserOptions;
  /** One line per decision, saying what was chosen and why (`guess --explain`). */
  readonly explain: readonly string[];
}

/**
 * Guesses parser options from a bounded sample, as the reference's guess does (charset, newline, JSON or
 * CSV dialect, header, column names, types and timestamp formats), with its known defects fixed. Pure.
 */
export class FormatGuesser {
  /**
   * @throws ImportError DATA_DECODE when the sample is empty, or for CSV when it has fewer than 4 rows or
   *   2 columns (unless the user wrote parser.columns), saying what to do instead.
   */
  guess(sample: Uint8Array, hints: GuessHints): GuessResult {
    const user = new UserParserKeys(hints.parser ?? {});
    const explain: string[] = [];
    explain.push(`decoders: ${hints.decoders === null || hints.decoders.length === 0 ? 'none' : hints.decoders.map((d) => d.type).join(', ')}`);
    if (sample.length === 0) {
      throw new ImportError('DATA_DECODE', 'the sample is empty, so nothing can be guessed: point path_prefix at a non-empty file');
    }
    const charset = guessCharset(sample, hints.charset ?? user.string('charset'), hints.sampleIsComplete);
    explain.push(charset.explain);
    const text = decodeSample(sample, charset.charset);
    const userNewline = user.string('newline');
    let newline: Newline;
    if (userNewline === 'CRLF' || userNewline === 'LF' || userNewline === 'CR') {
      newline = userNewline;
      explain.push(`newline: ${newline} (set in seed.yml)`);
    } else {
      const guessed = guessNewline(text);
      newline = guessed.newline;
      explain.push(guessed.explain);
    }
    if (!hints.sampleIsComplete && !/[\r\n]$/.test(text)) explain.push('the sample ends mid-line: its last, partial line is left out');

    const type = user.string('type');
    const json = type === 'csv' || type === 'tsv' ? null : guessJson(text, hints.sampleIsComplete);
    let parser: ParserOptions;
    if (json !== null) {
      explain.push(json.explain);
      const timezone = user.string('default_timezone') ?? 'UTC';
      const columns: ColumnSpec[] | null = hints.jsonColumns === true ? jsonColumns(json.records, timezone) : null;
      explain.push(columns === null ? "columns: one json column 'record' (the reference's default; ask for typed columns to get element_at columns)" : `columns: ${columns.length} typed columns read with element_at`);
      const options: JsonParserOptions = {
        type: json.type,
        charset: charset.charset,
        newline,
        stop_on_invalid_record: false,
        default_timezone: timezone,
        default_timestamp_format: '%Y-%m-%d %H:%M:%S.%N %z',
        root: null,
        flatten_json_array: json.flattenArray,
        columns,
      };
      parser = options;
    } else {
      const csv = guessCsv(text, { complete: hints.sampleIsComplete, charset: charset.charset, newline, user }, explain);
      parser = hints.verifySample === undefined ? csv : verifyCsvTypes(csv, decodeSample(hints.verifySample, charset.charset), hints.verifySampleIsComplete ?? false, explain);
    }
    return { parser: overlayUserKeys(parser, user, explain), explain };
  }
}

/** Keys the guess already took from the user while guessing; the rest are laid over at the end. */
const STEERING_KEYS = new Set(['type', 'charset', 'newline', 'delimiter', 'quote', 'escape', 'null_string', 'comment_line_marker', 'skip_header_lines', 'trim_if_not_quoted', 'default_timezone']);

/** The user's keys win last, including ones the guess has no opinion on (allow_extra_columns, columns...). */
function overlayUserKeys(parser: ParserOptions, user: UserParserKeys, explain: string[]): ParserOptions {
  const out: Record<string, unknown> = { ...parser };
  for (const [key, value] of Object.entries(user.entries())) {
    if (STEERING_KEYS.has(key) || !(key in parser) || value === undefined) continue;
    explain.push(`${key}: ${key === 'columns' ? 'as written' : yamlish(value)} (set in seed.yml)`);
    out[key] = value;
  }
  return out as unknown as CsvParserOptions | JsonParserOptions;
}

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { CsvParserOptions } from '../../../src/domain/model/parser-options.js';
import { FormatGuesser, type GuessResult } from '../../../src/domain/format-guesser.js';

/** The reference's sample size: guess sees at most this much of a file. */
export const SAMPLE_BYTES = 32 * 1024;

/** Reads a corpus file (gunzipped if .gz) and guesses from its first 32 KiB, as the CLI will. */
export function guessCorpus(path: string, extra: { verify?: boolean } = {}): GuessResult {
  let bytes: Uint8Array = readFileSync(`../shared/corpus/${path}`);
  if (path.endsWith('.gz')) bytes = gunzipSync(bytes);
  const complete = bytes.length <= SAMPLE_BYTES;
  return new FormatGuesser().guess(bytes.subarray(0, SAMPLE_BYTES), {
    decoders: null,
    sampleIsComplete: complete,
    ...(extra.verify === true ? { verifySample: bytes, verifySampleIsComplete: true } : {}),
  });
}

export function csv(result: GuessResult): CsvParserOptions {
  if (result.parser.type !== 'csv') throw new Error(`expected csv, got ${result.parser.type}`);
  return result.parser;
}

/** `name:type` or `name:type(format)` per column, for compact assertions. */
export function columnSummary(options: CsvParserOptions): string[] {
  return options.columns.map((c) => `${c.name}:${c.type}${c.format !== undefined ? `(${c.format})` : ''}`);
}

import { parserSchema } from '../../../src/app/config/parser-schema.js';
import type { ColumnSpec, CsvParserOptions, JsonParserOptions } from '../../../src/domain/model/parser-options.js';
import { batchRows, type Value } from '../../../src/domain/model/record-batch.js';
import type { RejectedRecord } from '../../../src/domain/model/rejected-record.js';
import { createParser } from '../../../src/domain/parsing/create-parser.js';

/** The defaults a load.yml gets from the config schema (embulk-behaviour.md §4): one source of truth. */
const CSV_DEFAULTS = parserSchema.parse({ type: 'csv', columns: [{ name: 'x', type: 'string' }] }) as CsvParserOptions;
const JSON_DEFAULTS = parserSchema.parse({ type: 'json' }) as JsonParserOptions;

/** Reference defaults plus overrides. */
export function csvOptions(columns: ColumnSpec[], overrides: Partial<CsvParserOptions> = {}): CsvParserOptions {
  return { ...CSV_DEFAULTS, columns, ...overrides };
}

export function jsonOptions(overrides: Partial<JsonParserOptions> = {}): JsonParserOptions {
  return { ...JSON_DEFAULTS, ...overrides };
}

export const strings = (...names: string[]): ColumnSpec[] => names.map((name) => ({ name, type: 'string' }));

/** Splits text into chunks of `size` characters (0: one chunk) so records straddle boundaries. */
export async function* chunked(text: string, size = 0): AsyncIterable<string> {
  if (size <= 0) {
    yield text;
    return;
  }
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

export interface ParseResult {
  rows: Value[][];
  rejects: RejectedRecord[];
  batches: number;
}

export async function parseAll(
  options: CsvParserOptions | JsonParserOptions,
  text: string,
  chunkSize = 0,
  batchSize?: number,
): Promise<ParseResult> {
  const rejects: RejectedRecord[] = [];
  const rows: Value[][] = [];
  let batches = 0;
  const parser = createParser(options);
  for await (const batch of parser.parse(chunked(text, chunkSize), { file: 'in.csv', onReject: (r) => rejects.push(r), batchSize })) {
    batches++;
    rows.push(...batchRows(batch));
  }
  return { rows, rejects, batches };
}

/** Deterministic PRNG (mulberry32) so a failure is reproducible from its seed. */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

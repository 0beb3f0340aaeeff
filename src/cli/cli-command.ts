import type { ParseArgsConfig } from 'node:util';
import { ImportError } from '../domain/errors.js';
import type { S3Import } from '../app/s3-import.js';
import type { Logger } from '../ports/logger.js';

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliContext {
  readonly format: 'text' | 'json';
  readonly quiet: boolean;
  readonly progress: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  readonly logger: Logger;
  /** Opens the application (warehouse + catalog) on first use; closed by main. */
  app(): Promise<S3Import>;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
}

/** What a command prints: `json` for --format json (exactly one document), `text` otherwise. */
export interface CommandOutput {
  readonly json: unknown;
  readonly text: string;
  /** Defaults to 0. */
  readonly exitCode?: number;
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly example: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly positionals: { readonly min: number; readonly max: number };
  /**
   * The command loads tables (issue, run, scheduler): unless S3_IMPORT_WAREHOUSE says otherwise, its warehouse is
   * served by a thread of its own (duckdb-thread), so DuckDB's appends overlap parsing. Every other command opens
   * DuckDB on the main thread, without the thread's start.
   */
  readonly loadsTables?: boolean;
  run(context: CliContext, positionals: string[], values: OptionValues): Promise<CommandOutput>;
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function intOption(values: OptionValues, name: string, fallback: number): number {
  const v = stringOption(values, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw usage(`--${name} takes a whole number, got ${JSON.stringify(v)}`);
  return n;
}

export function usage(message: string): ImportError {
  return new ImportError('USAGE', message);
}

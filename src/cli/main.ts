import { parseArgs } from 'node:util';
import path from 'node:path';
import { createS3Import } from '../app/container.js';
import type { S3Import } from '../app/s3-import.js';
import { ImportError, isImportError } from '../domain/errors.js';
import { StderrLogger } from '../adapters/system/console-logger.js';
import { NullProgress } from '../adapters/system/null-progress.js';
import type { CliCommand, CliContext, CommandOutput, OptionValues } from './cli-command.js';
import { COMMANDS, findCommand } from './commands/index.js';
import { TtyProgressBar } from './output/progress-bar.js';

interface GlobalFlags {
  home?: string;
  format: 'text' | 'json';
  quiet: boolean;
  progress: boolean;
  debug: boolean;
  help: boolean;
  version: boolean;
}

const GLOBAL_USAGE = 's3-import [--home DIR] [--format text|json] [--quiet] [--no-progress] [--debug] <command> ...';

/** Splits global flags (before the command) from the command and its arguments. */
function splitGlobal(argv: readonly string[]): { flags: GlobalFlags; rest: string[] } {
  const flags: GlobalFlags = { format: 'text', quiet: false, progress: true, debug: false, help: false, version: false };
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) break;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (name === '--home') flags.home = value();
    else if (name === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') throw new ImportError('USAGE', `--format must be text or json, got ${JSON.stringify(f)}`);
      flags.format = f;
    } else if (name === '--quiet' || name === '-q') flags.quiet = true;
    else if (name === '--no-progress') flags.progress = false;
    else if (name === '--debug') flags.debug = true;
    else if (name === '--help' || name === '-h') flags.help = true;
    else if (name === '--version' || name === '-V') flags.version = true;
    else throw new ImportError('USAGE', `unknown option ${name}; usage: ${GLOBAL_USAGE}`);
  }
  return { flags, rest: argv.slice(i) };
}

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `usage: ${GLOBAL_USAGE}`,
    '',
    'Import CSV, TSV and JSON files from S3, S3-compatible stores or a folder into tables.',
    'Every command also answers to connector:<command>. `s3-import <command> --help` shows its options and an example.',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Home: --home DIR or S3_IMPORT_HOME (default ./.s3-import) holds warehouse.duckdb and catalog.sqlite.',
    'Exit codes: 0 success (incl. no new data), 1 the job ran and failed, 2 usage or configuration error.',
  ].join('\n');
}

function commandHelp(command: CliCommand): string {
  const options = Object.entries(command.options).map(([name, o]) => `  --${name}${o.short ? `, -${o.short}` : ''}${o.type === 'string' ? ' VALUE' : ''}`);
  return [`usage: ${command.usage}`, '', command.summary, ...(options.length > 0 ? ['', 'options:', ...options] : []), '', `example: ${command.example}`].join('\n');
}

/** Runs the CLI; returns the exit code. Only this layer reads argv, env and the terminal. */
export async function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<number> {
  let flags: GlobalFlags = { format: argv.includes('json') ? 'json' : 'text', quiet: false, progress: true, debug: argv.includes('--debug'), help: false, version: false };
  let app: S3Import | undefined;
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => controller.abort(new ImportError('CANCELLED', `stopped by ${signal}; the load was rolled back`));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const split = splitGlobal(argv);
    flags = split.flags;
    if (flags.version) return print(flags, { json: { version: '0.1.0' }, text: '0.1.0' });
    const [name, ...args] = split.rest;
    if (!name || flags.help || name === 'help') return print(flags, { json: { commands: COMMANDS.map((c) => ({ name: c.name, usage: c.usage })) }, text: helpText() });
    const command = findCommand(name);
    if (!command) throw new ImportError('USAGE', `unknown command ${JSON.stringify(name)}; run \`s3-import --help\` for the list`);
    if (args.includes('--help') || args.includes('-h')) return print(flags, { json: { usage: command.usage, example: command.example }, text: commandHelp(command) });
    const parsed = parseCommandArgs(command, args);
    const cwd = process.cwd();
    const home = path.resolve(cwd, flags.home ?? env['S3_IMPORT_HOME'] ?? '.s3-import');
    const logger = new StderrLogger(flags.debug ? 'debug' : flags.quiet ? 'warn' : 'info');
    const showProgress = flags.progress && !flags.quiet && process.stderr.isTTY === true;
    const context: CliContext = {
      format: flags.format,
      quiet: flags.quiet,
      progress: showProgress,
      cwd,
      env,
      home,
      logger,
      signal: controller.signal,
      app: async () => (app ??= await createS3Import({ home, cwd, env, logger, progress: showProgress ? new TtyProgressBar(process.stderr) : new NullProgress(), ...cliWarehouse(command, env) })),
    };
    const output = await command.run(context, parsed.positionals, parsed.values);
    return print(flags, output);
  } catch (error) {
    return printError(flags, error);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await app?.close().catch(() => undefined);
  }
}

/**
 * The CLI's default warehouse when S3_IMPORT_WAREHOUSE is unset: the warehouse thread for commands that load tables
 * (0.29-0.32 of DuckDB's own reader on the bench's large CSV instead of 0.21-0.23 on the main thread; docs/decisions/
 * performance.md, Update 7), DuckDB on the main thread for the rest (no thread to start for a `table:list`).
 *
 * With the thread, DuckDB's bundled allocator (jemalloc) is told to return freed pages at once instead of after 5 s
 * (DUCKDB_JE_MALLOC_CONF, read when DuckDB loads, which is later: the warehouse opens on first use). That keeps
 * 50,000 small files at 264-275 MB instead of 294-309; it costs tables of many long strings ~15% (an 80-column CSV
 * 8.8 -> 10.5 s), so the main thread, their better choice, keeps jemalloc's default. A value the user set wins.
 */
function cliWarehouse(command: CliCommand, env: Readonly<Record<string, string | undefined>>): { warehouse?: 'duckdb' | 'duckdb-thread' } {
  const chosen = env['S3_IMPORT_WAREHOUSE'] || (command.loadsTables === true ? 'duckdb-thread' : 'duckdb');
  if (chosen === 'duckdb-thread' && env['DUCKDB_JE_MALLOC_CONF'] === undefined) process.env['DUCKDB_JE_MALLOC_CONF'] = 'dirty_decay_ms:0,muzzy_decay_ms:0';
  return env['S3_IMPORT_WAREHOUSE'] ? {} : { warehouse: chosen as 'duckdb' | 'duckdb-thread' };
}

function parseCommandArgs(command: CliCommand, args: string[]): { positionals: string[]; values: OptionValues } {
  let parsed;
  try {
    parsed = parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ImportError('USAGE', `${reason}; usage: ${command.usage}`);
  }
  const { positionals, values } = parsed;
  if (positionals.length < command.positionals.min || positionals.length > command.positionals.max) {
    throw new ImportError('USAGE', `wrong number of arguments; usage: ${command.usage}`);
  }
  return { positionals, values: values as OptionValues };
}

function print(flags: GlobalFlags, output: CommandOutput): number {
  if (flags.format === 'json') process.stdout.write(JSON.stringify(output.json, jsonReplacer, 2) + '\n');
  else if (output.text) process.stdout.write(output.text + '\n');
  return output.exitCode ?? 0;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

function printError(flags: GlobalFlags, error: unknown): number {
  const e = isImportError(error) ? error : new ImportError('INTERNAL', error instanceof Error ? error.message : String(error), { cause: error });
  if (flags.format === 'json') process.stdout.write(JSON.stringify({ error: { code: e.code, message: e.message } }) + '\n');
  else process.stderr.write(`error: ${e.code}: ${e.message}\n`);
  if (flags.debug) process.stderr.write(`${(e.cause instanceof Error ? e.cause : e).stack ?? ''}\n`);
  return e.exitCode;
}

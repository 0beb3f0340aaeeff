import { validateImportConfig } from '../../app/config/load-config.js';
import type { ImportConfig } from '../../domain/model/import-config.js';
import { isIanaTimeZone } from '../../domain/time-zones.js';
import { IMPORT_MODES, type ImportMode } from '../../domain/model/import-mode.js';
import type { CliCommand } from '../cli-command.js';
import { stringOption, intOption, usage } from '../cli-command.js';
import { readConfigDiff, readConfigFile, toYaml, writeFileAtomic } from '../config-files.js';
import { displayValue, encodeValue, jobJson } from '../output/json-values.js';
import { textTable } from '../output/text-table.js';
import { jobText } from '../output/job-text.js';
import { exitCodeOfJob } from '../exit-codes.js';

export const guessCommand: CliCommand = {
  name: 'guess',
  summary: 'read a sample of the first file and write a complete load config',
  usage: 's3-import guess SEED.yml [-o LOAD.yml] [--explain]',
  example: 's3-import guess seed.yml -o load.yml',
  options: { output: { type: 'string', short: 'o' }, explain: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(ctx, [seedFile], values) {
    const seed = readConfigFile(ctx.cwd, seedFile!);
    const result = await (await ctx.app()).guess(seed);
    const yaml = toYaml(result.config);
    const output = stringOption(values, 'output');
    if (output) writeFileAtomic(ctx.cwd, output, yaml);
    const explain = values['explain'] ? `\n# Why (from ${result.file}):\n${result.explain.map((l) => `#  - ${l}`).join('\n')}` : '';
    return {
      json: { config: result.config, file: result.file, ...(values['explain'] ? { explain: result.explain } : {}) },
      text: output ? `Guessed from ${result.file}; wrote ${output}${explain}` : yaml + explain,
    };
  },
};

export const previewCommand: CliCommand = {
  name: 'preview',
  summary: 'show the first rows as they would be imported; writes nothing',
  usage: 's3-import preview LOAD.yml [-n ROWS] [--time-column C] [--timezone TZ]',
  example: 's3-import preview load.yml -n 5',
  options: { rows: { type: 'string', short: 'n' }, 'time-column': { type: 'string' }, timezone: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(ctx, [file], values) {
    const config = withTimezone(validateImportConfig(readConfigFile(ctx.cwd, file!)), stringOption(values, 'timezone'));
    const timeColumn = stringOption(values, 'time-column');
    const result = await (await ctx.app()).preview({ config, rows: intOption(values, 'rows', 15), ...(timeColumn ? { timeColumn } : {}) });
    const header = result.columns.map((c) => `${c.name}:${c.type}`);
    const text = [
      textTable(header, result.rows.map((r) => r.map(displayValue))),
      `${result.rows.length} row(s) from ${result.files.join(', ') || 'no file'}`,
      `time column: ${result.timeColumn ?? 'upload time'} (${result.timeColumnReason})`,
      ...(result.rejects.length > 0 ? [`skipped ${result.rejects.length} invalid record(s), e.g. ${result.rejects[0]!.file}:${result.rejects[0]!.line} (${result.rejects[0]!.reason})`] : []),
    ].join('\n');
    return {
      json: { columns: result.columns.map((c) => ({ name: c.name, type: c.type })), rows: result.rows.map((r) => r.map(encodeValue)), time_column: result.timeColumn },
      text,
    };
  },
};

export const issueCommand: CliCommand = {
  name: 'issue',
  loadsTables: true,
  summary: 'run one import now',
  usage: 's3-import issue LOAD.yml --database D --table T [--time-column C] [--timezone TZ] [--auto-create-table] [--mode append|replace|replace_on_new_data] [-c DIFF.yml]',
  example: 's3-import issue load.yml --database demo --table events --time-column created_at --auto-create-table',
  options: {
    database: { type: 'string', short: 'd' },
    table: { type: 'string', short: 't' },
    'time-column': { type: 'string' },
    'auto-create-table': { type: 'boolean' },
    mode: { type: 'string', short: 'm' },
    'config-diff': { type: 'string', short: 'c' },
    'unique-id': { type: 'string' },
    timezone: { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx, [file], values) {
    const database = stringOption(values, 'database');
    const table = stringOption(values, 'table');
    if (!database || !table) throw usage('issue needs --database D and --table T');
    const mode = stringOption(values, 'mode');
    if (mode !== undefined && !(IMPORT_MODES as readonly string[]).includes(mode)) throw usage(`--mode must be one of ${IMPORT_MODES.join(', ')}`);
    const config = withTimezone(validateImportConfig(readConfigFile(ctx.cwd, file!)), stringOption(values, 'timezone'));
    const diffFile = stringOption(values, 'config-diff');
    const previousDiff = diffFile ? readConfigDiff(ctx.cwd, diffFile) : undefined;
    const timeColumn = stringOption(values, 'time-column');
    const uniqueId = stringOption(values, 'unique-id');
    const job = await (await ctx.app()).import({
      config,
      database,
      table,
      autoCreateTable: values['auto-create-table'] === true,
      signal: ctx.signal,
      ...(timeColumn ? { timeColumn } : {}),
      ...(mode ? { mode: mode as ImportMode } : {}),
      ...(previousDiff ? { previousDiff } : {}),
      ...(uniqueId ? { uniqueId } : {}),
    });
    if (diffFile && job.status !== 'error' && job.configDiff) writeFileAtomic(ctx.cwd, diffFile, toYaml(job.configDiff));
    return { json: jobJson(job), text: jobText(job), exitCode: exitCodeOfJob(job) };
  },
};

/** --timezone sets out.default_timezone: the zone of timestamps that carry none. IANA names only. */
function withTimezone(config: ImportConfig, timezone: string | undefined): ImportConfig {
  if (timezone === undefined) return config;
  if (!isIanaTimeZone(timezone)) throw usage(`--timezone ${JSON.stringify(timezone)} is not an IANA time zone name; use a name such as Asia/Tokyo, America/Los_Angeles or UTC`);
  return { ...config, out: { ...config.out, default_timezone: timezone } };
}

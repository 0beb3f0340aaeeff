import type { ConfigDiff } from '../../domain/model/source-options.js';
import type { JobRecord } from '../../ports/job-store.js';
import type { CliCommand } from '../cli-command.js';
import { intOption, stringOption, usage } from '../cli-command.js';
import { readConfigDiff, readConfigFile, toYaml } from '../config-files.js';
import { exitCodeOfJob } from '../exit-codes.js';
import { jobJson } from '../output/json-values.js';
import { jobText } from '../output/job-text.js';
import { keyValueLines, textTable } from '../output/text-table.js';
import type { ScheduleView } from '../../app/manage-schedules.js';

function scheduleJson(s: ScheduleView): Record<string, unknown> {
  return { name: s.name, cron: s.cron, timezone: s.timezone, delay: s.delay, database: s.database, table: s.table, time_column: s.timeColumn, next_run: s.nextRun.toISOString() };
}

function scheduleText(s: ScheduleView): string {
  return keyValueLines([
    ['name', s.name],
    ['cron', s.cron],
    ['timezone', s.timezone],
    ['delay', `${s.delay} s`],
    ['table', `${s.database}.${s.table}`],
    ['time column', s.timeColumn ?? '(rule: time, first long/timestamp column, upload time)'],
    ['next run', s.nextRun.toISOString()],
  ]);
}

const scheduleOptions = {
  timezone: { type: 'string', short: 't' },
  'time-column': { type: 'string' },
  delay: { type: 'string', short: 'D' },
} as const;

export const createCommand: CliCommand = {
  name: 'create',
  summary: 'save a schedule (cron: 5 fields or @hourly, @daily, @weekly, @monthly; IANA time zones)',
  usage: 's3-import create NAME CRON D T LOAD.yml [--timezone TZ] [--time-column C] [-D DELAY_S]',
  example: 's3-import create daily_import "10 0 * * *" demo events load.yml --timezone Asia/Tokyo --time-column created_at',
  options: scheduleOptions,
  positionals: { min: 5, max: 5 },
  async run(ctx, [name, cron, database, table, file], values) {
    const config = readConfigFile(ctx.cwd, file!);
    const timezone = stringOption(values, 'timezone');
    const timeColumn = stringOption(values, 'time-column');
    const view = await (await ctx.app()).scheduling().create({
      name: name!,
      cron: cron!,
      database: database!,
      table: table!,
      config,
      delay: intOption(values, 'delay', 0),
      ...(timezone ? { timezone } : {}),
      ...(timeColumn ? { timeColumn } : {}),
    });
    return { json: scheduleJson(view), text: `Schedule '${view.name}' is created.\n${scheduleText(view)}` };
  },
};

export const updateCommand: CliCommand = {
  name: 'update',
  summary: 'change a schedule, or reset its incremental state with --config-diff',
  usage: 's3-import update NAME [--cron C] [--timezone TZ] [-D S] [--config LOAD.yml] [--config-diff FILE]',
  example: 's3-import update daily_import --config-diff reset.yml',
  options: { cron: { type: 'string' }, timezone: { type: 'string', short: 't' }, delay: { type: 'string', short: 'D' }, config: { type: 'string' }, 'config-diff': { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(ctx, [name], values) {
    const changes: { cron?: string; timezone?: string; delay?: number; config?: Record<string, unknown>; configDiff?: ConfigDiff } = {};
    const cron = stringOption(values, 'cron');
    const timezone = stringOption(values, 'timezone');
    const configFile = stringOption(values, 'config');
    const diffFile = stringOption(values, 'config-diff');
    if (cron) changes.cron = cron;
    if (timezone) changes.timezone = timezone;
    if (values['delay'] !== undefined) changes.delay = intOption(values, 'delay', 0);
    if (configFile) changes.config = readConfigFile(ctx.cwd, configFile);
    if (diffFile) {
      const diff = readConfigDiff(ctx.cwd, diffFile);
      if (!diff) throw usage(`cannot read ${diffFile}; write a file such as: in: {last_path: logs/2024-01-01.csv}`);
      changes.configDiff = diff;
    }
    if (Object.keys(changes).length === 0) throw usage('nothing to update; pass --cron, --timezone, -D, --config or --config-diff');
    const view = await (await ctx.app()).scheduling().update(name!, changes);
    return { json: scheduleJson(view), text: `Schedule '${view.name}' is updated.\n${scheduleText(view)}` };
  },
};

export const listCommand: CliCommand = {
  name: 'list',
  summary: 'all schedules with their next run',
  usage: 's3-import list',
  example: 's3-import list',
  options: {},
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const views = await (await ctx.app()).scheduling().list();
    return {
      json: views.map(scheduleJson),
      text: views.length > 0 ? textTable(['name', 'cron', 'timezone', 'delay', 'database', 'table', 'next run'], views.map((s) => [s.name, s.cron, s.timezone, String(s.delay), s.database, s.table, s.nextRun.toISOString()])) : '(no schedules)',
    };
  },
};

export const showCommand: CliCommand = {
  name: 'show',
  summary: 'a schedule: settings, config (secrets redacted) and the current config diff',
  usage: 's3-import show NAME',
  example: 's3-import show daily_import',
  options: {},
  positionals: { min: 1, max: 1 },
  async run(ctx, [name]) {
    const view = await (await ctx.app()).scheduling().show(name!);
    return {
      json: { ...scheduleJson(view), config: view.config, config_diff: view.configDiff },
      text: `${scheduleText(view)}\nconfig:\n${indent(toYaml(view.config))}\nconfig diff: ${JSON.stringify(view.configDiff ?? { in: {}, out: {} })}`,
    };
  },
};

export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'past runs of a schedule, newest first',
  usage: 's3-import history NAME [-n N]',
  example: 's3-import history daily_import -n 5',
  options: { rows: { type: 'string', short: 'n' } },
  positionals: { min: 1, max: 1 },
  async run(ctx, [name], values) {
    const jobs = await (await ctx.app()).scheduling().history(name!, intOption(values, 'rows', 20));
    return {
      json: jobs.map((j: JobRecord) => ({ job_id: j.jobId, status: j.status, records: j.records, database: j.database, table: j.table, started_at: j.startedAt.toISOString(), duration_s: j.durationS })),
      text: jobs.length > 0 ? textTable(['JobID', 'Status', 'Records', 'Database', 'Table', 'Started', 'Duration'], jobs.map((j) => [j.jobId, j.status, String(j.records), j.database, j.table, j.startedAt.toISOString(), `${j.durationS} s`])) : '(no runs yet)',
    };
  },
};

export const runCommand: CliCommand = {
  name: 'run',
  loadsTables: true,
  summary: 'run a schedule now, as the scheduler would',
  usage: 's3-import run NAME [TIME]',
  example: 's3-import run daily_import',
  options: {},
  positionals: { min: 1, max: 2 },
  async run(ctx, [name, time]) {
    let at: Date | undefined;
    if (time !== undefined) {
      at = new Date(time);
      if (Number.isNaN(at.getTime())) throw usage(`TIME must be an ISO-8601 time such as 2026-11-26T00:10:00Z, got ${JSON.stringify(time)}`);
    }
    const job = await (await ctx.app()).scheduling().run(name!, at);
    return { json: jobJson(job), text: jobText(job), exitCode: exitCodeOfJob(job) };
  },
};

export const deleteCommand: CliCommand = {
  name: 'delete',
  summary: 'remove a schedule (its history stays)',
  usage: 's3-import delete NAME',
  example: 's3-import delete daily_import',
  options: {},
  positionals: { min: 1, max: 1 },
  async run(ctx, [name]) {
    await (await ctx.app()).scheduling().delete(name!);
    return { json: { deleted: name }, text: `Schedule '${name}' is deleted.` };
  },
};

export const schedulerCommand: CliCommand = {
  name: 'scheduler',
  loadsTables: true,
  summary: 'the daemon that runs due schedules (--once: run what is due and exit)',
  usage: 's3-import scheduler [--once] [--poll-seconds N]',
  example: 's3-import scheduler --once',
  options: { once: { type: 'boolean' }, 'poll-seconds': { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, _positionals, values) {
    const app = await ctx.app();
    const scheduler = app.scheduler(ctx.logger);
    if (values['once']) {
      const jobs = await scheduler.runOnce();
      const failed = jobs.some((j) => j.status === 'error');
      return {
        json: { jobs: jobs.map(jobJson) },
        text: jobs.length > 0 ? jobs.map(jobText).join('\n\n') : 'nothing is due',
        exitCode: failed ? 1 : 0,
      };
    }
    ctx.logger.info('scheduler started; stop it with Ctrl-C or SIGTERM');
    await scheduler.runForever(ctx.signal, { pollMs: intOption(values, 'poll-seconds', 15) * 1000 });
    if (ctx.signal.aborted) ctx.logger.info('scheduler stopped');
    return { json: { stopped: true }, text: '' };
  },
};

function indent(text: string): string {
  return text.trimEnd().split('\n').map((l) => `  ${l}`).join('\n');
}

export const scheduleCommands: readonly CliCommand[] = [createCommand, updateCommand, listCommand, showCommand, historyCommand, runCommand, deleteCommand, schedulerCommand];


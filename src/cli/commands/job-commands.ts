import type { CliCommand } from '../cli-command.js';
import { intOption } from '../cli-command.js';
import { jobJson } from '../output/json-values.js';
import { jobText } from '../output/job-text.js';
import { textTable } from '../output/text-table.js';

export const jobShowCommand: CliCommand = {
  name: 'job:show',
  summary: 'one job with its files',
  usage: 's3-import job:show JOB_ID',
  example: 's3-import job:show 20261126113640-3f9a1c',
  options: {},
  positionals: { min: 1, max: 1 },
  async run(ctx, [jobId]) {
    const { job, files } = await (await ctx.app()).job(jobId!);
    const filesText = files.length > 0 ? '\n' + textTable(['file', 'size', 'records', 'skipped'], files.map((f) => [f.key, String(f.size), String(f.records), String(f.skipped)]), 80) : '';
    return {
      json: { ...jobJson(job), files_detail: files.map((f) => ({ key: f.key, size: f.size, records: f.records, skipped: f.skipped })) },
      text: jobText(job) + filesText,
    };
  },
};

export const jobRejectsCommand: CliCommand = {
  name: 'job:rejects',
  summary: 'the invalid records a job skipped: file, line, reason and raw text',
  usage: 's3-import job:rejects JOB_ID [-n N]',
  example: 's3-import job:rejects 20261126113640-3f9a1c -n 50',
  options: { rows: { type: 'string', short: 'n' } },
  positionals: { min: 1, max: 1 },
  async run(ctx, [jobId], values) {
    const rejects = await (await ctx.app()).rejects(jobId!, intOption(values, 'rows', 100));
    return {
      json: rejects.map((r) => ({ file: r.file, line: r.line, reason: r.reason, raw: r.raw })),
      text: rejects.length > 0 ? textTable(['file', 'line', 'reason', 'raw'], rejects.map((r) => [r.file, String(r.line), r.reason, r.raw]), 60) : '(no rejected records)',
    };
  },
};

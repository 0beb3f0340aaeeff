import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, tempHome } from '../support/cli.js';

describe('CLI basics (issue, errors, json output)', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 's3-import-cfg-'));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('imports the sample data and shows it with table:tail', async () => {
    const home = tempHome();
    const issue = await runCli(['--format', 'json', 'issue', 'examples/load.yml', '--database', 'demo', '--table', 'events', '--time-column', 'created_at', '--auto-create-table'], { home });
    expect(issue.code, issue.stderr).to.equal(0);
    const job = issue.json as Record<string, unknown>;
    expect(Object.keys(job)).to.include.members(['job_id', 'status', 'database', 'table', 'mode', 'files', 'records', 'skipped_records', 'bytes', 'time_column', 'started_at', 'duration_s', 'config_diff']);
    expect(job).to.include({ status: 'success', files: 2, records: 22, time_column: 'created_at' });
    expect(job['config_diff']).to.deep.equal({ in: { last_path: 'examples/data/events-2024-01-02.csv.gz' }, out: {} });
    const tail = await runCli(['--format', 'json', 'table:tail', 'demo', 'events', '-n', '3'], { home });
    expect(tail.code, tail.stderr).to.equal(0);
    const body = tail.json as { columns: { name: string }[]; rows: unknown[][] };
    expect(body.columns.map((c) => c.name)).to.deep.equal(['time', 'id', 'user', 'page', 'status', 'duration_ms', 'created_at']);
    expect(body.rows).to.have.length(3);
    expect(body.rows[0]![6]).to.match(/^2024-01-0\dT\d\d:\d\d:\d\d\.000Z$/);
  });

  for (const [what, text, key] of [
    ['malformed YAML', 'in:\n  type: file\n   path_prefix: [x\n', 'line 2, column 9: malformed YAML'],
    ['a missing required key', 'in:\n  type: file\n  parser: {type: csv, columns: [{name: a, type: long}]}\n', 'in.path_prefix'],
    ['an unknown key', 'in:\n  type: file\n  path_prefix: x/\n  path_prfix: y\n  parser: {type: csv, columns: [{name: a, type: long}]}\n', 'in.path_prfix'],
  ] as const) {
    it(`${what}: exit 2 with one line naming the key`, async () => {
      const result = await runCli(['issue', write(`${what.replaceAll(' ', '-')}.yml`, text), '--database', 'd', '--table', 't']);
      expect(result.code).to.equal(2);
      expect(result.stdout).to.equal('');
      const lines = result.stderr.trim().split('\n');
      expect(lines, result.stderr).to.have.length(1);
      expect(lines[0]).to.match(/^error: CONFIG_INVALID: /);
      expect(lines[0]).to.contain(key);
    });
  }

  it('json mode prints errors as one JSON document on stdout', async () => {
    const result = await runCli(['--format', 'json', 'table:tail', 'nodb', 'notable']);
    expect(result.code).to.equal(2);
    expect(result.json).to.deep.include({ error: { code: 'TABLE_NOT_FOUND', message: result.json && (result.json as { error: { message: string } }).error.message } });
  });

  it('every verb answers to its connector: alias and has --help with an example', async () => {
    const help = await runCli(['connector:issue', '--help']);
    expect(help.code).to.equal(0);
    expect(help.stdout).to.contain('usage: s3-import issue LOAD.yml');
    expect(help.stdout).to.contain('example: ');
  });
});

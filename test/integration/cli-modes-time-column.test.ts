import { expect } from 'chai';
import { runCli } from '../support/cli.js';
import { column, issue, tail, workspace, writeConfig, type Rows } from '../fixtures/cli/cli-kit.js';

/**
 * Without --time-column the documented rule (docs: CLI.md, time-column-policy) is: a column named `time`
 * (long or timestamp); else the first long or timestamp column; else the upload time.
 */
describe('CLI modes: the time column without --time-column', function () {
  this.timeout(120_000);

  const cases = [
    {
      what: 'a file with a time column uses it',
      body: 'name,time\na,1704164645\nb,1704240000\n',
      columns: [{ name: 'name', type: 'string' }, { name: 'time', type: 'long' }],
      timeColumn: 'time',
      expected: (): number[] => [1704164645, 1704240000],
    },
    {
      what: 'a file with only a created_at timestamp uses created_at',
      body: 'name,created_at\na,2024-01-02 03:04:05\nb,2024-01-03 00:00:00\n',
      columns: [{ name: 'name', type: 'string' }, { name: 'created_at', type: 'timestamp', format: '%Y-%m-%d %H:%M:%S' }],
      timeColumn: 'created_at',
      expected: (): number[] => [Date.UTC(2024, 0, 2, 3, 4, 5) / 1000, Date.UTC(2024, 0, 3) / 1000],
    },
    {
      what: 'a file with no time-like column gets the upload time',
      body: 'name,city\na,Tokyo\nb,Osaka\n',
      columns: [{ name: 'name', type: 'string' }, { name: 'city', type: 'string' }],
      timeColumn: null,
      expected: null,
    },
  ] as const;

  for (const c of cases) {
    it(c.what, async () => {
      const ws = workspace({ 'f.csv': c.body });
      const load = writeConfig(ws.dir, 'load.yml', { in: { type: 'file', path_prefix: `${ws.dir}/d/`, parser: { type: 'csv', skip_header_lines: 1, columns: c.columns } } });

      const preview = await runCli(['--format', 'json', 'preview', load], { home: ws.home });
      expect(preview.code, preview.stderr).to.equal(0);
      expect((preview.json as Rows).time_column).to.equal(c.timeColumn);
      const text = await runCli(['preview', load], { home: ws.home });
      expect(text.stdout).to.contain(`time column: ${c.timeColumn ?? 'upload time'}`);

      const before = Math.floor(Date.now() / 1000);
      const { result, job } = await issue(ws.home, load, 'tc');
      const after = Math.ceil(Date.now() / 1000);
      expect(result.code, result.stdout + result.stderr).to.equal(0);
      expect(job.time_column).to.equal(c.timeColumn);

      const body = await tail(ws.home, 'tc');
      expect(body.columns[0]).to.deep.equal({ name: 'time', type: 'long' });
      const times = (column(body, 'time') as number[]).sort((a, b) => a - b);
      if (c.expected) expect(times).to.deep.equal(c.expected());
      else for (const t of times) expect(t).to.be.within(before, after);
    });
  }
});

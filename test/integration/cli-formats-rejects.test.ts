import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../support/cli.js';
import { CORPUS, column, issue, tail, workspace, writeConfig } from '../fixtures/cli/cli-kit.js';

interface Reject { readonly file: string; readonly line: number; readonly reason: string; readonly raw: string }

const SUITE = path.join(CORPUS, 'jsontestsuite/test_parsing');

/** The JSONTestSuite must-reject inputs, by name. */
function mustReject(): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  for (const name of readdirSync(SUITE).filter((n) => n.startsWith('n_'))) files[name] = readFileSync(path.join(SUITE, name));
  return files;
}

async function rejects(home: string, jobId: string): Promise<Reject[]> {
  const result = await runCli(['--format', 'json', 'job:rejects', jobId, '-n', '10000'], { home });
  expect(result.code, result.stderr).to.equal(0);
  return result.json as Reject[];
}

describe('CLI formats: invalid records are skipped, counted and retrievable', function () {
  this.timeout(180_000);
  const inputs = mustReject();
  // A file of only JSON whitespace, after a UTF-8 BOM (n_single_space, n_structure_no_data,
  // n_structure_UTF8_BOM_no_data) holds no value, so there is nothing to reject.
  const withContent = Object.keys(inputs).filter((n) => !/^(\xEF\xBB\xBF)?[ \t\r\n]*$/.test(inputs[n]!.toString('latin1')));

  for (const type of ['jsonl', 'json'] as const) {
    it(`JSONTestSuite n_* (${withContent.length} files) as ${type}: every file is rejected with its line, the job succeeds`, async () => {
      const ws = workspace(inputs);
      const load = writeConfig(ws.dir, 'load.yml', { in: { type: 'file', path_prefix: `${ws.dir}/d/n_`, parser: { type } } });
      const { result, job } = await issue(ws.home, load, `n_${type}`);
      expect(result.code, result.stdout + result.stderr).to.equal(0);
      expect(job.status).to.equal('success');
      expect(job.skipped_records).to.be.at.least(withContent.length);
      expect(result.stderr).not.to.match(/^\s+at /m);
      const found = await rejects(ws.home, job.job_id);
      expect(found).to.have.length(job.skipped_records);
      const rejectedFiles = new Set(found.map((r) => path.basename(r.file)));
      expect(withContent.filter((n) => !rejectedFiles.has(n)), 'n_* files with no rejected record').to.deep.equal([]);
      for (const r of found) {
        expect(r.line, `${r.file}: ${r.reason}`).to.be.a('number').and.at.least(1);
        expect(r.reason).to.be.a('string').and.not.equal('');
      }
      if (type === 'jsonl') {
        // One value per line: no half of an invalid line (`{"a": true} "x"`, `{}}`) may load.
        expect(job.records).to.equal(0);
      } else {
        // As in Embulk's json parser, a file is a stream of values: `{"a": true} "x"` loads the object and
        // rejects the string. Only such complete objects may load.
        const records = column(await tail(ws.home, 'n_json'), 'record');
        expect(records).to.have.length(job.records);
        for (const r of records) expect(r).to.be.an('object');
      }
    });
  }

  it('JSONTestSuite n_* with stop_on_invalid_record: exit 1 naming the file and line, nothing loaded', async () => {
    const ws = workspace(inputs);
    const load = writeConfig(ws.dir, 'load.yml', { in: { type: 'file', path_prefix: `${ws.dir}/d/n_`, parser: { type: 'jsonl', stop_on_invalid_record: true } } });
    const { result, job } = await issue(ws.home, load, 'n_stop');
    expect(result.code, result.stdout + result.stderr).to.equal(1);
    expect(job.status).to.equal('error');
    expect(job.error?.code).to.equal('DATA_INVALID_RECORD');
    expect(job.error?.message).to.match(/n_\S+\.json:\d+ /);
    expect(job.error?.message).to.contain('stop_on_invalid_record: false');
    expect(result.stderr).not.to.match(/^\s+at /m);
    expect((await tail(ws.home, 'n_stop')).rows).to.deep.equal([]);
  });

  it('bad CSV rows are skipped, counted and listed by job:rejects with file, line, reason and raw text', async () => {
    const csv = 'id,name,score\n1,a,1.5\n2,b,notanumber\nx,c,2\n3,"d,d",4\n4,e\n5,f,6\n';
    const ws = workspace({ 'bad.csv': csv });
    const load = writeConfig(ws.dir, 'load.yml', {
      in: {
        type: 'file', path_prefix: `${ws.dir}/d/`,
        parser: { type: 'csv', skip_header_lines: 1, columns: [{ name: 'id', type: 'long' }, { name: 'name', type: 'string' }, { name: 'score', type: 'double' }] },
      },
    });
    const { result, job } = await issue(ws.home, load, 'bad');
    expect(result.code, result.stdout + result.stderr).to.equal(0);
    expect(job).to.include({ status: 'success', records: 3, skipped_records: 3 });
    expect(column(await tail(ws.home, 'bad'), 'id').sort()).to.deep.equal([1, 3, 5]);

    const found = await rejects(ws.home, job.job_id);
    const file = path.join(ws.dir, 'd', 'bad.csv');
    expect(found.map((r) => [r.file, r.line, r.raw])).to.deep.equal([[file, 3, '2,b,notanumber'], [file, 4, 'x,c,2'], [file, 6, '4,e']]);
    expect(found[0]!.reason).to.contain("'score'");
    expect(found[1]!.reason).to.contain("'id'");
    expect(found[2]!.reason).to.contain('too few columns');

    const text = await runCli(['job:rejects', job.job_id], { home: ws.home });
    expect(text.code, text.stderr).to.equal(0);
    for (const raw of ['2,b,notanumber', 'x,c,2', '4,e']) expect(text.stdout).to.contain(raw);
  });
});

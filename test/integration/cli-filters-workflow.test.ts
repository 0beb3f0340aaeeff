import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { runCli, tempHome } from '../support/cli.js';
import { issue, tail } from '../fixtures/cli/cli-kit.js';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('CLI filters: the seed workflow cfg_load.yml with every filter type', function () {
  this.timeout(120_000);

  it('column drop/retain/add, rename (map and rules), expand_json, digest and add_time give the expected rows in table:tail', async () => {
    const home = tempHome();
    const load = 'test/fixtures/cli/filters/cfg_load.yml';
    const preview = await runCli(['--format', 'json', 'preview', load], { home });
    expect(preview.code, preview.stderr).to.equal(0);
    expect(preview.json).to.deep.include({ time_column: 'time' });

    const { result, job } = await issue(home, load, 'workflow');
    expect(result.code, result.stdout + result.stderr).to.equal(0);
    expect(job).to.include({ status: 'success', records: 2, skipped_records: 0, time_column: 'time' });

    const body = await tail(home, 'workflow');
    expect(body.columns.map((c) => `${c.name}:${c.type}`)).to.deep.equal([
      'time:long', 'id:long', 'user_id:long', 'user_name:string', 'tags_1_:string', 'email_hash:string', 'created_at:timestamp', 'source:string',
    ]);
    const rows = [...body.rows].sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(rows).to.deep.equal([
      [Date.UTC(2024, 0, 2, 3, 4, 5) / 1000, 1, 7, 'Ann', 'y', sha256('a@b.com'), '2024-01-02T03:04:05.000Z', 's3'],
      // user.name is missing (NULL) and retained with default: unknown; tags[1] is missing: NULL
      [Date.UTC(2024, 0, 3) / 1000, 2, 8, 'unknown', null, sha256('c@d.com'), '2024-01-03T00:00:00.000Z', 's3'],
    ]);
    // the dropped column and the hashed plaintext are nowhere in the table
    expect(JSON.stringify(body)).not.to.match(/s1|s2|a@b\.com|c@d\.com/);
  });
});

import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { ImportFiles } from '../../../src/app/import-files.js';
import { inMemoryServices } from '../../support/in-memory-services.js';
import { csvConfig, generatedCsv } from './worker-fixtures.js';

const ref = { database: 'db', table: 't' };

describe('ImportFiles on worker threads: failures', () => {
  it('a corrupt gzip in one of many files fails the job with DATA_DECODE and leaves the table as it was', async () => {
    const s = inMemoryServices();
    s.bucket.put('old/a.csv', 'id,name,score,created_at\n1,a,1,2024-01-01 00:00:00\n');
    const base = csvConfig(0);
    const seed = await new ImportFiles(s).run({ config: { ...base, in: { ...base.in, path_prefix: 'old/' } }, ...ref, autoCreateTable: true });
    expect(seed.status, JSON.stringify(seed.error)).to.equal('success');
    for (let i = 0; i < 24; i++) s.bucket.put(`data/${String(i).padStart(2, '0')}.csv.gz`, gzipSync(generatedCsv(3_000, i)));
    s.bucket.put('data/13.csv.gz', gzipSync(generatedCsv(3_000, 13)).subarray(0, 5_000));
    const job = await new ImportFiles(s).run({ config: csvConfig(2), ...ref, stateId: 'sched' });
    expect(job.status).to.equal('error');
    expect(job.error?.code).to.equal('DATA_DECODE');
    expect(job.error?.message).to.contain('data/13.csv.gz');
    expect((await s.tables.describeTable(ref))?.rowCount).to.equal(1);
    expect(await s.state.get('sched')).to.equal(undefined);
  });

  it('a process whose worker import failed exits by itself (no parse worker is left running)', async () => {
    const child = await new Promise<{ code: number | null; killed: boolean; stdout: string; stderr: string }>((resolve) => {
      const proc = execFile(process.execPath, ['--import', 'tsx', 'test/unit/workers/child/failing-import.ts'], { timeout: 15_000 }, (error, stdout, stderr) =>
        resolve({ code: proc.exitCode, killed: error?.killed ?? false, stdout, stderr }),
      );
    });
    expect(child.killed, `the child did not exit within 15 s: ${child.stderr}`).to.equal(false);
    expect(child.code, child.stderr).to.equal(0);
    const job = JSON.parse(child.stdout) as { status: string; error: { code: string } | null };
    expect(job.status).to.equal('error');
    expect(job.error?.code).to.equal('DATA_DECODE');
  });
});

// Run as a child process by import-failures.test.ts: a worker import whose job fails, with no explicit cleanup
// by this script. The process must exit by itself (no parse worker left running) and print the job as JSON.
import { gzipSync } from 'node:zlib';
import { ImportFiles } from '../../../../src/app/import-files.js';
import { inMemoryServices } from '../../../support/in-memory-services.js';
import { csvConfig, generatedCsv } from '../worker-fixtures.js';

const s = inMemoryServices();
for (let i = 0; i < 20; i++) s.bucket.put(`data/${String(i).padStart(2, '0')}.csv.gz`, gzipSync(generatedCsv(2_000, i)));
s.bucket.put('data/10.csv.gz', gzipSync(generatedCsv(2_000, 99)).subarray(0, 3_000));
const job = await new ImportFiles(s).run({ config: csvConfig(2), database: 'db', table: 't', autoCreateTable: true });
process.stdout.write(JSON.stringify({ status: job.status, error: job.error }));

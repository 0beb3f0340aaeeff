import { expect } from 'chai';
import { gzipSync } from 'node:zlib';
import { loadImportConfig } from '../../../src/app/config/load-config.js';
import { ImportFiles } from '../../../src/app/import-files.js';
import type { ImportConfig } from '../../../src/domain/model/import-config.js';
import { inMemoryServices, type TestServices } from '../../support/in-memory-services.js';
import { readFileSync } from 'node:fs';
import { canonicalRows, csvConfig, csvFiles } from './worker-fixtures.js';

const ref = { database: 'db', table: 't' };
const NOW = new Date('2024-06-01T12:00:00.123Z');

async function importWith(config: ImportConfig, files: Record<string, Uint8Array | string>) {
  const s: TestServices = inMemoryServices({ now: () => NOW });
  for (const [key, body] of Object.entries(files)) s.bucket.put(key, body);
  const job = await new ImportFiles(s).run({ config, ...ref, autoCreateTable: true });
  const tail = await s.tables.tail(ref, 1_000_000);
  const rejects = await s.jobs.rejects(job.jobId, 1_000_000);
  const warnings = s.logs.lines.filter((l) => l.message.includes('invalid byte')).map((l) => l.message);
  return {
    job: { status: job.status, error: job.error, files: job.files, records: job.records, skipped: job.skippedRecords, bytes: job.bytes, timeColumn: job.timeColumn },
    columns: tail.columns,
    rows: canonicalRows(tail.rows),
    rejects: rejects.map((r) => JSON.stringify(r)).sort(),
    files: (await s.jobs.files(job.jobId)).map((f) => JSON.stringify(f)),
    warnings: warnings.sort(),
  };
}

describe('worker threads give the same import as the main thread', () => {
  it('CSV with quotes, multi-line fields, rejects, timestamps, gzip, an invalid byte and every filter', async () => {
    const files = csvFiles();
    const inThread = await importWith(csvConfig(0), files);
    const workers = await importWith(csvConfig(2), files);
    expect(inThread.job.status, JSON.stringify(inThread.job.error)).to.equal('success');
    expect(inThread.job.records).to.be.greaterThan(40_000);
    expect(inThread.job.skipped).to.be.greaterThan(500);
    expect(inThread.warnings).to.have.length(1);
    expect(workers.job).to.deep.equal(inThread.job);
    expect(workers.columns).to.deep.equal(inThread.columns);
    expect(workers.rows).to.deep.equal(inThread.rows);
    expect(workers.rejects).to.deep.equal(inThread.rejects);
    expect(workers.files).to.deep.equal(inThread.files);
    expect(workers.warnings).to.deep.equal(inThread.warnings);
  });

  it('JSONL from the corpus (plain and gzip, with an invalid line), json columns and bigint longs', async () => {
    const corpus = readFileSync('../shared/corpus/datasets/tstack__lnav/gharchive_log.jsonl');
    const files = {
      'data/a.jsonl': corpus,
      'data/b.jsonl.gz': gzipSync(corpus),
      'data/c.jsonl': '{"id": 9007199254740993, "type": "x", "payload": {"a": [1, 2]}}\n{not json}\n{"id": 1, "created_at": "2024-01-01T00:00:00Z"}\n',
    };
    const config = (workers: number) =>
      loadImportConfig(
        `
in:
  type: file
  path_prefix: data/
  parser:
    type: jsonl
    columns:
      - {name: id, type: long}
      - {name: type, type: string}
      - {name: payload, type: json}
      - {name: created_at, type: timestamp, format: "%Y-%m-%dT%H:%M:%SZ"}
exec: {parse_workers: ${workers}}
`,
        'load.yml',
      );
    const inThread = await importWith(config(0), files);
    const workers = await importWith(config(2), files);
    expect(inThread.job.status, JSON.stringify(inThread.job.error)).to.equal('success');
    expect(inThread.job.records).to.be.greaterThan(100);
    expect(inThread.rows.filter((r) => r.includes("\"x\"")), inThread.rows.slice(0, 3).join("\n")).to.have.length(1);
    expect(workers).to.deep.equal(inThread);
  });
});

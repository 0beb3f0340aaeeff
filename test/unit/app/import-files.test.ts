import { expect } from 'chai';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { LocalFsObjectStore } from '../../../src/adapters/local-fs/local-fs-object-store.js';
import { loadImportConfig } from '../../../src/app/config/load-config.js';
import { ImportFiles } from '../../../src/app/import-files.js';
import { ObjectStoreRegistry } from '../../../src/app/pipeline/object-store-registry.js';
import { ImportError } from '../../../src/domain/errors.js';
import type { ImportConfig } from '../../../src/domain/model/import-config.js';
import type { ConfigDiff } from '../../../src/domain/model/source-options.js';
import type { ObjectStore } from '../../../src/ports/object-store.js';
import type { TableLoad, TableStore } from '../../../src/ports/table-store.js';
import { inMemoryServices } from '../../support/in-memory-services.js';

const LOAD = `
in:
  type: file
  path_prefix: data/
  parser:
    type: csv
    skip_header_lines: 1
    columns:
      - {name: id, type: long}
      - {name: name, type: string}
      - {name: created_at, type: timestamp, format: "%Y-%m-%d %H:%M:%S"}
`;

const config = (extra = ''): ImportConfig => loadImportConfig(LOAD + extra, 'load.yml');
const ref = { database: 'db', table: 't' };

async function rowCount(store: TableStore): Promise<number> {
  return (await store.describeTable(ref))?.rowCount ?? -1;
}

describe('ImportFiles (end to end over in-memory adapters)', () => {
  it('imports files, reports the job, and returns the next config diff', async () => {
    const s = inMemoryServices();
    s.bucket.put('data/a.csv', 'id,name,created_at\n1,alice,2024-01-01 00:00:00\n2,bob,2024-01-01 00:00:01\n');
    s.bucket.put('data/b.csv.gz', gzipSync('id,name,created_at\n3,carol,2024-01-02 00:00:00\n'));
    const job = await new ImportFiles(s).run({ config: config(), ...ref, autoCreateTable: true });
    expect(job.status, JSON.stringify(job.error)).to.equal('success');
    expect(job).to.include({ files: 2, records: 3, skippedRecords: 0, timeColumn: 'id' });
    expect(job.configDiff).to.deep.equal({ in: { last_path: 'data/b.csv.gz' }, out: {} });
    const tail = await s.tables.tail(ref, 10);
    expect(tail.columns.map((c) => c.name)).to.deep.equal(['time', 'id', 'name', 'created_at']);
    expect(tail.rows.map((r) => r[2]).sort()).to.deep.equal(['alice', 'bob', 'carol']);
    expect(await s.jobs.files(job.jobId)).to.have.length(2);
  });

  it('append twice doubles the rows; replace swaps them; replace_on_new_data with nothing new leaves the table', async () => {
    const s = inMemoryServices();
    s.bucket.put('data/a.csv', 'id,name,created_at\n1,a,2024-01-01 00:00:00\n2,b,2024-01-01 00:00:00\n');
    const run = (mode: 'append' | 'replace' | 'replace_on_new_data', previousDiff?: ConfigDiff) =>
      new ImportFiles(s).run({ config: config(), ...ref, autoCreateTable: true, mode, ...(previousDiff ? { previousDiff } : {}) });
    await run('append');
    await run('append');
    expect(await rowCount(s.tables)).to.equal(4);
    await run('replace');
    expect(await rowCount(s.tables)).to.equal(2);
    const none = await run('replace_on_new_data', { in: { last_path: 'data/a.csv' }, out: {} });
    expect(none.status).to.equal('no_new_data');
    expect(await rowCount(s.tables)).to.equal(2);
  });

  it('a failure at commit leaves table and state unchanged; the rerun imports each file once', async () => {
    const base = inMemoryServices();
    let failCommit = true;
    const failing: TableStore = Object.assign(Object.create(base.tables) as TableStore, {
      beginLoad: async (r: typeof ref, mode: 'append' | 'replace'): Promise<TableLoad> => {
        const load = await base.tables.beginLoad(r, mode);
        return {
          write: (b) => load.write(b),
          abort: () => load.abort(),
          commit: async () => {
            if (failCommit) throw new Error('disk full');
            return load.commit();
          },
        };
      },
    });
    const s = { ...base, tableStore: failing };
    s.bucket.put('data/a.csv', 'id,name,created_at\n1,a,2024-01-01 00:00:00\n');
    s.bucket.put('data/b.csv', 'id,name,created_at\n2,b,2024-01-01 00:00:00\n');
    await base.tables.createDatabase('db');
    await base.tables.createTable(ref);
    const failed = await new ImportFiles(s).run({ config: config(), ...ref, stateId: 'sched' });
    expect(failed.status).to.equal('error');
    expect(failed.error?.message).to.contain('disk full');
    expect(await rowCount(base.tables)).to.equal(0);
    expect(await base.state.get('sched')).to.equal(undefined);

    failCommit = false;
    const ok = await new ImportFiles(s).run({ config: config(), ...ref, stateId: 'sched' });
    expect(ok.status).to.equal('success');
    expect(await rowCount(base.tables)).to.equal(2);
    expect((await base.state.get('sched'))?.configDiff).to.deep.equal({ in: { last_path: 'data/b.csv' }, out: {} });
    const again = await new ImportFiles(s).run({ config: config(), ...ref, stateId: 'sched' });
    expect(again.status).to.equal('no_new_data');
    expect(await rowCount(base.tables)).to.equal(2);
  });

  it('a parse failure mid-way (stop_on_invalid_record) adds nothing, even in append mode', async () => {
    const s = inMemoryServices();
    s.bucket.put('data/a.csv', 'id,name,created_at\n1,a,2024-01-01 00:00:00\n');
    s.bucket.put('data/b.csv', 'id,name,created_at\n2,b,2024-01-01 00:00:00\nnot-a-number,c,2024-01-01 00:00:00\n');
    const strict = loadImportConfig(LOAD.replace('skip_header_lines: 1', 'skip_header_lines: 1\n    stop_on_invalid_record: true'), 'load.yml');
    const job = await new ImportFiles(s).run({ config: strict, ...ref, autoCreateTable: true });
    expect(job.status).to.equal('error');
    expect(job.error?.code).to.equal('DATA_INVALID_RECORD');
    expect(job.error?.message).to.contain('data/b.csv');
    expect(await rowCount(s.tables)).to.equal(0);
  });

  it('skips bad rows, counts them, and keeps them for job:rejects', async () => {
    const s = inMemoryServices();
    s.bucket.put('data/a.csv', 'id,name,created_at\n1,a,2024-01-01 00:00:00\nx,b,2024-01-01 00:00:00\n3,c,not a time\n4,d,2024-01-01 00:00:00\n');
    const job = await new ImportFiles(s).run({ config: config(), ...ref, autoCreateTable: true });
    expect(job).to.include({ status: 'success', records: 2, skippedRecords: 2 });
    const rejects = await s.jobs.rejects(job.jobId, 10);
    expect(rejects.map((r) => [r.file, r.line])).to.deep.equal([['data/a.csv', 3], ['data/a.csv', 4]]);
    expect(rejects[0]!.raw).to.contain('x,b');
    expect(s.logs.lines.some((l) => l.message.startsWith('Skipped line data/a.csv:3'))).to.equal(true);
  });

  it('nothing matched: no_new_data, table untouched, state unchanged; on_no_files: fail makes it an error', async () => {
    const s = inMemoryServices();
    const job = await new ImportFiles(s).run({ config: config(), ...ref, autoCreateTable: true, stateId: 'x' });
    expect(job.status).to.equal('no_new_data');
    expect(await s.state.get('x')).to.equal(undefined);
    const strict = loadImportConfig(LOAD.replace('path_prefix: data/', 'path_prefix: data/\n  on_no_files: fail'), 'load.yml');
    const failed = await new ImportFiles(s).run({ config: strict, ...ref, autoCreateTable: true });
    expect(failed.error?.code).to.equal('NO_FILES');
  });

  it('a missing table without --auto-create-table is an exit-2 error saying how to create it', async () => {
    const s = inMemoryServices();
    s.bucket.put('data/a.csv', 'id,name,created_at\n1,a,2024-01-01 00:00:00\n');
    const job = await new ImportFiles(s).run({ config: config(), ...ref });
    expect(job.error?.code).to.equal('TABLE_NOT_FOUND');
    expect(job.error?.message).to.contain('--auto-create-table');
  });

  it('the same unique id returns the same job instead of running twice', async () => {
    const s = inMemoryServices();
    s.bucket.put('data/a.csv', 'id,name,created_at\n1,a,2024-01-01 00:00:00\n');
    const first = await new ImportFiles(s).run({ config: config(), ...ref, autoCreateTable: true, uniqueId: 'wf-1' });
    const second = await new ImportFiles(s).run({ config: config(), ...ref, autoCreateTable: true, uniqueId: 'wf-1' });
    expect(second.jobId).to.equal(first.jobId);
    expect(await rowCount(s.tables)).to.equal(1);
  });

  describe('time column', () => {
    const cols = (defs: string) => loadImportConfig(`in:\n  type: file\n  path_prefix: data/\n  parser:\n    type: csv\n    columns:\n${defs}`, 'load.yml');

    it('uses a column named time', async () => {
      const s = inMemoryServices();
      s.bucket.put('data/a.csv', '1700000000,x\n');
      const job = await new ImportFiles(s).run({ config: cols('      - {name: time, type: long}\n      - {name: v, type: string}\n'), ...ref, autoCreateTable: true });
      expect(job.timeColumn).to.equal('time');
      expect((await s.tables.tail(ref, 1)).rows[0]![0]).to.equal(1700000000);
    });

    it('uses the first timestamp column when there is no time column', async () => {
      const s = inMemoryServices();
      s.bucket.put('data/a.csv', 'x,2024-01-01 00:00:10\n');
      const job = await new ImportFiles(s).run({ config: cols('      - {name: v, type: string}\n      - {name: created_at, type: timestamp, format: "%Y-%m-%d %H:%M:%S"}\n'), ...ref, autoCreateTable: true });
      expect(job.timeColumn).to.equal('created_at');
      const tail = await s.tables.tail(ref, 1);
      expect(tail.rows[0]![tail.columns.findIndex((c) => c.name === 'time')]).to.equal(Date.UTC(2024, 0, 1, 0, 0, 10) / 1000);
    });

    it('uses the upload time when no column is time-like', async () => {
      const s = inMemoryServices({ now: () => new Date('2024-05-05T05:05:05Z') });
      s.bucket.put('data/a.csv', 'x\n');
      const job = await new ImportFiles(s).run({ config: cols('      - {name: v, type: string}\n'), ...ref, autoCreateTable: true });
      expect(job.timeColumn).to.equal(null);
      const tail = await s.tables.tail(ref, 1);
      expect(tail.rows[0]![tail.columns.findIndex((c) => c.name === 'time')]).to.equal(Date.UTC(2024, 4, 5, 5, 5, 5) / 1000);
    });

    it('--time-column must be long or timestamp (exit 2 naming its type)', async () => {
      const s = inMemoryServices();
      s.bucket.put('data/a.csv', 'x\n');
      const job = await new ImportFiles(s).run({ config: cols('      - {name: v, type: string}\n'), ...ref, autoCreateTable: true, timeColumn: 'v' });
      expect(job.error?.code).to.equal('CONFIG_INVALID');
      expect(job.error?.message).to.contain('"v" is string');
    });
  });
});

describe('ImportFiles: expired session tokens (the seed: retried 5 times, then error)', () => {
  async function withExpiringReads(failures: number) {
    const s = inMemoryServices();
    s.bucket.put('data/a.csv', 'id,name,created_at\n1,a,2024-01-01 00:00:00\n');
    let reads = 0;
    const expiring = Object.assign(Object.create(s.bucket) as typeof s.bucket, {
      close: async () => {},
      read(key: string) {
        reads++;
        if (reads <= failures) throw new ImportError('STORAGE_TOKEN_EXPIRED', 'the session token has expired; create new temporary credentials (aws sts get-session-token) and update session_token');
        return s.bucket.read(key);
      },
    });
    const services = { ...s, objectStores: new ObjectStoreRegistry([{ types: ['file'], open: async () => expiring }]) };
    const sleeps: number[] = [];
    const job = await new ImportFiles(services, { sleep: async (ms) => void sleeps.push(ms) }).run({ config: config(), ...ref, autoCreateTable: true });
    return { job, sleeps, s };
  }

  it('fails after 5 retries with a message saying the token expired, leaving the table empty', async () => {
    const { job, sleeps, s } = await withExpiringReads(100);
    expect(job.status).to.equal('error');
    expect(job.error?.code).to.equal('STORAGE_TOKEN_EXPIRED');
    expect(job.error?.message).to.contain('session token has expired');
    expect(job.error?.message).to.contain('failed 6 attempts');
    expect(sleeps).to.have.length(5);
    expect(await rowCount(s.tables)).to.equal(0);
  });

  it('succeeds when a retry gets valid credentials, loading each row once', async () => {
    const { job, s } = await withExpiringReads(2);
    expect(job.status).to.equal('success');
    expect(job.records).to.equal(1);
    expect(await rowCount(s.tables)).to.equal(1);
  });
});

describe('ImportFiles: out.default_timezone interprets zone-less timestamps', () => {
  const withZone = (out: string, parserZone = '') =>
    loadImportConfig(
      `in:\n  type: file\n  path_prefix: data/\n  parser:\n    type: csv\n${parserZone}    columns:\n      - {name: id, type: long}\n      - {name: at, type: timestamp, format: "%Y-%m-%d %H:%M:%S"}\n${out}`,
      'load.yml',
    );
  async function importedAt(config: ImportConfig): Promise<string> {
    const s = inMemoryServices();
    s.bucket.put('data/a.csv', '1,2024-01-01 09:00:00\n');
    const job = await new ImportFiles(s).run({ config, ...ref, autoCreateTable: true, timeColumn: 'at' });
    expect(job.status, JSON.stringify(job.error)).to.equal('success');
    const tail = await s.tables.tail(ref, 1);
    return (tail.rows[0]![tail.columns.findIndex((c) => c.name === 'at')] as Date).toISOString();
  }

  it('reads wall-clock times in out.default_timezone; a zone set in the parser wins', async () => {
    expect(await importedAt(withZone(''))).to.equal('2024-01-01T09:00:00.000Z');
    expect(await importedAt(withZone('out:\n  default_timezone: Asia/Tokyo\n'))).to.equal('2024-01-01T00:00:00.000Z');
    expect(await importedAt(withZone('out:\n  default_timezone: Asia/Tokyo\n', '    default_timezone: America/New_York\n'))).to.equal('2024-01-01T14:00:00.000Z');
  });
});

describe('ImportFiles: files in flight', () => {
  /** A store that counts how many of its reads are open at once. */
  function countingStore<T extends ObjectStore>(store: T): { store: T; peak: () => number } {
    let open = 0;
    let peak = 0;
    const counting = Object.assign(Object.create(store) as T, {
      close: async () => {},
      read: async function* (key: string, options?: Parameters<ObjectStore['read']>[1]) {
        open++;
        peak = Math.max(peak, open);
        try {
          // A turn of the event loop per chunk, as a real read gives: concurrent files would overlap here.
          for await (const chunk of store.read(key, options)) {
            await new Promise((resolve) => setImmediate(resolve));
            yield chunk;
          }
        } finally {
          open--;
        }
      },
    });
    return { store: counting, peak: () => peak };
  }

  const files = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`data/f${i}.csv`, `id,name,created_at\n${i},n${i},2024-01-01 00:00:00\n`]));

  it('local files parsed on the main thread go one at a time, whatever exec.max_threads says', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 's3-import-inflight-'));
    for (const [key, body] of Object.entries(files)) {
      mkdirSync(path.join(root, 'data'), { recursive: true });
      writeFileSync(path.join(root, key), body);
    }
    const { store, peak } = countingStore(new LocalFsObjectStore(root));
    const s = inMemoryServices();
    const services = { ...s, objectStores: new ObjectStoreRegistry([{ types: ['file'], open: async () => store }]) };
    const job = await new ImportFiles(services).run({ config: config('exec: {max_threads: 8, parse_workers: 1}\n'), ...ref, autoCreateTable: true });
    expect(job.status, JSON.stringify(job.error)).to.equal('success');
    expect(job.records).to.equal(8);
    expect(peak()).to.equal(1);
  });

  it('objects of a remote store parsed on the main thread: all read ahead, at most two read past 1 MiB at once', async () => {
    const s = inMemoryServices();
    const body = `id,name,created_at\n${'7,some name,2024-01-01 00:00:00\n'.repeat(120_000)}`;
    for (let i = 0; i < 6; i++) s.bucket.put(`data/big${i}.csv`, body);
    const pulled = new Map<string, number>();
    let open = 0;
    let peakOpen = 0;
    let peakPastLimit = 0;
    const store = Object.assign(Object.create(s.bucket) as ObjectStore, {
      close: async () => {},
      read: async function* (key: string, options?: Parameters<ObjectStore['read']>[1]) {
        open++;
        peakOpen = Math.max(peakOpen, open);
        try {
          for await (const chunk of s.bucket.read(key, options)) {
            for (let at = 0; at < chunk.length; at += 64 * 1024) {
              await new Promise((resolve) => setImmediate(resolve));
              pulled.set(key, (pulled.get(key) ?? 0) + Math.min(64 * 1024, chunk.length - at));
              const past = [...pulled.values()].filter((n) => n > (1 << 20) + 64 * 1024).length - [...pulled.entries()].filter(([, n]) => n >= body.length).length;
              peakPastLimit = Math.max(peakPastLimit, past);
              yield chunk.subarray(at, at + 64 * 1024);
            }
          }
        } finally {
          open--;
        }
      },
    });
    const services = { ...s, objectStores: new ObjectStoreRegistry([{ types: ['file'], open: async () => store }]) };
    const job = await new ImportFiles(services).run({ config: config('exec: {max_threads: 6, parse_workers: 1}\n'), ...ref, autoCreateTable: true });
    expect(job.status, JSON.stringify(job.error)).to.equal('success');
    expect(job.records).to.equal(6 * 120_000);
    expect(peakOpen, 'reads open at once').to.equal(6);
    expect(peakPastLimit, 'objects read past the read-ahead at once').to.equal(2);
  });

  it('objects of a remote store (no local paths) are read up to exec.max_threads at once', async () => {
    const s = inMemoryServices();
    for (const [key, body] of Object.entries(files)) s.bucket.put(key, body);
    const { store, peak } = countingStore(s.bucket);
    const services = { ...s, objectStores: new ObjectStoreRegistry([{ types: ['file'], open: async () => store }]) };
    const job = await new ImportFiles(services).run({ config: config('exec: {max_threads: 4, parse_workers: 1}\n'), ...ref, autoCreateTable: true });
    expect(job.records).to.equal(8);
    expect(peak()).to.equal(4);
  });
});

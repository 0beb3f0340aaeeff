import { DuckDBInstance } from '@duckdb/node-api';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { acquireInstance, DEFAULT_LOAD_THREADS } from '../../src/adapters/duckdb/duckdb-instances.js';
import { DuckDbTableStore } from '../../src/adapters/duckdb/duckdb-table-store.js';
import { batchFromRows, type Column } from '../../src/domain/model/record-batch.js';
import { codeOf } from '../support/outcomes.js';

const REF = { database: 'crash_db', table: 'events' };
const COLUMNS: Column[] = [{ name: 'time', type: 'long' }, { name: 'id', type: 'long' }];


async function seeded(path: string): Promise<DuckDbTableStore> {
  const store = await DuckDbTableStore.open(path);
  await store.createDatabase(REF.database);
  await store.createTable(REF);
  const load = await store.beginLoad(REF, 'append');
  await load.write(batchFromRows(COLUMNS, [[1, 0], [2, 1], [3, 2]]));
  await load.commit();
  return store;
}

async function ids(store: DuckDbTableStore): Promise<unknown[]> {
  return (await store.tail(REF, 1000)).rows.map((row) => row[1]);
}

describe('DuckDbTableStore specifics', function () {
  let dir: string;
  let path: string;
  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'duckdb-store-'));
    path = join(dir, 'warehouse.duckdb');
  });
  afterEach(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses invalid database and table names with a message saying what to use', async function () {
    await using store = await DuckDbTableStore.open(':memory:');
    for (const name of ['Bad Name', 'a"b', '', 'information_schema']) {
      const result = await codeOf(store.createDatabase(name));
      expect(result.code, name).to.equal('CONFIG_INVALID');
    }
    await store.createDatabase('ok_db');
    const result = await codeOf(store.createTable({ database: 'ok_db', table: 'Web-Logs' }));
    expect(result).to.deep.include({ code: 'CONFIG_INVALID' });
    expect(result.message).to.include('lowercase letters, digits and underscores');
  });

  it('refuses two incoming columns that differ only in case (DuckDB names are case-insensitive)', async function () {
    await using store = await seeded(path);
    const load = await store.beginLoad(REF, 'append');
    const result = await codeOf(load.write(batchFromRows([{ name: 'Name', type: 'string' }, { name: 'name', type: 'string' }], [['a', 'b']])));
    expect(result.code).to.equal('SCHEMA_CONFLICT');
    expect(result.message).to.include('"Name"').and.include('"name"');
    await load.abort();
  });

  it('keeps columns added by hand (ALTER TABLE) through a replace; other DuckDB types show as strings', async function () {
    await (await seeded(path)).close();
    const instance = await DuckDBInstance.create(path);
    const raw = await instance.connect();
    await raw.run(`ALTER TABLE crash_db.events ADD COLUMN "hand note" VARCHAR; ALTER TABLE crash_db.events ADD COLUMN born DATE; UPDATE crash_db.events SET "hand note" = 'by hand', born = DATE '2020-01-02'`);
    raw.closeSync();
    instance.closeSync();
    await using store = await DuckDbTableStore.open(path);
    const load = await store.beginLoad(REF, 'replace');
    await load.write(batchFromRows(COLUMNS, [[9, 90]]));
    await load.commit();
    const tail = await store.tail(REF, 10);
    expect(tail.columns).to.deep.equal([...COLUMNS, { name: 'hand note', type: 'string' }, { name: 'born', type: 'string' }]);
    expect(tail.rows).to.deep.equal([[9, 90, null, null]]);
  });

  it('loads a 250-column table (DuckDB needs more than its 64MB default for that many columns: the limit is raised)', async function () {
    this.timeout(60_000);
    await using store = await DuckDbTableStore.open(path);
    await store.createDatabase(REF.database);
    await store.createTable(REF);
    const columns: Column[] = [{ name: 'time', type: 'long' }, ...Array.from({ length: 250 }, (_, c) => ({ name: `c${c}`, type: 'string' as const }))];
    const rows = Array.from({ length: 3000 }, (_, r) => [r, ...Array.from({ length: 250 }, (_, c) => `value ${r} of column ${c}`)]);
    const load = await store.beginLoad(REF, 'append');
    await load.write(batchFromRows(columns, rows));
    expect((await load.commit()).rows).to.equal(3000);
    const tail = await store.tail(REF, 1);
    expect(tail.rows[0]![250]).to.equal('value 2999 of column 249');
  });

  it('runs DuckDB on one thread while a load is open (a second one made loads slower) and gives queries their threads back', async function () {
    await using store = await DuckDbTableStore.open(path, { threads: 3 });
    // The store shares its instance with anyone in the process who opens the same file: read the setting from there.
    const { instance, release } = await acquireInstance(path);
    const threads = async (): Promise<number> => {
      const conn = await instance.connect();
      try {
        return Number((await conn.runAndReadAll("SELECT current_setting('threads')")).getRows()[0]![0]);
      } finally {
        conn.closeSync();
      }
    };
    try {
      await store.createDatabase(REF.database);
      await store.createTable(REF);
      expect(await threads()).to.equal(3);
      const first = await store.beginLoad(REF, 'append');
      const second = await store.beginLoad(REF, 'append');
      expect(await threads()).to.equal(DEFAULT_LOAD_THREADS).and.to.equal(1);
      await first.write(batchFromRows(COLUMNS, [[1, 1]]));
      await first.commit();
      expect(await threads(), 'one load is still open').to.equal(1);
      await second.abort();
      expect(await threads()).to.equal(3);
      expect(await ids(store)).to.deep.equal([1]);
      // A store closed with a load still open abandons it, and the instance (still shared here) gets its threads back.
      await store.beginLoad(REF, 'append');
      expect(await threads()).to.equal(1);
      await store.close();
      expect(await threads()).to.equal(3);
    } finally {
      release();
    }
  });

  it("refuses a thread count that is not a whole number of at least 1, saying which setting", async function () {
    const refused = await codeOf(DuckDbTableStore.open(path, { loadThreads: 0 }));
    expect(refused.code).to.equal('CONFIG_INVALID');
    expect(refused.message).to.match(/loadThreads must be a whole number of at least 1, got 0/);
    expect((await codeOf(DuckDbTableStore.open(path, { threads: 1.5 }))).message).to.match(/threads must be a whole number of at least 1, got 1.5/);
  });

  it('json cells keep integers past 2^53 exact through the stored text and back', async function () {
    await using store = await DuckDbTableStore.open(path);
    await store.createDatabase(REF.database);
    await store.createTable(REF);
    const columns: Column[] = [{ name: 'time', type: 'long' }, { name: 'doc', type: 'json' }];
    const doc = { id: 1234567890123456789n, list: [9007199254740993n, 'x'] };
    const load = await store.beginLoad(REF, 'append');
    await load.write(batchFromRows(columns, [[1, doc]]));
    await load.commit();
    expect((await store.tail(REF, 1)).rows).to.deep.equal([[1, doc]]);
  });

  it('two stores on one file in one process share it: a reader sees committed rows only', async function () {
    await using writer = await seeded(path);
    await using reader = await DuckDbTableStore.open(path);
    const load = await writer.beginLoad(REF, 'replace');
    await load.write(batchFromRows(COLUMNS, [[7, 70], [8, 80]]));
    expect(await ids(reader)).to.deep.equal([0, 1, 2]);
    await load.commit();
    expect(await ids(reader)).to.deep.equal([70, 80]);
    await writer.close();
    expect((await reader.describeTable(REF))?.rowCount).to.equal(2);
  });

  it('a replace load killed with SIGKILL before commit leaves the old rows; the file is locked while it runs', async function () {
    this.timeout(60_000);
    await (await seeded(path)).close();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/duckdb-replace-child.ts', path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('WRITTEN')) resolve(); });
      child.on('exit', () => reject(new Error(`child exited before writing: ${stderr}`)));
    });
    const locked = await codeOf(DuckDbTableStore.open(path));
    expect(locked.code).to.equal('TABLE_STORE');
    expect(locked.message).to.include('another process');
    child.kill('SIGKILL');
    expect(await exited).to.equal('SIGKILL');
    await using store = await DuckDbTableStore.open(path);
    const description = await store.describeTable(REF);
    expect(description?.columns.map((c) => c.name)).to.deep.equal(['time', 'id']);
    expect(await ids(store)).to.deep.equal([0, 1, 2]);
  });
});


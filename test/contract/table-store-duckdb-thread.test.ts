import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { DuckDbTableStore } from '../../src/adapters/duckdb/duckdb-table-store.js';
import { ThreadedTableStore } from '../../src/adapters/duckdb/warehouse-thread.js';
import { isImportError } from '../../src/domain/errors.js';
import { batchFromRows, type Column, type Value } from '../../src/domain/model/record-batch.js';
import { codeOf } from '../support/outcomes.js';

// What the warehouse thread adds to DuckDbTableStore (the TableStore contract runs on it in table-store.test.ts):
// small batches travel packed together, writes are pipelined, and one process holds one instance per file.

const REF = { database: 'thread_db', table: 'events' };
const COLUMNS: Column[] = [{ name: 'time', type: 'long' }, { name: 'id', type: 'long' }];


const rows = (from: number, count: number): Value[][] => Array.from({ length: count }, (_, i) => [from + i, from + i]);

describe('ThreadedTableStore specifics (DuckDB in a warehouse thread)', function () {
  this.timeout(30_000);
  let dir: string;
  let path: string;
  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'duckdb-thread-'));
    path = join(dir, 'warehouse.duckdb');
  });
  afterEach(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  async function opened(): Promise<ThreadedTableStore> {
    const store = await ThreadedTableStore.open(path);
    await store.createDatabase(REF.database);
    await store.createTable(REF);
    return store;
  }

  it('1,000 small batches (a folder of small files) arrive complete and in order; large ones in between too', async function () {
    await using store = await opened();
    const load = await store.beginLoad(REF, 'append');
    let next = 0;
    for (let b = 0; b < 1000; b++) {
      const size = b % 100 === 50 ? 5000 : 3;
      await load.write(batchFromRows(COLUMNS, rows(next, size)));
      next += size;
    }
    expect((await load.commit()).rows).to.equal(next);
    const tail = await store.tail(REF, next);
    expect(tail.rows.map((row) => row[1])).to.deep.equal(Array.from({ length: next }, (_, i) => i));
  });

  it('a write that fails in the thread after write() resolved fails the load; abort() after it is harmless; nothing lands', async function () {
    // A NOT NULL column made by hand: only DuckDB knows, so the failure shows in the thread, not while packing.
    const instance = await DuckDBInstance.create(path);
    const raw = await instance.connect();
    await raw.run(`CREATE SCHEMA ${REF.database}; CREATE TABLE ${REF.database}.${REF.table} ("time" BIGINT, id BIGINT NOT NULL)`);
    raw.closeSync();
    instance.closeSync();
    await using store = await ThreadedTableStore.open(path);
    const load = await store.beginLoad(REF, 'append');
    await load.write(batchFromRows(COLUMNS, rows(0, 3)));
    let failure: unknown;
    for (let b = 1; b <= 40 && failure === undefined; b++) {
      const batch = rows(b * 5000, 5000);
      if (b === 10) batch[17]![1] = null;
      failure = await load.write(batchFromRows(COLUMNS, batch)).then(() => undefined, (e: unknown) => e);
    }
    failure ??= await load.commit().then(() => undefined, (e: unknown) => e);
    expect(isImportError(failure) && failure.code, String(failure)).to.equal('TABLE_STORE');
    expect(String((failure as Error).message)).to.match(/NOT NULL/i);
    await load.abort();
    expect(await codeOf(load.commit())).to.deep.include({ code: 'TABLE_STORE' });
    expect((await store.describeTable(REF))?.rowCount).to.equal(0);
  });

  it('a cell that breaks the Value contract fails that write() with TABLE_STORE, also inside a gathered small batch', async function () {
    await using store = await opened();
    const load = await store.beginLoad(REF, 'append');
    await load.write(batchFromRows(COLUMNS, rows(0, 3)));
    const result = await codeOf(load.write(batchFromRows(COLUMNS, [[1, 'not a long']])));
    expect(result.code).to.equal('TABLE_STORE');
    expect(result.message).to.include('"id"');
    await load.abort();
    expect((await store.describeTable(REF))?.rowCount).to.equal(0);
  });

  it('stores opened on one file share its thread; a second DuckDB instance on that file is refused in this process', async function () {
    await using first = await opened();
    await using second = await ThreadedTableStore.open(path);
    const load = await first.beginLoad(REF, 'append');
    await load.write(batchFromRows(COLUMNS, rows(0, 2)));
    expect((await second.describeTable(REF))?.rowCount).to.equal(0);
    await load.commit();
    expect((await second.describeTable(REF))?.rowCount).to.equal(2);
    const inThread = await codeOf(DuckDbTableStore.open(path));
    expect(inThread.code).to.equal('TABLE_STORE');
    expect(inThread.message).to.include('warehouse thread');
    await first.close();
    expect((await second.tail(REF, 5)).rows).to.deep.equal([[0, 0], [1, 1]]);
  });

  it('after the last store closes, the file can be opened again (the thread ended and released it)', async function () {
    const store = await opened();
    await store.close();
    expect(await codeOf(store.listDatabases())).to.deep.include({ code: 'TABLE_STORE' });
    await using again = await DuckDbTableStore.open(path);
    expect(await again.listDatabases()).to.include(REF.database);
  });

  it('a thread that dies mid-load fails the load with TABLE_STORE; the table is unchanged and the file opens again', async function () {
    const seeded = await opened();
    const first = await seeded.beginLoad(REF, 'append');
    await first.write(batchFromRows(COLUMNS, rows(0, 3)));
    await first.commit();
    await seeded.close();

    const store = await ThreadedTableStore.open(path, { exitAfterWrites: 5 });
    const load = await store.beginLoad(REF, 'replace');
    let failure: unknown;
    for (let b = 0; b < 20 && failure === undefined; b++) failure = await load.write(batchFromRows(COLUMNS, rows(100 + b * 5000, 5000))).then(() => undefined, (e: unknown) => e);
    failure ??= await load.commit().then(() => undefined, (e: unknown) => e);
    expect(isImportError(failure) && failure.code, String(failure)).to.equal('TABLE_STORE');
    expect((failure as Error).message).to.include('exited (code 70)').and.include('run the import again');
    await load.abort();
    expect(await codeOf(store.listTables())).to.deep.include({ code: 'TABLE_STORE' });
    await store.close();

    await using again = await ThreadedTableStore.open(path);
    expect((await again.tail(REF, 10)).rows).to.deep.equal([[0, 0], [1, 1], [2, 2]]);
  });

  it('a file DuckDB cannot open fails open() with TABLE_STORE and the reason', async function () {
    const result = await codeOf(ThreadedTableStore.open(join(dir, 'no-such-folder', 'warehouse.duckdb')));
    expect(result.code).to.equal('TABLE_STORE');
    expect(result.message).to.include('no-such-folder');
  });
});

import { expect } from 'chai';
import { isImportError } from '../domain/errors.js';
import { batchFromRows, type Column, type RecordBatch, type Value } from '../domain/model/record-batch.js';
import type { TableRef, TableStore } from '../ports/table-store.js';

/** What a contract run needs: a fresh, empty store and a way to dispose of it. */
export interface TableStoreFixture {
  readonly store: TableStore;
  cleanup(): Promise<void>;
}

const REF: TableRef = { database: 'contract_db', table: 'events' };
const TIME_ID: Column[] = [{ name: 'time', type: 'long' }, { name: 'id', type: 'long' }];

function rowsOf(from: number, count: number): RecordBatch {
  return batchFromRows(TIME_ID, Array.from({ length: count }, (_, i) => [1_700_000_000 + from + i, from + i]));
}

async function expectCode(promise: Promise<unknown>, code: string, ...mentions: string[]): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(isImportError(caught), `expected ImportError ${code}, got ${String(caught)}`).to.equal(true);
  if (!isImportError(caught)) return;
  expect(caught.code).to.equal(code);
  for (const text of mentions) expect(caught.message).to.include(text);
}

async function ids(store: TableStore, ref: TableRef = REF): Promise<Value[]> {
  const tail = await store.tail(ref, 1_000_000);
  const index = tail.columns.findIndex((c) => c.name === 'id');
  return tail.rows.map((row) => row[index] ?? null);
}

async function load(store: TableStore, mode: 'append' | 'replace', ...batches: RecordBatch[]): Promise<number> {
  const handle = await store.beginLoad(REF, mode);
  for (const batch of batches) await handle.write(batch);
  return (await handle.commit()).rows;
}

/**
 * The TableStore contract: run it against every adapter (ours and a host's). `makeFixture` returns a fresh,
 * empty store per test. Tests that need a capability the store does not declare are skipped with the reason.
 */
export function describeTableStoreContract(name: string, makeFixture: () => Promise<TableStoreFixture>): void {
  describe(`TableStore contract: ${name}`, function () {
    let fixture: TableStoreFixture;
    let store: TableStore;

    beforeEach(async function () {
      fixture = await makeFixture();
      store = fixture.store;
      await store.createDatabase(REF.database);
      await store.createTable(REF);
    });
    afterEach(async function () {
      await fixture.cleanup();
    });

    describe('databases and tables', function () {
      it('creates, lists and deletes databases; a deleted database takes its tables with it', async function () {
        await store.createDatabase('other_db');
        expect(await store.listDatabases()).to.include.members(['contract_db', 'other_db']);
        await expectCode(store.createDatabase('other_db'), 'ALREADY_EXISTS', 'other_db');
        await store.createDatabase('other_db', { ifNotExists: true });
        await store.createTable({ database: 'other_db', table: 't1' });
        await store.deleteDatabase('other_db');
        expect(await store.listDatabases()).not.to.include('other_db');
        expect(await store.listTables('other_db')).to.deep.equal([]);
        await expectCode(store.deleteDatabase('other_db'), 'NOT_FOUND', 'other_db');
      });

      it('a new table has only its time column (long) and no rows', async function () {
        const description = await store.describeTable(REF);
        expect(description).to.deep.include({ database: REF.database, table: REF.table, rowCount: 0 });
        expect(description?.columns).to.deep.equal([{ name: 'time', type: 'long' }]);
      });

      it('lists tables per database, refuses duplicates and deletes tables', async function () {
        await store.createTable({ database: REF.database, table: 'second' });
        expect(await store.listTables(REF.database)).to.deep.equal([{ ...REF, table: 'events' }, { ...REF, table: 'second' }]);
        expect(await store.listTables()).to.deep.include(REF);
        await expectCode(store.createTable(REF), 'ALREADY_EXISTS', REF.table);
        await store.createTable(REF, { ifNotExists: true });
        await store.deleteTable({ database: REF.database, table: 'second' });
        expect(await store.describeTable({ database: REF.database, table: 'second' })).to.equal(undefined);
        await expectCode(store.deleteTable({ database: REF.database, table: 'second' }), 'TABLE_NOT_FOUND', 'second');
      });

      it('reports a missing database or table with the right code', async function () {
        await expectCode(store.createTable({ database: 'no_such_db', table: 't' }), 'NOT_FOUND', 'no_such_db');
        const missing = { database: REF.database, table: 'missing' };
        await expectCode(store.beginLoad(missing, 'append'), 'TABLE_NOT_FOUND', 'missing');
        await expectCode(store.tail(missing, 5), 'TABLE_NOT_FOUND', 'missing');
      });
    });

    describe('loads', function () {
      it('append twice doubles the rows; batches larger than a DuckDB vector (2048) work', async function () {
        expect(await load(store, 'append', rowsOf(0, 5000))).to.equal(5000);
        expect(await load(store, 'append', rowsOf(5000, 5000))).to.equal(5000);
        expect((await store.describeTable(REF))?.rowCount).to.equal(10_000);
        const all = await ids(store);
        expect(all.slice(0, 3)).to.deep.equal([0, 1, 2]);
        expect(all.at(-1)).to.equal(9999);
      });

      it('nothing written is visible before commit', async function () {
        await load(store, 'append', rowsOf(0, 3));
        const handle = await store.beginLoad(REF, 'append');
        await handle.write(rowsOf(3, 3000));
        expect((await store.describeTable(REF))?.rowCount).to.equal(3);
        expect(await ids(store)).to.deep.equal([0, 1, 2]);
        await handle.commit();
        expect((await store.describeTable(REF))?.rowCount).to.equal(3003);
      });

      it('replace is atomic: a reader during the load sees the old rows until commit, then only the new', async function () {
        if (!store.capabilities.atomicReplace || !store.capabilities.concurrentReaders) {
          console.log(`      skipped: ${name} does not declare atomicReplace and concurrentReaders`);
          this.skip();
        }
        await load(store, 'append', rowsOf(0, 4));
        const handle = await store.beginLoad(REF, 'replace');
        await handle.write(rowsOf(100, 2500));
        expect(await ids(store)).to.deep.equal([0, 1, 2, 3]);
        await handle.write(rowsOf(2600, 10));
        expect(await ids(store)).to.deep.equal([0, 1, 2, 3]);
        expect((await handle.commit()).rows).to.equal(2510);
        const after = await ids(store);
        expect(after).to.have.length(2510);
        expect(after[0]).to.equal(100);
      });

      it('a replace with no rows empties the table', async function () {
        await load(store, 'append', rowsOf(0, 4));
        expect(await load(store, 'replace')).to.equal(0);
        expect((await store.describeTable(REF))?.rowCount).to.equal(0);
      });

      for (const mode of ['append', 'replace'] as const) {
        it(`an aborted ${mode} load leaves the table exactly as before`, async function () {
          await load(store, 'append', rowsOf(0, 3));
          const handle = await store.beginLoad(REF, mode);
          await handle.write(rowsOf(10, 3000));
          await handle.write(batchFromRows([{ name: 'extra', type: 'string' }], [['x']]));
          await handle.abort();
          const description = await store.describeTable(REF);
          expect(description?.rowCount).to.equal(3);
          expect(description?.columns.map((c) => c.name)).to.deep.equal(['time', 'id']);
          expect(await ids(store)).to.deep.equal([0, 1, 2]);
          await expectCode(handle.commit(), 'TABLE_STORE');
        });

        it(`a ${mode} load that fails mid-way (type conflict) and is aborted leaves the table unchanged`, async function () {
          await load(store, 'append', rowsOf(0, 3));
          const handle = await store.beginLoad(REF, mode);
          await handle.write(rowsOf(10, 5));
          await expectCode(handle.write(batchFromRows([{ name: 'id', type: 'string' }], [['oops']])), 'SCHEMA_CONFLICT');
          await handle.abort();
          expect(await ids(store)).to.deep.equal([0, 1, 2]);
        });
      }
    });

    describe('schema', function () {
      it('adds new columns at commit and reports them; older rows read NULL there', async function () {
        await load(store, 'append', rowsOf(0, 2));
        const wide: Column[] = [...TIME_ID, { name: 'name', type: 'string' }];
        const handle = await store.beginLoad(REF, 'append');
        await handle.write(batchFromRows(wide, [[1, 2, 'two']]));
        expect((await store.describeTable(REF))?.columns).to.have.length(2);
        const report = await handle.commit();
        expect(report.addedColumns).to.deep.equal([{ name: 'name', type: 'string' }]);
        expect((await store.describeTable(REF))?.columns).to.deep.equal(wide);
        const tail = await store.tail(REF, 10);
        expect(tail.rows.map((row) => row[2])).to.deep.equal([null, null, 'two']);
      });

      it('a type conflict fails with SCHEMA_CONFLICT naming the column and both types', async function () {
        await load(store, 'append', rowsOf(0, 1));
        const handle = await store.beginLoad(REF, 'append');
        await expectCode(handle.write(batchFromRows([{ name: 'id', type: 'double' }], [[1.5]])), 'SCHEMA_CONFLICT', '"id"', 'long', 'double');
        await handle.abort();
      });

      it('a load that meets a conflicting column added meanwhile fails, names the problem, and changes nothing', async function () {
        const first = await store.beginLoad(REF, 'append');
        const second = await store.beginLoad(REF, 'replace');
        await first.write(batchFromRows([...TIME_ID, { name: 'x', type: 'string' }], [[1, 1, 'a']]));
        // A store may refuse the second load as soon as it writes (a write-write conflict on the table) or at its
        // commit (the column now exists with another type): either way it fails and the first load's rows stand.
        const atWrite = await second.write(batchFromRows([...TIME_ID, { name: 'x', type: 'long' }], [[2, 2, 5]])).then(() => undefined, (e: unknown) => e);
        await first.commit();
        const failure = atWrite ?? (await second.commit().then(() => undefined, (e: unknown) => e));
        // The caller's cleanup after a failed write or a failed commit: harmless either way.
        await second.abort();
        expect(isImportError(failure), String(failure)).to.equal(true);
        if (isImportError(failure)) {
          if (failure.code === 'SCHEMA_CONFLICT') expect(failure.message).to.include('"x"').and.include('string').and.include('long');
          else expect([failure.code, failure.retryable, failure.message.includes('run the import again')]).to.deep.equal(['TABLE_STORE', true, true]);
        }
        expect(await ids(store)).to.deep.equal([1]);
        expect((await store.describeTable(REF))?.columns.map((c) => c.type)).to.deep.equal(['long', 'long', 'string']);
      });

      it('a column the replace load does not bring survives the replace', async function () {
        await load(store, 'append', batchFromRows([...TIME_ID, { name: 'note', type: 'string' }], [[1, 1, 'kept column']]));
        await load(store, 'replace', rowsOf(50, 2));
        const description = await store.describeTable(REF);
        expect(description?.columns.map((c) => c.name)).to.deep.equal(['time', 'id', 'note']);
        expect((await store.tail(REF, 5)).rows).to.deep.equal([[1_700_000_050, 50, null], [1_700_000_051, 51, null]]);
      });
    });

    describe('values', function () {
      const COLUMNS: Column[] = [
        { name: 'time', type: 'long' }, { name: 'flag', type: 'boolean' }, { name: 'big', type: 'long' },
        { name: 'ratio', type: 'double' }, { name: 'my "odd" name', type: 'string' }, { name: 'at', type: 'timestamp' },
        { name: 'doc', type: 'json' }, { name: '名前', type: 'string' },
      ];
      const ROWS: Value[][] = [
        [1, true, 9007199254740993n, 0.1, 'quote " and \' and , and\nnewline', new Date('2024-02-29T23:59:59.123Z'), { a: [1, 'x', null], b: { c: true } }, 'こんにちは 😀'],
        [2, false, -9223372036854775808n, -1e300, '', new Date('1969-12-31T23:59:59.999Z'), [1, 2], ''],
        [3, null, null, null, null, null, null, null],
        [4, true, 9007199254740991, 12.5, 'plain', new Date(0), 'a json string', 'x'],
      ];

      it('every type round-trips, typed per the Value contract (bigint beyond 2^53, NULLs, unicode, ms Dates)', async function () {
        await load(store, 'append', batchFromRows(COLUMNS, ROWS));
        const tail = await store.tail(REF, 10);
        expect(tail.columns).to.deep.equal(COLUMNS);
        expect(tail.rows).to.deep.equal(ROWS);
        expect(typeof tail.rows[3]![2]).to.equal('number');
        expect(typeof tail.rows[0]![2]).to.equal('bigint');
      });

      it('tail returns the last N rows in insertion order (newest last)', async function () {
        await load(store, 'append', rowsOf(0, 3000));
        await load(store, 'append', rowsOf(3000, 5));
        const tail = await store.tail(REF, 4);
        expect(tail.rows.map((row) => row[1])).to.deep.equal([3001, 3002, 3003, 3004]);
        expect((await store.tail(REF, 0)).rows).to.deep.equal([]);
      });
    });
  });
}

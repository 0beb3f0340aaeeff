import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbTableStore } from '../../src/adapters/duckdb/duckdb-table-store.js';
import { ThreadedTableStore } from '../../src/adapters/duckdb/warehouse-thread.js';
import { InMemoryTableStore } from '../../src/adapters/in-memory/in-memory-table-store.js';
import { describeTableStoreContract } from '../../src/testing/table-store-contract.js';

describeTableStoreContract('InMemoryTableStore', async () => {
  const store = new InMemoryTableStore();
  return { store, cleanup: () => store.close() };
});

describeTableStoreContract('DuckDbTableStore (file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'duckdb-contract-'));
  const store = await DuckDbTableStore.open(join(dir, 'warehouse.duckdb'));
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeTableStoreContract('ThreadedTableStore (DuckDB file in a warehouse thread)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'duckdb-thread-contract-'));
  const store = await ThreadedTableStore.open(join(dir, 'warehouse.duckdb'));
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

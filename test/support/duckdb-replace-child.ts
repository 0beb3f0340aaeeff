// Child process for the kill -9 test: starts a replace load into the warehouse given as argv[2], writes
// batches (with a new column), says WRITTEN, and waits to be killed before it can commit.
import { DuckDbTableStore } from '../../src/adapters/duckdb/duckdb-table-store.js';
import { batchFromRows } from '../../src/domain/model/record-batch.js';

const store = await DuckDbTableStore.open(process.argv[2]!);
const load = await store.beginLoad({ database: 'crash_db', table: 'events' }, 'replace');
const columns = [{ name: 'time', type: 'long' }, { name: 'id', type: 'long' }, { name: 'extra', type: 'string' }] as const;
for (let b = 0; b < 20; b++) {
  const rows = Array.from({ length: 4096 }, (_, i) => [b * 4096 + i, 1000 + b * 4096 + i, 'staged']);
  await load.write(batchFromRows(columns, rows));
}
process.stdout.write('WRITTEN\n');
setInterval(() => undefined, 1000);

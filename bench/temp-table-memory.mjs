// Reproduction: a DuckDB TEMP table (as the import's staging table) stays in RAM until memory_limit (default 80%
// of RAM), so an import's peak RSS grows with the file. Run: node bench/temp-table-memory.mjs <csv> [memory_limit]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import console from 'node:console';
import { DuckDBInstance } from '@duckdb/node-api';

const [csv, limit] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 's3-import-temp-mem-'));
const instance = await DuckDBInstance.create(join(dir, 'w.duckdb'));
const conn = await instance.connect();
if (limit) await conn.run(`SET memory_limit = '${limit.replaceAll("'", '')}'`);
await conn.run(`CREATE TEMP TABLE staging AS SELECT * FROM read_csv('${csv.replaceAll("'", "''")}')`);
await conn.run('CREATE TABLE target AS SELECT * FROM staging');
const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1];
const setting = (await conn.runAndReadAll("SELECT current_setting('memory_limit') AS m")).getRowObjects()[0].m;
console.log(`memory_limit=${setting}: peak RSS ${Math.round(Number(hwm) / 1024)} MB`);
conn.closeSync();
instance.closeSync();
rmSync(dir, { recursive: true, force: true });

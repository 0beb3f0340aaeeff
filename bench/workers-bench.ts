/*
 * Parse workers: 400 small CSV files (~250 KB each) and one big file from a local folder, imported with
 * exec.parse_workers 1 (in-thread) and 2, into a table store that counts rows (so the table store's own cost
 * does not hide the parser's); with --duckdb into an in-memory DuckDB table instead.
 * Run: npx tsx bench/workers-bench.ts [smallFiles=400] [bigMegabytes=200] [--duckdb] [--only=small|big]
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LocalFsObjectStoreFactory } from '../src/adapters/local-fs/local-fs-object-store-factory.js';
import { DuckDbTableStore } from '../src/adapters/duckdb/duckdb-table-store.js';
import { InMemoryTableStore } from '../src/adapters/in-memory/in-memory-table-store.js';
import { loadImportConfig } from '../src/app/config/load-config.js';
import { ImportFiles } from '../src/app/import-files.js';
import { ObjectStoreRegistry } from '../src/app/pipeline/object-store-registry.js';
import type { TableStore } from '../src/ports/table-store.js';
import { inMemoryServices } from '../test/support/in-memory-services.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const smallFiles = Number(args[0] ?? 400);
const bigMegabytes = Number(args[1] ?? 200);
const useDuckDb = process.argv.includes('--duckdb');
const root = join(tmpdir(), 's3-import-workers-bench');

function csv(bytes: number, seed: number): string {
  const lines = ['id,name,price,qty,active,created_at,note,score'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const note = i % 10 === 0 ? '"said ""hi"", then left"' : `note ${i % 977}`;
    const line = `${seed * 10_000_000 + i},name_${(i * 7919) % 1_000_003},${((i * 31) % 100_000) / 100},${i % 500},${i % 2 === 0},2024-03-${String(1 + (i % 28)).padStart(2, '0')} 12:${String(i % 60).padStart(2, '0')}:00,${note},${(i % 10_000) / 1000}`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

function prepare(): void {
  mkdirSync(join(root, 'small'), { recursive: true });
  mkdirSync(join(root, 'big'), { recursive: true });
  for (let i = 0; i < smallFiles; i++) {
    const path = join(root, 'small', `part-${String(i).padStart(4, '0')}.csv`);
    if (!existsSync(path)) writeFileSync(path, csv(250_000, i));
  }
  const big = join(root, 'big', `big-${bigMegabytes}mb.csv`);
  if (!existsSync(big) || statSync(big).size < bigMegabytes * 1_000_000) {
    const chunk = csv(10_000_000, 1);
    writeFileSync(big, chunk.repeat(Math.ceil(bigMegabytes / 10)));
  }
}

/** CPU seconds of the main thread alone (Linux /proc; the process total includes workers, zlib and GC threads). */
function mainThreadCpu(): number {
  const path = `/proc/self/task/${process.pid}/stat`;
  if (!existsSync(path)) return Number.NaN;
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Counts rows and drops them: the bench measures reading + parsing, not a table store. */
function countingStore(): TableStore {
  const inner = new InMemoryTableStore();
  return Object.assign(Object.create(inner) as TableStore, {
    beginLoad: async (...a: Parameters<TableStore['beginLoad']>) => {
      const load = await inner.beginLoad(...a);
      return { write: async () => {}, commit: () => load.commit(), abort: () => load.abort() };
    },
  });
}

async function run(prefix: string, workers: number): Promise<void> {
  const config = loadImportConfig(
    `in:
  type: file
  path_prefix: ${join(root, prefix)}/
  parser:
    type: csv
    skip_header_lines: 1
    columns:
      - {name: id, type: long}
      - {name: name, type: string}
      - {name: price, type: double}
      - {name: qty, type: long}
      - {name: active, type: boolean}
      - {name: created_at, type: timestamp, format: "%Y-%m-%d %H:%M:%S"}
      - {name: note, type: string}
      - {name: score, type: double}
exec: {parse_workers: ${workers}}
`,
    'load.yml',
  );
  const tableStore = useDuckDb ? await DuckDbTableStore.open(':memory:') : countingStore();
  const services = { ...inMemoryServices({ tableStore }), objectStores: new ObjectStoreRegistry([new LocalFsObjectStoreFactory(root)]) };
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpu();
  const t0 = performance.now();
  const job = await new ImportFiles(services).run({ config, database: 'bench', table: `t_${prefix}_${workers}`, autoCreateTable: true });
  const seconds = (performance.now() - t0) / 1000;
  const elu = performance.eventLoopUtilization(elu0);
  const cpu = process.cpuUsage(cpu0);
  const mainCpu = mainThreadCpu() - main0;
  if (job.status !== 'success') throw new Error(JSON.stringify(job.error));
  const mb = job.bytes / 1e6;
  console.log(
    `${prefix.padEnd(5)} workers=${workers} files=${job.files} rows=${job.records} ${seconds.toFixed(2)} s ` +
      `${Math.round(job.records / seconds).toLocaleString('en')} rows/s ${(mb / seconds).toFixed(1)} MB/s main loop busy ${(elu.utilization * 100).toFixed(0)}% ` +
      `CPU: process ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, main thread ${mainCpu.toFixed(2)} s`,
  );
  await tableStore.close();
}

prepare();
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
for (const prefix of ['small', 'big']) {
  if (only !== undefined && only !== prefix) continue;
  for (const workers of [1, 2]) await run(prefix, workers);
}

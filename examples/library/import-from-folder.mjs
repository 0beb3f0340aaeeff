// Run: npm run build && node examples/library/import-from-folder.mjs
// A host application importing the bundled sample data with the library API (no CLI, no DI knowledge).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createS3Import, loadImportConfig } from '../../dist/index.js';

const config = loadImportConfig(
  `
in:
  type: file
  path_prefix: examples/data/events-
  parser:
    type: csv
    skip_header_lines: 1
    columns:
      - {name: id, type: long}
      - {name: user, type: string}
      - {name: page, type: string}
      - {name: status, type: long}
      - {name: duration_ms, type: long}
      - {name: created_at, type: timestamp, format: "%Y-%m-%d %H:%M:%S"}
out: {mode: append, time_column: created_at}
`,
  'inline',
);

const app = await createS3Import({ home: mkdtempSync(path.join(tmpdir(), 's3-import-lib-')) });
try {
  const preview = await app.preview({ config, rows: 3 });
  console.log('preview columns:', preview.columns.map((c) => `${c.name}:${c.type}`).join(', '));
  const job = await app.import({ config, database: 'demo', table: 'events', autoCreateTable: true, uniqueId: 'example-run-1' });
  console.log(`job ${job.jobId}: ${job.status}, ${job.records} records from ${job.files} files; next state ${JSON.stringify(job.configDiff)}`);
  const again = await app.import({ config, database: 'demo', table: 'events', autoCreateTable: true, uniqueId: 'example-run-1' });
  console.log(`same unique id -> same job: ${again.jobId === job.jobId}`);
  const tail = await app.warehouse.tail({ database: 'demo', table: 'events' }, 2);
  console.log('last rows:', tail.rows);
} finally {
  await app.close();
}

// The README's first command: import the bundled sample data into the embedded DuckDB warehouse and show it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const home = path.join(root, '.s3-import-demo');
rmSync(home, { recursive: true, force: true });
mkdirSync(home, { recursive: true });

function cli(...args) {
  console.log(`\n$ s3-import ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [path.join(root, 'bin/s3-import.js'), '--home', home, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const load = path.relative(root, path.join(home, 'load.yml'));
cli('guess', 'examples/seed.yml', '-o', load);
cli('preview', load, '-n', '5', '--time-column', 'created_at');
cli('issue', load, '--database', 'demo', '--table', 'events', '--time-column', 'created_at', '--auto-create-table');
cli('table:tail', 'demo', 'events', '-n', '8');
console.log(`\nThe warehouse is ${path.relative(root, path.join(home, 'warehouse.duckdb'))}; explore it with \`node bin/s3-import.js --home .s3-import-demo table:show demo events\`.`);

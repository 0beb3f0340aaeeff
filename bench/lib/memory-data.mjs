// Data for bench/memory.mjs: one large CSV (streamed to disk) and a folder of many small CSV files.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HEADER, writeRowsUntil } from './generate.mjs';

const ROWS_PER_SMALL_FILE = 20;

/** Generates (or reuses, when the plan matches) bench/data/memory; returns paths and row counts. */
export async function ensureRows(dir, { sizeGb, fileCount }) {
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const have = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (have.sizeGb === sizeGb && have.fileCount === fileCount) return have;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'large'), { recursive: true });
  mkdirSync(join(dir, 'small'), { recursive: true });
  const largePath = join(dir, 'large/big.csv');
  const { rows } = await writeRowsUntil(largePath, { maxBytes: sizeGb * 1e9 });
  // Small files are written whole: 20 rows each, one synchronous write per file keeps 50,000 files quick.
  for (let f = 0; f < fileCount; f++) {
    let text = HEADER;
    for (let r = 0; r < ROWS_PER_SMALL_FILE; r++) {
      const id = f * ROWS_PER_SMALL_FILE + r;
      text += `${id},name_${id % 9973},${(id % 1000) / 4},${id % 500},${id % 2 === 0},2024-03-${String(1 + (id % 28)).padStart(2, '0')} 12:00:00,note ${id % 977},${(id % 97) / 10}\n`;
    }
    writeFileSync(join(dir, 'small', `part-${String(f).padStart(6, '0')}.csv`), text);
  }
  const manifest = { sizeGb, fileCount, large: { path: largePath, rows }, small: { path: join(dir, 'small'), rows: fileCount * ROWS_PER_SMALL_FILE } };
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return manifest;
}

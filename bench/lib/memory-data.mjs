// Data for bench/memory.mjs: one large CSV (streamed to disk) and a folder of many small CSV files.
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
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

export const WIDE_COLUMNS = 80;

/**
 * A wide CSV: 80 string columns of ~27 characters, `rows` rows (150,000: ~275 MB), streamed to `dir`/wide.csv
 * (reused when present). Memory per row is what this one measures: DuckDB holds a load's rows per column.
 */
export async function ensureWide(dir, rows = 150_000) {
  const path = join(dir, 'wide.csv');
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath) && JSON.parse(readFileSync(manifestPath, 'utf8')).rows === rows) return { path, rows };
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(path);
  out.write(Array.from({ length: WIDE_COLUMNS }, (_, c) => `c${c}`).join(',') + '\n');
  let text = '';
  for (let r = 0; r < rows; r++) {
    const cells = [];
    for (let c = 0; c < WIDE_COLUMNS; c++) cells.push(`v${((r * 7919 + c * 104729) % 1000003).toString(36)}xxxxxxxxxxxxxxxxx`);
    text += cells.join(',') + '\n';
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
  writeFileSync(manifestPath, JSON.stringify({ rows }));
  return { path, rows };
}

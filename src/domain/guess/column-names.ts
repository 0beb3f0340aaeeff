import type { ColumnSpec } from '../model/parser-options.js';

/**
 * Column names the way TD's guess writes them: header cells trimmed, case kept. We go further and make the
 * names usable as a schema: an empty cell becomes `c<index>` and a repeated name gets `_2`, `_3`... so that
 * no two columns collide in the table.
 */
export function normalizeColumnNames(raw: readonly string[]): string[] {
  const used = new Set<string>();
  return raw.map((cell, index) => {
    const base = cell.trim() === '' ? `c${index}` : cell.trim();
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  });
}

/** Names for a file without a header: c0, c1, ... as in the reference. */
export function positionalColumnNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `c${i}`);
}

/**
 * `time` is the table's partitioning column and must be long or timestamp, so a guessed `time` of another type
 * (W3C and CloudFront logs have a time-of-day `time` field) would make the written load.yml fail at `issue`.
 * Such a column is renamed `time_` (then `time__`...), as TD renames a clashing `time` column.
 */
export function renameNonTimeTimeColumn(columns: readonly ColumnSpec[], explain: string[]): ColumnSpec[] {
  const index = columns.findIndex((c) => c.name === 'time' && c.type !== 'long' && c.type !== 'timestamp');
  if (index < 0) return [...columns];
  const used = new Set(columns.map((c) => c.name));
  let name = 'time_';
  while (used.has(name)) name += '_';
  explain.push(`column time: renamed ${name} (it is ${columns[index]!.type}; the column named time must be long or timestamp)`);
  return columns.map((c, i) => (i === index ? { ...c, name } : c));
}

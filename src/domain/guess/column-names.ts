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

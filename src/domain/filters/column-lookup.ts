import { configError } from '../errors.js';
import type { Column } from '../model/record-batch.js';

/** Index of the input column named `name`; a config error naming `key` and the available columns otherwise. */
export function requireColumn(columns: readonly Column[], name: string, key: string, hint = ''): number {
  const index = columns.findIndex((c) => c.name === name);
  if (index < 0) {
    const known = columns.map((c) => c.name).join(', ');
    throw configError(key, `column '${name}' does not exist here; the columns at this filter are: ${known || '(none)'}${hint}`);
  }
  return index;
}

/** Rejects an output schema with a repeated name: a table cannot hold two columns of one name. */
export function assertUniqueNames(columns: readonly Column[], key: string): void {
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) {
      throw configError(key, `the output would have two columns named '${column.name}'; rename one of them`);
    }
    seen.add(column.name);
  }
}

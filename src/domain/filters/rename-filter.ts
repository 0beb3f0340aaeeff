import { configError } from '../errors.js';
import type { Column, RecordBatch } from '../model/record-batch.js';
import { assertUniqueNames, requireColumn } from './column-lookup.js';
import type { RenameFilterSpec } from './filter-specs.js';
import type { RecordFilter } from './record-filter.js';
import { compileRenameRule } from './rename-rules.js';

/**
 * embulk-filter-rename: the `columns` map first, then `rules` top-down. Only names change: batches pass
 * through with the new column list and the same vectors.
 */
export function createRenameFilter(spec: RenameFilterSpec, input: readonly Column[], key: string): RecordFilter {
  let names = input.map((c) => c.name);
  for (const [from, to] of Object.entries(spec.columns ?? {})) {
    const index = requireColumn(input, from, `${key}.columns.${from}`);
    if (to === '') throw configError(`${key}.columns.${from}`, 'the new name must not be empty');
    names[index] = to;
  }
  (spec.rules ?? []).forEach((rule, j) => {
    names = compileRenameRule(rule, `${key}.rules[${j}]`)(names);
  });
  const columns = input.map((c, i) => ({ name: names[i]!, type: c.type }));
  const empty = columns.find((c) => c.name === '');
  if (empty) throw configError(`${key}.rules`, 'the rules turn a column name into an empty string; adjust them');
  assertUniqueNames(columns, key);
  return { columns, apply: (batch: RecordBatch): RecordBatch => ({ columns, vectors: batch.vectors, length: batch.length }) };
}

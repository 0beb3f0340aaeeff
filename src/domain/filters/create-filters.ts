import { configError } from '../errors.js';
import type { FilterSpec } from '../model/import-config.js';
import type { Column } from '../model/record-batch.js';
import { createAddTimeFilter } from './add-time-filter.js';
import { createColumnFilter } from './column-filter.js';
import { createDigestFilter, type HashFunction } from './digest-filter.js';
import { createExpandJsonFilter } from './expand-json-filter.js';
import type { KnownFilterSpec } from './filter-specs.js';
import type { FilterContext, RecordFilter } from './record-filter.js';
import { createRenameFilter } from './rename-filter.js';

export const FILTER_TYPES = ['column', 'expand_json', 'digest', 'add_time', 'rename'] as const;

/**
 * Builds the filter chain of a load config over the parser's columns: each filter's columns are computed from
 * the previous filter's, so every schema problem (an unknown column, a duplicate name, a bad format) is a
 * CONFIG_INVALID error naming `filters[i].<key>` before any data is read.
 *
 * Specs are expected to have passed `filterSchema` (src/app/config/filter-schema.ts); this function checks only
 * what needs the columns. Filters are pure except add_time's incremental_time, which counts across batches.
 */
export function createFilters(specs: readonly FilterSpec[], input: readonly Column[], context: FilterContext & { hash: HashFunction }): RecordFilter[] {
  const filters: RecordFilter[] = [];
  let columns = input;
  specs.forEach((raw, i) => {
    const filter = createFilter(raw as KnownFilterSpec, columns, `filters[${i}]`, context);
    filters.push(filter);
    columns = filter.columns;
  });
  return filters;
}

function createFilter(spec: KnownFilterSpec, input: readonly Column[], key: string, context: FilterContext & { hash: HashFunction }): RecordFilter {
  switch (spec.type) {
    case 'column':
      return createColumnFilter(spec, input, key);
    case 'expand_json':
      return createExpandJsonFilter(spec, input, key);
    case 'digest':
      return createDigestFilter(spec, input, key, context.hash);
    case 'add_time':
      return createAddTimeFilter(spec, input, key, context.uploadTime);
    case 'rename':
      return createRenameFilter(spec, input, key);
    default:
      throw configError(`${key}.type`, `'${(spec as FilterSpec).type}' is not a filter type; use one of ${FILTER_TYPES.join(', ')}`);
  }
}

/** The columns a chain emits (what the table receives), given the parser's columns. */
export function outputColumns(filters: readonly RecordFilter[], input: readonly Column[]): readonly Column[] {
  return filters.length === 0 ? input : filters[filters.length - 1]!.columns;
}

import { createFilters } from '../../domain/filters/create-filters.js';
import type { RecordFilter } from '../../domain/filters/record-filter.js';
import type { HashFunction } from '../../domain/filters/digest-filter.js';
import type { ImportConfig } from '../../domain/model/import-config.js';
import type { ParserOptions } from '../../domain/model/parser-options.js';
import type { Column, RecordBatch } from '../../domain/model/record-batch.js';
import { createParser } from '../../domain/parsing/create-parser.js';
import type { RecordParser } from '../../domain/parsing/record-parser.js';
import { TimeColumnPolicy, type TimeColumnPlan } from '../../domain/time-column-policy.js';

/** Everything decided before a byte is read: parser, filters, time column, final columns. */
export interface PipelinePlan {
  readonly parser: RecordParser;
  readonly filters: readonly RecordFilter[];
  readonly time: TimeColumnPlan;
  /** The columns written to the table. */
  readonly columns: readonly Column[];
  /** Parsed batch -> filtered batch with `time`. */
  transform(batch: RecordBatch): RecordBatch;
}

/**
 * out.default_timezone (or --timezone) interprets zone-less timestamps, as TD's "Timezone" setting does. A zone
 * set in the parser (in.parser.default_timezone other than UTC, or a column's timezone) is more specific and wins.
 */
export function effectiveParserOptions(config: ImportConfig): ParserOptions {
  const parser = config.in.parser;
  const zone = config.out.default_timezone;
  return zone !== 'UTC' && parser.default_timezone === 'UTC' ? { ...parser, default_timezone: zone } : parser;
}

/** Builds the plan; config mistakes (unknown columns, a bad time column) fail here, before any read. */
export function planPipeline(config: ImportConfig, timeColumn: string | null, uploadTime: Date, hash: HashFunction): PipelinePlan {
  const parser = createParser(effectiveParserOptions(config));
  const filters = createFilters(config.filters, parser.columns, { uploadTime, hash });
  const filtered = filters.length > 0 ? filters[filters.length - 1]!.columns : parser.columns;
  const policy = new TimeColumnPolicy();
  const time = policy.plan(filtered, timeColumn);
  return {
    parser,
    filters,
    time,
    columns: time.columns,
    transform(batch: RecordBatch): RecordBatch {
      let current = batch;
      for (const filter of filters) current = filter.apply(current);
      return policy.apply(time, current, uploadTime);
    },
  };
}

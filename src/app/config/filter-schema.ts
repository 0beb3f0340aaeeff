import { z } from 'zod';
import { CHARACTER_TYPES, DIGEST_ALGORITHMS, TIME_UNITS, type DigestAlgorithm, type KnownFilterSpec } from '../../domain/filters/filter-specs.js';
import { COLUMN_TYPES } from '../../domain/model/record-batch.js';

/*
 * Shapes of the five filters, checked at the edge: strict objects so a typo is reported with its path,
 * cross-field rules named by key. What needs the input columns (unknown column names, name clashes) is checked
 * by createFilters. Defaults are left to the filters so a saved config round-trips unchanged.
 */

const name = z.string().min(1, 'must not be empty');
const columnType = z.enum(COLUMN_TYPES, { message: `must be one of ${COLUMN_TYPES.join(', ')}` });
const unit = z.enum(TIME_UNITS, { message: `must be one of ${TIME_UNITS.join(', ')}` });
const timeValue = z.union([z.string(), z.number()], { message: 'must be a timestamp text or a unix time number' });

/** MD5, SHA-1, SHA-256, SHA-512, spelled in any case, with or without the dash ("sha256"). */
const algorithm = z.string().transform((text, ctx): DigestAlgorithm => {
  const found = DIGEST_ALGORITHMS.find((a) => a.replace('-', '') === text.toUpperCase().replace('-', ''));
  if (found) return found;
  ctx.addIssue({ code: 'custom', message: `'${text}' is not supported; use one of ${DIGEST_ALGORITHMS.join(', ')}` });
  return z.NEVER;
});

const columnEntry = z.strictObject({
  name,
  src: name.optional(),
  type: columnType.optional(),
  default: z.json().optional(),
  format: z.string().optional(),
  timezone: z.string().optional(),
});

const columnFilter = z
  .strictObject({
    type: z.literal('column'),
    columns: z.array(columnEntry).optional(),
    add_columns: z.array(columnEntry).optional(),
    drop_columns: z.array(z.strictObject({ name })).optional(),
    default_timestamp_format: z.string().optional(),
    default_timezone: z.string().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.columns && f.drop_columns) {
      ctx.addIssue({ code: 'custom', path: ['drop_columns'], message: 'cannot be used together with columns; list the columns to keep in columns, or the ones to remove in drop_columns' });
    }
    if (!f.columns && !f.add_columns && !f.drop_columns) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: 'give columns (to keep), add_columns or drop_columns' });
    }
  });

const expandJsonFilter = z.strictObject({
  type: z.literal('expand_json'),
  json_column_name: name,
  root: z.string().startsWith('$', 'must be a JSONPath starting with $, such as "$." or "$.payload."').optional(),
  expanded_columns: z.array(z.strictObject({ name, type: columnType, format: z.string().optional(), timezone: z.string().optional() })).min(1, 'list at least one column to expand'),
  keep_expanding_json_column: z.boolean().optional(),
  default_timezone: z.string().optional(),
  default_timestamp_format: z.string().optional(),
  stop_on_invalid_record: z.boolean().optional(),
});

const digestFilter = z.strictObject({
  type: z.literal('digest'),
  columns: z.array(z.strictObject({ name, algorithm: algorithm.optional(), new_name: name.optional() })).min(1, 'list at least one column to digest'),
  algorithm: algorithm.optional(),
  hmac_key: z.string().min(1, 'must not be empty; remove it for a plain digest').optional(),
});

const timeRead = {
  timestamp_format: z.string().optional(),
  default_timestamp_format: z.string().optional(),
  timezone: z.string().optional(),
  default_timezone: z.string().optional(),
  unix_timestamp_unit: unit.optional(),
};

const addTimeFilter = z
  .strictObject({
    type: z.literal('add_time'),
    to_column: z.strictObject({ name, type: z.enum(['timestamp', 'long'], { message: 'must be timestamp or long' }).optional(), unit: unit.optional(), unix_timestamp_unit: unit.optional() }),
    from_column: z.strictObject({ name, ...timeRead }).optional(),
    from_value: z
      .strictObject({
        mode: z.enum(['fixed_time', 'incremental_time', 'upload_time'], { message: 'must be fixed_time, incremental_time or upload_time' }).optional(),
        value: timeValue.optional(),
        from: timeValue.optional(),
        to: timeValue.optional(),
        ...timeRead,
      })
      .optional(),
  })
  .superRefine((f, ctx) => {
    if ((f.from_column === undefined) === (f.from_value === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'set exactly one of from_column (read the time from a column) or from_value (a fixed, incremental or upload time)' });
    }
    if (f.to_column.unit !== undefined && f.to_column.unix_timestamp_unit !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['to_column', 'unix_timestamp_unit'], message: 'is the same setting as unit; keep one' });
    }
    const v = f.from_value;
    if (!v) return;
    const mode = v.mode ?? 'fixed_time';
    const allowed = mode === 'fixed_time' ? ['value'] : mode === 'incremental_time' ? ['from', 'to'] : [];
    for (const k of ['value', 'from', 'to'] as const) {
      if (allowed.includes(k) && v[k] === undefined) ctx.addIssue({ code: 'custom', path: ['from_value', k], message: `is required for mode ${mode}` });
      if (!allowed.includes(k) && v[k] !== undefined) ctx.addIssue({ code: 'custom', path: ['from_value', k], message: `is not used by mode ${mode}; remove it` });
    }
  });

const passTypes = z.array(z.enum(CHARACTER_TYPES, { message: `must be one of ${CHARACTER_TYPES.join(', ')}` })).optional();
const oneChar = z.string().refine((s) => [...s].length === 1, 'must be exactly one character');

const renameRule = z.discriminatedUnion(
  'rule',
  [
    z.strictObject({ rule: z.literal('upper_to_lower') }),
    z.strictObject({ rule: z.literal('lower_to_upper') }),
    z.strictObject({ rule: z.literal('character_types'), pass_types: passTypes, pass_characters: z.string().optional(), replace: oneChar.optional() }),
    z.strictObject({ rule: z.literal('regex_replace'), match: z.string().min(1, 'must not be empty'), replace: z.string() }),
    z.strictObject({ rule: z.literal('truncate'), max_length: z.number().int().min(1).optional() }),
    z
      .strictObject({ rule: z.literal('first_character_types'), pass_types: passTypes, pass_characters: z.string().optional(), prefix: oneChar.optional(), replace: oneChar.optional() })
      .refine((r) => (r.prefix === undefined) !== (r.replace === undefined), 'set exactly one of prefix (prepend a character) or replace (replace the first character)'),
    z.strictObject({
      rule: z.literal('unique_number_suffix'),
      delimiter: oneChar.refine((s) => !/\d/.test(s), 'must not be a digit').optional(),
      digits: z.number().int().min(1).optional(),
      max_length: z.number().int().min(1).optional(),
      offset: z.number().int().min(0).optional(),
    }),
  ],
  { message: 'rule must be one of upper_to_lower, lower_to_upper, character_types, regex_replace, truncate, first_character_types, unique_number_suffix' },
);

const renameFilter = z.strictObject({
  type: z.literal('rename'),
  columns: z.record(z.string(), name).optional(),
  rules: z.array(renameRule).optional(),
});

/** One entry of `filters:`; the output is what createFilters takes. */
export const filterSchema = z.discriminatedUnion('type', [columnFilter, expandJsonFilter, digestFilter, addTimeFilter, renameFilter], {
  message: 'type must be one of column, expand_json, digest, add_time, rename',
});

/** Compile-time proof that a validated filter is what the domain expects. */
export const asFilterSpec = (parsed: z.output<typeof filterSchema>): KnownFilterSpec => parsed;

/** A zod schema's internals, read only to list the keys a config path accepts (for "did you mean"). */
interface SchemaDef {
  readonly def: { readonly type: string; readonly innerType?: SchemaDef; readonly element?: SchemaDef; readonly shape?: Record<string, SchemaDef>; readonly options?: readonly SchemaDef[] };
}

function keysAt(schema: SchemaDef | undefined, path: readonly string[]): string[] {
  const def = schema?.def;
  if (!def) return [];
  if (def.type === 'optional' || def.type === 'default') return keysAt(def.innerType, path);
  if (def.type === 'array') return keysAt(def.element, path.slice(1));
  if (def.type !== 'object' || !def.shape) return [];
  return path.length === 0 ? Object.keys(def.shape) : keysAt(def.shape[path[0]!], path.slice(1));
}

/**
 * The keys a path under `filters` accepts, for configErrorFromIssues' "did you mean" hints:
 * `configErrorFromIssues(issues, ['filters'], filterKeyHints(rawFilters))`.
 */
export function filterKeyHints(rawFilters: unknown): (path: string[]) => string[] {
  return (path) => {
    if (path[0] !== 'filters' || path[1] === undefined || !Array.isArray(rawFilters)) return [];
    const raw: unknown = rawFilters[Number(path[1])];
    const type = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['type'] : undefined;
    const option = (filterSchema.options as unknown as SchemaDef[]).find((o) => (o.def.shape?.['type'] as { value?: unknown } | undefined)?.value === type);
    return keysAt(option, path.slice(2));
  };
}

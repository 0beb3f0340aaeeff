import { z } from 'zod';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ImportError } from '../../domain/errors.js';
import type { ImportConfig } from '../../domain/model/import-config.js';
import type { ParserOptions } from '../../domain/model/parser-options.js';
import { configErrorFromIssues } from './config-error.js';
import { connectionSchemas } from './connection-schemas.js';
import { filterKeyHints, filterSchema } from './filter-schema.js';
import { execSchema, outSchema } from './out-schema.js';
import { parserSchema } from './parser-schema.js';
import { decodersSchema, selectionFields } from './selection-schema.js';

/** `s3` is an alias of `s3_v2`, as TD accepts both. */
const TYPE_ALIASES: Record<string, string> = { s3: 's3_v2' };

export interface ValidateOptions {
  /** A seed config (for guess) may omit the parser; a load config may not. */
  readonly requireParser: boolean;
}

/** Parses YAML or JSON text; a syntax error names the file, line and column. */
export function parseConfigText(text: string, sourceName: string): unknown {
  try {
    const doc = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new ImportError('CONFIG_INVALID', `${sourceName}: the config must be a mapping with an 'in' section`);
    }
    return doc;
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      const where = pos ? ` line ${pos.line}, column ${pos.col}` : '';
      const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new ImportError('CONFIG_INVALID', `${sourceName}:${where}: malformed YAML: ${reason}; fix the syntax there`, {
        details: { key: sourceName, line: pos?.line },
      });
    }
    throw error;
  }
}

const topSchema = z.strictObject({
  in: z.looseObject({}),
  filters: z.array(z.unknown()).default([]),
  out: z.unknown().optional(),
  exec: z.unknown().optional(),
});

function inSchemaFor(type: string, requireParser: boolean) {
  const connection = connectionSchemas[type];
  if (!connection) return undefined;
  return z
    .strictObject({
      ...selectionFields,
      decoders: decodersSchema,
      parser: requireParser ? parserSchema : parserSchema.optional(),
      ...connection,
      type: z.string(),
    })
    .superRefine((v, ctx) => {
      if (v.path === null && v.path_prefix === null) {
        ctx.addIssue({ code: 'custom', path: ['path_prefix'], message: 'set path_prefix (a key prefix) or path (one object)' });
      }
      if (v.incremental_strategy === 'time' && !v.use_modified_time) {
        ctx.addIssue({ code: 'custom', path: ['incremental_strategy'], message: 'time needs use_modified_time: true' });
      }
    });
}

export function knownKeys(path: readonly string[], type?: string): string[] {
  const at = path.join('.');
  if (at === '') return ['in', 'filters', 'out', 'exec'];
  if (at === 'in') return [...Object.keys(selectionFields), 'decoders', 'parser', 'type', ...Object.keys(connectionSchemas[type ?? ''] ?? {})];
  if (at === 'in.parser') return Object.keys((parserSchema.in as unknown as { options: z.ZodObject[] }).options[0]!.shape);
  if (at === 'out') return ['type', 'mode', 'time_column', 'default_timezone'];
  if (at === 'exec') return ['max_threads', 'min_output_tasks'];
  return [];
}

/** Validates a parsed config; every error names its key. */
export function validateImportConfig(raw: unknown, options: ValidateOptions = { requireParser: true }): ImportConfig {
  const top = topSchema.safeParse(raw);
  if (!top.success) throw configErrorFromIssues(top.error.issues, [], (p) => knownKeys(p));
  const rawIn = top.data.in as Record<string, unknown>;
  const givenType = rawIn['type'];
  if (typeof givenType !== 'string') {
    throw new ImportError('CONFIG_INVALID', 'in.type: is required; use s3_v2 (alias s3) for S3, or file for a local folder', { details: { key: 'in.type' } });
  }
  const type = TYPE_ALIASES[givenType] ?? givenType;
  const inSchema = inSchemaFor(type, options.requireParser);
  if (!inSchema) {
    throw new ImportError('CONFIG_INVALID', `in.type: '${givenType}' is not supported; use s3_v2 (alias s3) or file`, { details: { key: 'in.type' } });
  }
  const inResult = inSchema.safeParse(rawIn);
  if (!inResult.success) throw configErrorFromIssues(inResult.error.issues, ['in'], (p) => knownKeys(p, type));

  const filters = z.array(filterSchema).safeParse(top.data.filters);
  if (!filters.success) throw configErrorFromIssues(filters.error.issues, ['filters'], filterKeyHints(top.data.filters));
  const out = outSchema.safeParse(top.data.out ?? undefined);
  if (!out.success) throw configErrorFromIssues(out.error.issues, ['out'], (p) => knownKeys(p));
  const exec = execSchema.safeParse(top.data.exec ?? undefined);
  if (!exec.success) throw configErrorFromIssues(exec.error.issues, ['exec'], (p) => knownKeys(p));

  const source = inResult.data;
  const strategy = source.incremental_strategy ?? (source.use_modified_time ? 'time' : 'name');
  return {
    in: { ...source, type, incremental_strategy: strategy, parser: source.parser as ParserOptions },
    filters: filters.data as ImportConfig['filters'],
    out: out.data,
    exec: exec.data,
  };
}

/** Text to validated config in one step (the CLI's path). */
export function loadImportConfig(text: string, sourceName: string, options?: ValidateOptions): ImportConfig {
  return validateImportConfig(parseConfigText(text, sourceName), options);
}

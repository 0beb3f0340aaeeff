import { z } from 'zod';
import { configError } from '../domain/errors.js';
import type { ConfigDiff } from '../domain/model/source-options.js';
import { configErrorFromIssues } from './config/config-error.js';

const NAME = /^[A-Za-z0-9_.-]+$/;

/** Throws CONFIG_INVALID unless `name` is a usable schedule name. */
export function checkScheduleName(name: string): void {
  if (!NAME.test(name) || name.length > 128) {
    throw configError('name', `${JSON.stringify(name)} is not a valid schedule name; use 1-128 letters, digits, '_', '.' or '-' (e.g. daily_import)`);
  }
}

/** Throws CONFIG_INVALID unless `delay` is a whole number of seconds, 0 or more. */
export function checkDelay(delay: number): void {
  if (!Number.isSafeInteger(delay) || delay < 0) {
    throw configError('delay', `${String(delay)} is not a delay; give whole seconds, 0 or more (e.g. -D 600 runs 10 minutes after each cron time)`);
  }
}

/** Throws CONFIG_INVALID unless `value` is a non-empty name (database, table). */
export function checkNonEmpty(key: string, value: string): void {
  if (value.trim() === '') throw configError(key, `must not be empty; give the ${key} name`);
}

const configDiffSchema = z.strictObject({
  in: z.strictObject({ last_path: z.string().optional(), last_modified_time: z.string().optional() }).default({}),
  // Embulk writes out: {} and exec: {} beside in; their contents carry no state for this importer.
  out: z.record(z.string(), z.unknown()).optional(),
  exec: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Validates a config diff given by a user (`update --config-diff FILE`): `{in: {last_path?, last_modified_time?}}`,
 * as Embulk's `-o` file or `show` prints it. `{in: {}}` resets the schedule to load everything again.
 */
export function parseConfigDiff(raw: unknown): ConfigDiff {
  const parsed = configDiffSchema.safeParse(raw);
  if (!parsed.success) throw configErrorFromIssues(parsed.error.issues, ['config_diff']);
  const { last_path, last_modified_time } = parsed.data.in;
  if (last_modified_time !== undefined && Number.isNaN(Date.parse(last_modified_time))) {
    throw configError('config_diff.in.last_modified_time', `${JSON.stringify(last_modified_time)} is not a time; use ISO 8601 such as 2024-01-02T03:04:05Z`);
  }
  return {
    in: { ...(last_path !== undefined ? { last_path } : {}), ...(last_modified_time !== undefined ? { last_modified_time } : {}) },
    out: {},
  };
}

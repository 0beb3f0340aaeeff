import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { parseConfigText } from '../app/config/load-config.js';
import { ImportError } from '../domain/errors.js';
import type { ConfigDiff } from '../domain/model/source-options.js';

/** Reads a YAML/JSON config file; a missing file is a usage error naming it. */
export function readConfigFile(cwd: string, file: string): Record<string, unknown> {
  const full = path.resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch {
    throw new ImportError('USAGE', `cannot read config file ${file}; check the path`);
  }
  return parseConfigText(text, file) as Record<string, unknown>;
}

/** Embulk's -c: the previous config diff, when the file exists. */
export function readConfigDiff(cwd: string, file: string): ConfigDiff | undefined {
  const full = path.resolve(cwd, file);
  if (!existsSync(full)) return undefined;
  const raw = parseConfigText(readFileSync(full, 'utf8'), file) as Record<string, unknown>;
  const input = raw['in'];
  if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) {
    throw new ImportError('CONFIG_INVALID', `${file}: 'in' must be a mapping such as {last_path: logs/b.csv}`);
  }
  const inDiff = (input ?? {}) as Record<string, unknown>;
  const diff: { last_path?: string; last_modified_time?: string } = {};
  if (typeof inDiff['last_path'] === 'string') diff.last_path = inDiff['last_path'];
  if (typeof inDiff['last_modified_time'] === 'string') diff.last_modified_time = inDiff['last_modified_time'];
  return { in: diff, out: {} };
}

/** Writes a file atomically (temp + rename) so a crash never leaves half a config diff. */
export function writeFileAtomic(cwd: string, file: string, text: string): void {
  const full = path.resolve(cwd, file);
  const tmp = `${full}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, full);
}

export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}

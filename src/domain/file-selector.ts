import { ImportError } from './errors.js';
import { KeyPattern } from './key-pattern.js';
import { compareKeys } from './key-order.js';
import type { ObjectInfo } from './model/object-info.js';
import type { SelectionOptions } from './model/source-options.js';
import type { Clock } from '../ports/clock.js';
import type { ObjectStore } from '../ports/object-store.js';

/** Storage classes that cannot be read without a restore. GLACIER_IR (instant retrieval) is readable. */
const UNREADABLE_CLASSES = new Set(['GLACIER', 'DEEP_ARCHIVE']);

const MODIFIED_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

/** Parses last_modified_time (yyyy-MM-dd'T'HH:mm:ss.SSS'Z'); undefined when malformed. */
export function parseModifiedTime(text: string): Date | undefined {
  const m = MODIFIED_TIME.exec(text);
  if (!m) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Formats a time the way the reference writes last_modified_time: 2019-06-03T10:30:19.806Z. */
export function formatModifiedTime(date: Date): string {
  return date.toISOString();
}

export interface Selection {
  /** Selected files in key (UTF-8 byte) order. */
  readonly files: readonly ObjectInfo[];
  /** Files grouped into tasks by min_task_size. */
  readonly tasks: readonly (readonly ObjectInfo[])[];
  /** The last key that matched the pattern (selected or deliberately skipped), for name-mode state. */
  readonly lastMatchedKey: string | null;
  /** When the listing started; the upper bound of a time-mode window (minus min_object_age_seconds). */
  readonly windowEnd: Date;
  readonly warnings: readonly string[];
  readonly listedObjects: number;
}

/** Knows which object versions were already loaded (the per-file ledger): returns their ledgerKey()s. */
export type LoadedFilter = (files: readonly ObjectInfo[]) => Promise<Set<string>>;

/**
 * Decides which objects an import reads: prefix or single path, pattern, zero-byte and Glacier rules,
 * the incremental window (name, time or ledger), the file count limit and task grouping.
 */
export class FileSelector {
  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
  ) {}

  async select(options: SelectionOptions, loaded?: LoadedFilter): Promise<Selection> {
    const warnings: string[] = [];
    const pattern = options.path_match_pattern ? KeyPattern.compile(options.path_match_pattern) : undefined;
    const listingStart = this.clock.now();
    const timeMode = options.use_modified_time;
    // S3 lists LastModified in whole seconds: an object written later in the listing's own second shows a time
    // before a millisecond window end and would fall between two runs, so the window ends on a whole second.
    const windowEnd = new Date(Math.floor((listingStart.getTime() - options.min_object_age_seconds * 1000) / 1000) * 1000);
    const windowStart = timeMode && options.last_modified_time ? parseModifiedTime(options.last_modified_time) : undefined;
    const ledgerMode = options.incremental_strategy === 'ledger';
    const startAfter = !timeMode && !ledgerMode && options.last_path ? options.last_path : undefined;

    const prefix = options.path_prefix ?? '';
    if (options.path === null && !this.store.capabilities.localPaths) {
      if (prefix === '/') warnings.push('path_prefix "/" does not mean the whole bucket: use path_prefix: "" to read every key');
      else if (prefix.startsWith('/')) warnings.push(`path_prefix ${JSON.stringify(prefix)} starts with "/": S3 keys rarely do, so this usually finds nothing; remove the leading "/"`);
    }

    const candidates = await this.candidates(options, prefix, startAfter);
    const matched: ObjectInfo[] = [];
    let lastMatchedKey: string | null = null;
    const limit = options.total_file_count_limit ?? Number.MAX_SAFE_INTEGER;
    for (const object of candidates) {
      if (startAfter !== undefined && compareKeys(object.key, startAfter) <= 0) continue;
      if (object.size === 0) continue;
      if (pattern && !pattern.matches(object.key)) continue;
      if (timeMode) {
        const t = object.lastModified.getTime();
        if (windowStart && t < windowStart.getTime()) continue;
        if (t >= windowEnd.getTime()) continue;
      }
      if (object.storageClass && UNREADABLE_CLASSES.has(object.storageClass)) {
        if (!options.skip_glacier_objects) {
          throw new ImportError(
            'STORAGE_GLACIER',
            `${object.key} is in storage class ${object.storageClass} and cannot be read without a restore; restore it, or set in.skip_glacier_objects: true to skip such objects`,
            { details: { key: object.key, storageClass: object.storageClass } },
          );
        }
        warnings.push(`skipped ${object.key}: storage class ${object.storageClass} (skip_glacier_objects: true)`);
        lastMatchedKey = maxKey(lastMatchedKey, object.key);
        continue;
      }
      matched.push(object);
      lastMatchedKey = maxKey(lastMatchedKey, object.key);
      if (!ledgerMode && matched.length >= limit) break;
    }

    let files = matched;
    if (ledgerMode && loaded) {
      const done = await loaded(matched);
      files = matched.filter((f) => !done.has(ledgerKey(f))).slice(0, limit);
    }
    return {
      files,
      tasks: groupTasks(files, options.min_task_size),
      lastMatchedKey,
      windowEnd,
      warnings,
      listedObjects: candidates.length,
    };
  }

  private async candidates(options: SelectionOptions, prefix: string, startAfter: string | undefined): Promise<ObjectInfo[]> {
    if (options.path !== null) {
      const one = await this.store.stat(options.path);
      if (!one) {
        throw new ImportError('STORAGE_NOT_FOUND', `in.path: no object ${JSON.stringify(options.path)}; check the key (keys are case-sensitive)`, {
          details: { key: options.path },
        });
      }
      return [one];
    }
    const all: ObjectInfo[] = [];
    for await (const object of this.store.list(prefix, startAfter === undefined ? {} : { startAfter })) all.push(object);
    if (!this.store.capabilities.sortedListing) all.sort((a, b) => compareKeys(a.key, b.key));
    return all;
  }
}

function maxKey(current: string | null, key: string): string {
  return current === null || compareKeys(key, current) > 0 ? key : current;
}

/** The ledger's identity of an object version. */
export function ledgerKey(object: { key: string; etag?: string | undefined }): string {
  return `${object.key}\u0000${object.etag ?? ''}`;
}

/** Groups files, in order, into tasks of at least minTaskSize bytes (0: one file per task). */
export function groupTasks(files: readonly ObjectInfo[], minTaskSize: number): ObjectInfo[][] {
  // One file per task, each an array of exactly one: an array filled by push() has room for 17, ~170 bytes per
  // file that a job of 50,000 files held until its end (8.5 MB of its 46 MB heap).
  if (minTaskSize <= 0) return files.map((file) => [file]);
  const tasks: ObjectInfo[][] = [];
  let current: ObjectInfo[] = [];
  let bytes = 0;
  for (const file of files) {
    current.push(file);
    bytes += file.size;
    if (bytes >= minTaskSize) {
      tasks.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) tasks.push(current);
  return tasks;
}

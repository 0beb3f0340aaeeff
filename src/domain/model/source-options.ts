import type { DecoderSpec, ParserOptions } from './parser-options.js';

/**
 * Which files to read and where the incremental window stands. Keys are the reference's
 * (embulk-input-s3) names; see ../../../docs/config-reference.md.
 */
export interface SelectionOptions {
  readonly path_prefix: string | null;
  readonly path: string | null;
  readonly path_match_pattern: string | null;
  readonly total_file_count_limit: number | null;
  readonly min_task_size: number;
  readonly last_path: string | null;
  readonly incremental: boolean;
  readonly use_modified_time: boolean;
  readonly last_modified_time: string | null;
  readonly skip_glacier_objects: boolean;
  /** Beyond the reference: ignore objects modified less than this many seconds before the listing started. */
  readonly min_object_age_seconds: number;
  /** name (default; last_path), time (when use_modified_time) or ledger (per-file load ledger). */
  readonly incremental_strategy: 'name' | 'time' | 'ledger';
  /** What an import that matches no file does: ok (status no_new_data) or fail. */
  readonly on_no_files: 'ok' | 'fail';
}

/** The `in:` section after validation. Connection keys (bucket, auth...) stay with the adapter that reads them. */
export interface SourceOptions extends SelectionOptions {
  readonly type: string;
  readonly decoders: readonly DecoderSpec[] | null;
  readonly parser: ParserOptions;
}

/** Incremental state, returned as Embulk's "config diff": {"in": {...}, "out": {}}. */
export interface ConfigDiff {
  readonly in: { readonly last_path?: string; readonly last_modified_time?: string };
  readonly out: Record<string, never>;
}

import type { ExecOptions, OutOptions } from './import-mode.js';
import type { SourceOptions } from './source-options.js';

/** One filter's validated settings; the filter factory narrows by `type`. */
export interface FilterSpec {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** A whole validated load config (`in`, `filters`, `out`, `exec`). */
export interface ImportConfig {
  /** Selection and parser options, plus the connection keys of `in.type` (bucket, auth...). */
  readonly in: SourceOptions & Readonly<Record<string, unknown>>;
  readonly filters: readonly FilterSpec[];
  readonly out: OutOptions;
  readonly exec: ExecOptions;
}

export const IMPORT_MODES = ['append', 'replace', 'replace_on_new_data'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export interface OutOptions {
  readonly mode: ImportMode;
  readonly time_column: string | null;
  readonly default_timezone: string;
}

export interface ExecOptions {
  readonly max_threads: number;
  /** Worker threads that decompress, parse and filter; 0 or 1 = on the main thread; undefined = min(cores, 4). */
  readonly parse_workers?: number;
}

import type { ConfigDiff } from '../domain/model/source-options.js';

export interface StoredState {
  readonly configDiff: ConfigDiff;
  /** Increases by one on every successful put. */
  readonly version: number;
  readonly updatedAt: Date;
}

/**
 * Incremental state per source (a schedule name, or a one-off source id), versioned for compare-and-set.
 */
export interface StateStore {
  get(sourceId: string): Promise<StoredState | undefined>;
  /**
   * Saves the state when the stored version equals `expectedVersion` (0 = no state yet); returns the new
   * version. Throws STATE_CONFLICT when another writer got there first.
   */
  put(sourceId: string, configDiff: ConfigDiff, expectedVersion: number): Promise<number>;
  delete(sourceId: string): Promise<void>;
}
export const StateStore = Symbol.for('s3-import:StateStore');

export interface LedgerEntry {
  readonly sourceId: string;
  readonly key: string;
  readonly etag: string;
  readonly size: number;
  readonly lastModified: Date;
  readonly jobId: string;
  readonly records: number;
}

/** The per-file load ledger: which object version was loaded by which job (incremental_strategy: ledger). */
export interface LoadLedger {
  /**
   * Which of `files` were already loaded for `sourceId`: returns `ledgerKey(file)` (key + NUL + etag, from
   * domain/file-selector.ts) for each file whose exact (key, etag) pair is recorded. A key recorded with another
   * etag (the object was overwritten) is not in the result.
   */
  loaded(sourceId: string, files: readonly { key: string; etag: string }[]): Promise<Set<string>>;
  record(entries: readonly LedgerEntry[]): Promise<void>;
}
export const LoadLedger = Symbol.for('s3-import:LoadLedger');

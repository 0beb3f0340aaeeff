import { ImportError } from '../../domain/errors.js';

// Which warehouse files this process has open, and where. Kept apart from duckdb-instances.ts so that the main
// thread can claim a file for a warehouse thread without loading DuckDB itself.

/** Files whose instance a warehouse thread of this process owns (warehouse-thread.ts). */
export const ownedByThreads = new Set<string>();
/** Files open on this thread through acquireInstance (duckdb-instances.ts registers its map when it loads). */
let sharedPaths: { has(path: string): boolean } = { has: () => false };

export function setSharedPaths(paths: { has(path: string): boolean }): void {
  sharedPaths = paths;
}

export function heldByThread(path: string): ImportError {
  return new ImportError('TABLE_STORE', `the warehouse ${path} is already open in this process's warehouse thread: use that store (ThreadedTableStore.open on the same path shares it), or close it first`);
}

/**
 * Marks `path` (resolved) as owned by a warehouse thread of this process, so that no second instance opens it
 * here: DuckDB would let one process open a file twice, and two instances writing one file corrupt it.
 * Returns the release.
 */
export function claimForThread(path: string): () => void {
  if (ownedByThreads.has(path)) throw heldByThread(path);
  if (sharedPaths.has(path)) throw new ImportError('TABLE_STORE', `the warehouse ${path} is already open on this thread (DuckDbTableStore): close that store before a warehouse thread opens it`);
  ownedByThreads.add(path);
  return () => ownedByThreads.delete(path);
}

import { ImportError } from '../errors.js';

/** Throws CANCELLED when the job's signal fired; checked once per chunk, not per row. */
export function throwIfCancelled(signal: AbortSignal | undefined, file: string): void {
  if (signal?.aborted) {
    throw new ImportError('CANCELLED', `Parsing ${file} was cancelled`, { cause: signal.reason, details: { file } });
  }
}

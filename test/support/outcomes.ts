import { readFileSync } from 'node:fs';
import { isImportError } from '../../src/domain/errors.js';

/** How a promise settled: `message: 'resolved'`, or the ImportError's code and message (any other error: its text). */
export async function codeOf(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
    return { message: 'resolved' };
  } catch (error) {
    return isImportError(error) ? { code: error.code, message: error.message } : { message: String(error) };
  }
}

/** Bytes the process has read so far (Linux /proc), or undefined where /proc is not available. */
export function bytesRead(pid: number): number | undefined {
  try {
    const match = /rchar: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

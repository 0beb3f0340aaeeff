import { isImportError } from '../../domain/errors.js';
import { bunzip2Js } from './bzip2-js.js';
import { FilterProcessError, runFilter, startFilter } from './child-process-filter.js';
import { decompressionError } from './decode-error.js';

/** Programs tried in order when no command is configured: lbzip2 is parallel and about 2.5x bzip2. */
export const DEFAULT_BZIP2_COMMANDS: readonly string[] = ['lbzip2', 'bzip2'];

type Started = Awaited<ReturnType<typeof startFilter>>;

/**
 * bunzip2 with a fast path: a child process of lbzip2 or bzip2 (found on PATH, or the configured command),
 * else the pure-JS decoder. The first command that starts is remembered for later objects.
 */
export class Bzip2Decompressor {
  private readonly candidates: string[];

  /** @param command a program path or name; null disables the fast path; undefined tries lbzip2, then bzip2. */
  constructor(command?: string | null) {
    this.candidates = command === null ? [] : command === undefined ? [...DEFAULT_BZIP2_COMMANDS] : [command];
  }

  /** The program the fast path uses now, or null when decoding falls back to pure JS. */
  get command(): string | null {
    return this.candidates[0] ?? null;
  }

  /** Decompresses `source`; DATA_DECODE names `key` when the stream is truncated or corrupt. */
  async *decompress(source: AsyncIterable<Uint8Array>, key: string): AsyncGenerator<Uint8Array> {
    const started = await this.start();
    if (started === null) {
      yield* bunzip2Js(source, key);
      return;
    }
    try {
      yield* runFilter(started.child, started.command, source);
    } catch (error) {
      if (isImportError(error) || !(error instanceof FilterProcessError)) throw error;
      throw decompressionError(key, 'bzip2', error.stderr === '' ? error.message : error.stderr, error);
    }
  }

  private async start(): Promise<{ child: Started; command: string } | null> {
    while (this.candidates.length > 0) {
      const command = this.candidates[0] as string;
      try {
        return { child: await startFilter(command, ['-d', '-c']), command };
      } catch {
        // Not installed or not executable: forget it for the life of this decoder and try the next one.
        if (this.candidates[0] === command) this.candidates.shift();
      }
    }
    return null;
  }
}

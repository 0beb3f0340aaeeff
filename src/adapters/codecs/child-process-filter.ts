import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { Readable, pipeline, type Writable } from 'node:stream';

type Filter = ChildProcessByStdio<Writable, Readable, Readable>;

const STDERR_LIMIT = 4096;

/** A filter program's non-zero exit, with the start of what it wrote to stderr. */
export class FilterProcessError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly stderr: string,
  ) {
    super(`${command} exited with ${signal ?? `code ${String(exitCode)}`}${stderr === '' ? '' : `: ${stderr}`}`);
    this.name = 'FilterProcessError';
  }
}

/**
 * Starts `command args`; resolves once it runs. Rejects with the spawn error (ENOENT when the program is not
 * installed) before any input has been read, so the caller can fall back without losing data.
 */
export async function startFilter(command: string, args: readonly string[]): Promise<Filter> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  await once(child, 'spawn');
  return child;
}

function captureStderr(child: Filter): () => string {
  let text = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (text.length < STDERR_LIMIT) text = (text + chunk).slice(0, STDERR_LIMIT);
  });
  return () => text.trim();
}

/**
 * Pipes `source` into a started filter process (stdin backpressure respected) and yields its stdout.
 * A source error wins over the process's own complaint about the cut input; a non-zero exit fails with
 * FilterProcessError. Breaking out, or any error, kills the process and waits for it (no zombies).
 */
export async function* runFilter(
  child: Filter,
  command: string,
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const stderr = captureStderr(child);
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.once('close', (exitCode: number | null, signal: NodeJS.Signals | null) => resolve([exitCode, signal]));
  });
  child.on('error', () => undefined); // kill() failures surface as the exit status instead
  const input = Readable.from(source, { objectMode: false });
  let sourceError: unknown = null;
  input.on('error', (error) => {
    sourceError ??= error;
  });
  // EPIPE when the program exits early is expected: its exit status says why.
  pipeline(input, child.stdin, () => undefined);
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    const [exitCode, signal] = await exited;
    if (sourceError !== null) throw sourceError;
    if (exitCode !== 0) throw new FilterProcessError(command, exitCode, signal, stderr());
  } catch (error) {
    throw sourceError ?? error;
  } finally {
    input.destroy();
    // A decompressor has nothing to clean up, and SIGKILL cannot be ignored, so waiting below cannot hang.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  }
}

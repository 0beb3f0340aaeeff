import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ImportError } from '../../domain/errors.js';
import { heldByThread, ownedByThreads, setSharedPaths } from './warehouse-claims.js';

interface Shared {
  readonly instance: DuckDBInstance;
  readonly memory: MemoryLimit;
  readonly loadThreads: LoadThreads;
  refs: number;
}

/** The instance's memory_limit in bytes, as set at open or raised since (see raiseMemoryLimitFor). */
export interface MemoryLimit {
  bytes: number;
}

// DuckDB lets one process open a file read-write; inside that process every store on the same file must
// share one instance, so that `table:tail` works while an import holds the warehouse.
const shared = new Map<string, Promise<Shared>>();
setSharedPaths(shared);

/**
 * Bounds DuckDB's buffer memory; what can spill goes to the temp directory. 32 MB since the appender is flushed
 * every ~4 MB (2 GB CSV: 248 MB peak against 256-263 MB at 64 MB; a replace over its 27M rows works); a load raises
 * it for wide tables (memoryNeededFor).
 */
const DEFAULT_MEMORY_LIMIT = '32MB';
const MIB = 1024 * 1024;
const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: MIB, gib: 1024 * MIB, tib: 1024 * 1024 * MIB };

/** Bytes of a DuckDB size setting ('64MB', '1.5GiB'); undefined for anything else ('80%'...). */
export function sizeInBytes(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(text);
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  return unit === undefined ? undefined : Number(match![1]) * unit;
}

/**
 * The memory_limit a load into a table of `columns` columns needs. DuckDB keeps the load's unfinished row group in
 * memory it cannot spill, about a block of 256 KiB or two per column: with the 64MB default a 250-column CSV failed
 * with "could not allocate block" (128 MiB failed too, 200 MiB worked).
 */
export function memoryNeededFor(columns: number): number {
  return 32 * MIB + columns * 768 * 1024;
}

function lockError(path: string, cause: unknown): ImportError {
  const text = cause instanceof Error ? cause.message : String(cause);
  if (/lock/i.test(text)) {
    return new ImportError('TABLE_STORE', `the warehouse ${path} is open in another process (DuckDB allows one process per file): wait for that import or scheduler to finish, stop it, or use another S3_IMPORT_HOME. DuckDB said: ${text}`, { cause, retryable: true });
  }
  return new ImportError('TABLE_STORE', `cannot open the warehouse ${path}: ${text}`, { cause });
}

/**
 * DuckDB's threads while a load is open (its default is one per core, which queries keep). A load only appends, and
 * the compression of each full row group is the work DuckDB hands to its threads; the appending thread then waits
 * for those tasks by polling DuckDB's task queue under a mutex. Our parse threads already keep the cores busy, so
 * the extra thread only competes with them and the polling burns a core's share: `perf record` of 100 files of 2 MB
 * with two parse workers put 20% of the main thread's samples in pthread_mutex_lock/unlock and
 * Executor::ExecuteTask. With 1 thread the appending thread compresses by itself: the same import 2.25-2.44 s
 * against 2.34-2.63 s (11 runs each, alternating) and ~15 MB less peak RSS; one 205 MB CSV and the 2 GB /
 * 50,000-file budgets unchanged or faster (docs/decisions/performance.md, Update 9). Queries keep DuckDB's threads:
 * `table:tail` of 2.8M rows took 160 ms on one thread against 18-24 ms on two.
 */
export const DEFAULT_LOAD_THREADS = 1;

function threadCount(name: string, value: number | undefined): number | undefined {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new ImportError('CONFIG_INVALID', `the warehouse's DuckDB ${name} must be a whole number of at least 1, got ${String(value)}`);
  }
  return value;
}

/**
 * Switches an instance's `threads` setting to the load's count while any load is open, and back when the last one
 * ends. Shared by every store on the instance (one per file in a process). A switch that fails is ignored: the
 * setting is about speed only.
 */
export class LoadThreads {
  private open = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly during: number,
    /** undefined: DuckDB's own default (one per core), read at the first switch. */
    private otherwise: number | undefined,
  ) {}

  /** A load begins: the first one drops DuckDB to `during` threads. */
  enter(): Promise<void> {
    this.open++;
    return this.apply();
  }

  /** A load ended (committed or not): the last one gives DuckDB its threads back. */
  leave(): Promise<void> {
    this.open = Math.max(0, this.open - 1);
    return this.apply();
  }

  private apply(): Promise<void> {
    this.queue = this.queue.then(async () => {
      const conn = await this.instance.connect();
      try {
        const current = Number((await conn.runAndReadAll("SELECT current_setting('threads')")).getRows()[0]?.[0]);
        // The first switch happens as the first load begins, so `current` is then DuckDB's own default.
        this.otherwise ??= current;
        const wanted = this.open > 0 ? this.during : this.otherwise;
        if (current !== wanted) await conn.run(`SET threads = ${wanted}`);
      } finally {
        conn.closeSync();
      }
    }).catch(() => undefined);
    return this.queue;
  }
}

/** Settings of {@link acquireInstance} (see DuckDbOptions). */
export interface InstanceOptions {
  readonly memoryLimit?: string;
  readonly tempDirectory?: string;
  readonly threads?: number;
  readonly loadThreads?: number;
}

/** Opens (or shares) the DuckDB instance for a path; ':memory:' always gets a private instance. */
export async function acquireInstance(path: string, options: InstanceOptions = {}): Promise<{ instance: DuckDBInstance; memory: MemoryLimit; loadThreads: LoadThreads; release(): void }> {
  const threads = threadCount('threads', options.threads);
  const during = threadCount('loadThreads', options.loadThreads) ?? DEFAULT_LOAD_THREADS;
  const settings: Record<string, string> = { memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT };
  if (threads !== undefined) settings['threads'] = String(threads);
  if (options.tempDirectory !== undefined) settings['temp_directory'] = options.tempDirectory;
  else if (path !== ':memory:') settings['temp_directory'] = `${resolve(path)}.tmp`;
  const memory = (): MemoryLimit => ({ bytes: sizeInBytes(settings['memory_limit']!) ?? Infinity });
  if (path === ':memory:') {
    const instance = await DuckDBInstance.create(':memory:', settings).catch((cause: unknown) => { throw lockError(path, cause); });
    return { instance, memory: memory(), loadThreads: new LoadThreads(instance, during, threads), release: () => instance.closeSync() };
  }
  const key = resolve(path);
  if (ownedByThreads.has(key)) throw heldByThread(key);
  let entry = shared.get(key);
  if (entry === undefined) {
    entry = DuckDBInstance.create(key, settings).then((instance) => ({ instance, memory: memory(), loadThreads: new LoadThreads(instance, during, threads), refs: 0 }));
    shared.set(key, entry);
    entry.catch(() => shared.delete(key));
  }
  const state = await entry.catch((cause: unknown) => { throw lockError(key, cause); });
  state.refs++;
  let released = false;
  return {
    instance: state.instance,
    memory: state.memory,
    loadThreads: state.loadThreads,
    release: () => {
      if (released) return;
      released = true;
      if (--state.refs === 0) {
        shared.delete(key);
        state.instance.closeSync();
      }
    },
  };
}

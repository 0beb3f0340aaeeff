import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { ImportError, configError, isImportError } from '../../domain/errors.js';
import type { Clock } from '../../ports/clock.js';
import { SecretBox } from '../crypto/secret-box.js';
import { SystemClock } from '../system/system-clock.js';
import { MIGRATIONS } from './catalog-schema.js';
import { SqliteAuthenticationStore } from './sqlite-authentication-store.js';
import { SqliteJobStore } from './sqlite-job-store.js';
import { SqliteLoadLedger } from './sqlite-load-ledger.js';
import { SqliteScheduleStore } from './sqlite-schedule-store.js';
import { SqliteStateStore } from './sqlite-state-store.js';

/** The catalog file name under `$S3_IMPORT_HOME`. */
export const CATALOG_FILE = 'catalog.sqlite';

export interface SqliteCatalogOptions {
  /** Seals secrets of saved authentications and schedule configs. */
  readonly secretBox: SecretBox;
  readonly clock?: Clock;
  /** How long a write waits for another process's write lock before failing; default 10,000 ms. */
  readonly busyTimeoutMs?: number;
}

/**
 * One SQLite connection (WAL, busy timeout) shared by the five catalog stores. Several processes (two scheduler
 * daemons, a CLI run) may open the same file: SQLite's locking serialises writers, and every multi-statement write
 * runs in an IMMEDIATE transaction so it never fails half-way on a lock upgrade.
 */
export class SqliteCatalog implements AsyncDisposable {
  readonly stateStore: SqliteStateStore;
  readonly ledger: SqliteLoadLedger;
  readonly jobStore: SqliteJobStore;
  readonly scheduleStore: SqliteScheduleStore;
  readonly authenticationStore: SqliteAuthenticationStore;

  private constructor(private readonly db: Database.Database, options: SqliteCatalogOptions) {
    this.stateStore = new SqliteStateStore(db, options.clock ?? new SystemClock());
    this.ledger = new SqliteLoadLedger(db);
    this.jobStore = new SqliteJobStore(db);
    this.scheduleStore = new SqliteScheduleStore(db, options.secretBox);
    this.authenticationStore = new SqliteAuthenticationStore(db, options.secretBox);
  }

  /** Opens (creating and migrating as needed) the catalog at `path`. Throws CONFIG_INVALID when it cannot. */
  static open(path: string, options: SqliteCatalogOptions): SqliteCatalog {
    let db: Database.Database | undefined;
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      db = new Database(path);
      const busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 10_000));
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      switchToWal(db, busyTimeoutMs);
      // FULL: a committed state or ledger row must survive a power cut, or the next run loads files twice.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db, path);
      return new SqliteCatalog(db, options);
    } catch (error) {
      db?.close();
      throw openError(path, error);
    }
  }

  /** Opens `<home>/catalog.sqlite` with the master key from `env` or `<home>/master.key` (see SecretBox). */
  static openHome(home: string, env: Readonly<Record<string, string | undefined>>, options: Omit<SqliteCatalogOptions, 'secretBox'> = {}): SqliteCatalog {
    return SqliteCatalog.open(join(home, CATALOG_FILE), { ...options, secretBox: SecretBox.fromEnvOrKeyFile(env, home) });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }
}

/**
 * Switching a new file to WAL needs an exclusive lock and SQLite does not wait on busy_timeout for it: two
 * processes creating one catalog at once (two schedulers on a fresh home) saw SQLITE_BUSY. Retry until the
 * busy timeout, then give up with the usual error.
 */
function switchToWal(db: Database.Database, busyTimeoutMs: number): void {
  const deadline = Date.now() + busyTimeoutMs;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

function migrate(db: Database.Database, path: string): void {
  const run = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw configError(path, `was written by a newer s3-import (catalog schema ${current}, this version knows ${MIGRATIONS.length}); upgrade s3-import`);
    }
    for (let v = current; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v] as string);
    if (current < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  });
  // IMMEDIATE: two processes opening a new catalog at once must not both run migration 1.
  run.immediate();
}

function openError(path: string, error: unknown): ImportError {
  if (isImportError(error)) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return configError(path, 'is not a readable s3-import catalog (not a SQLite database, or damaged); restore it from a backup or move it away to start a new one', error);
  }
  if (code === 'SQLITE_BUSY') {
    return new ImportError('INTERNAL', `${path} stayed locked by another process; retry, or stop the process that holds it`, { cause: error, retryable: true });
  }
  return configError(path, `cannot open the catalog (${code || (error as Error).message}); check that the folder exists and is writable, or set S3_IMPORT_HOME`, error);
}

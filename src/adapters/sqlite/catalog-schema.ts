/**
 * The catalog schema as an ordered list of migrations; `PRAGMA user_version` records how many have run.
 * Never edit a shipped migration: append a new one. Times are epoch milliseconds; JSON columns hold
 * secrets only in sealed form (see secret-fields.ts).
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE state (
    source_id   TEXT PRIMARY KEY,
    config_diff TEXT NOT NULL,
    version     INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE load_ledger (
    source_id     TEXT NOT NULL,
    key           TEXT NOT NULL,
    etag          TEXT NOT NULL,
    size          INTEGER NOT NULL,
    last_modified INTEGER NOT NULL,
    job_id        TEXT NOT NULL,
    records       INTEGER NOT NULL,
    PRIMARY KEY (source_id, key, etag)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE jobs (
    job_id          TEXT PRIMARY KEY,
    unique_id       TEXT UNIQUE,
    schedule        TEXT,
    status          TEXT NOT NULL,
    database_name   TEXT NOT NULL,
    table_name      TEXT NOT NULL,
    mode            TEXT NOT NULL,
    files           INTEGER NOT NULL,
    records         INTEGER NOT NULL,
    skipped_records INTEGER NOT NULL,
    bytes           INTEGER NOT NULL,
    time_column     TEXT,
    started_at      INTEGER NOT NULL,
    duration_s      REAL NOT NULL,
    config_diff     TEXT,
    error_code      TEXT,
    error_message   TEXT,
    rejects_kept    INTEGER NOT NULL DEFAULT 0,
    rejects_dropped INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX jobs_by_schedule ON jobs (schedule, started_at);

  CREATE TABLE job_files (
    job_id  TEXT NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    key     TEXT NOT NULL,
    size    INTEGER NOT NULL,
    records INTEGER NOT NULL,
    skipped INTEGER NOT NULL,
    PRIMARY KEY (job_id, seq)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE job_rejects (
    job_id TEXT NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,
    seq    INTEGER NOT NULL,
    file   TEXT NOT NULL,
    line   INTEGER NOT NULL,
    reason TEXT NOT NULL,
    raw    TEXT NOT NULL,
    PRIMARY KEY (job_id, seq)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE schedules (
    name              TEXT PRIMARY KEY,
    cron              TEXT NOT NULL,
    timezone          TEXT NOT NULL,
    delay             INTEGER NOT NULL,
    database_name     TEXT NOT NULL,
    table_name        TEXT NOT NULL,
    time_column       TEXT,
    config            TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    last_scheduled_at INTEGER,
    lease_owner       TEXT,
    lease_until       INTEGER
  ) STRICT;

  CREATE TABLE authentications (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    settings   TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  `,
];

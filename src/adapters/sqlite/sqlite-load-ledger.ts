import type Database from 'better-sqlite3';
import { ledgerKey } from '../../domain/file-selector.js';
import type { LedgerEntry, LoadLedger } from '../../ports/state-store.js';

/**
 * LoadLedger in the SQLite catalog. `loaded` sends the whole file list as one JSON parameter and joins it
 * against the primary key (CROSS JOIN pins json_each as the outer loop, else SQLite scans the
 * ledger once per file), so 50,000 files cost one statement rather than 50,000 (see docs/decisions/catalog.md).
 */
export class SqliteLoadLedger implements LoadLedger {
  private readonly match: Database.Statement<[string, string], { key: string; etag: string }>;
  private readonly upsert: Database.Statement<[string, string, string, number, number, string, number]>;
  private readonly recordAll: (entries: readonly LedgerEntry[]) => void;

  constructor(db: Database.Database) {
    this.match = db.prepare(
      `SELECT l.key, l.etag FROM json_each(?) AS f
         CROSS JOIN load_ledger AS l ON l.source_id = ? AND l.key = f.value ->> 0 AND l.etag = f.value ->> 1`,
    );
    this.upsert = db.prepare(
      `INSERT INTO load_ledger (source_id, key, etag, size, last_modified, job_id, records) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (source_id, key, etag) DO UPDATE SET size = excluded.size, last_modified = excluded.last_modified,
           job_id = excluded.job_id, records = excluded.records`,
    );
    const tx = db.transaction((entries: readonly LedgerEntry[]) => {
      for (const e of entries) this.upsert.run(e.sourceId, e.key, e.etag, e.size, new Date(e.lastModified).getTime(), e.jobId, e.records);
    });
    this.recordAll = (entries) => tx.immediate(entries);
  }

  async loaded(sourceId: string, files: readonly { key: string; etag: string }[]): Promise<Set<string>> {
    const out = new Set<string>();
    if (files.length === 0) return out;
    const pairs = JSON.stringify(files.map((f) => [f.key, f.etag]));
    for (const row of this.match.iterate(pairs, sourceId)) out.add(ledgerKey(row));
    return out;
  }

  async record(entries: readonly LedgerEntry[]): Promise<void> {
    if (entries.length > 0) this.recordAll(entries);
  }
}

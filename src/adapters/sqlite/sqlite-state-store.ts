import type Database from 'better-sqlite3';
import type { ConfigDiff } from '../../domain/model/source-options.js';
import type { Clock } from '../../ports/clock.js';
import type { StateStore, StoredState } from '../../ports/state-store.js';
import { stateConflict } from '../in-memory/in-memory-state-store.js';

interface StateRow {
  config_diff: string;
  version: number;
  updated_at: number;
}

/** StateStore in the SQLite catalog; compare-and-set is one conditional statement, atomic across processes. */
export class SqliteStateStore implements StateStore {
  private readonly select: Database.Statement<[string], StateRow>;
  private readonly insertFirst: Database.Statement<[string, string, number]>;
  private readonly updateIf: Database.Statement<[string, number, string, number]>;
  private readonly remove: Database.Statement<[string]>;

  constructor(db: Database.Database, private readonly clock: Clock) {
    this.select = db.prepare('SELECT config_diff, version, updated_at FROM state WHERE source_id = ?');
    this.insertFirst = db.prepare('INSERT INTO state (source_id, config_diff, version, updated_at) VALUES (?, ?, 1, ?) ON CONFLICT (source_id) DO NOTHING');
    this.updateIf = db.prepare('UPDATE state SET config_diff = ?, version = version + 1, updated_at = ? WHERE source_id = ? AND version = ?');
    this.remove = db.prepare('DELETE FROM state WHERE source_id = ?');
  }

  async get(sourceId: string): Promise<StoredState | undefined> {
    const row = this.select.get(sourceId);
    if (!row) return undefined;
    return { configDiff: JSON.parse(row.config_diff) as ConfigDiff, version: row.version, updatedAt: new Date(row.updated_at) };
  }

  async put(sourceId: string, configDiff: ConfigDiff, expectedVersion: number): Promise<number> {
    const json = JSON.stringify(configDiff);
    const now = this.clock.now().getTime();
    const changed =
      expectedVersion === 0 ? this.insertFirst.run(sourceId, json, now).changes : this.updateIf.run(json, now, sourceId, expectedVersion).changes;
    if (changed !== 1) throw stateConflict(sourceId, expectedVersion, this.select.get(sourceId)?.version ?? 0);
    return expectedVersion + 1;
  }

  async delete(sourceId: string): Promise<void> {
    this.remove.run(sourceId);
  }
}

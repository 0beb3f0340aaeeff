import type Database from 'better-sqlite3';
import type { AuthenticationStore, SavedAuthentication } from '../../ports/authentication-store.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { authenticationExists } from '../in-memory/in-memory-authentication-store.js';
import { openedJson, sealedJson } from './secret-fields.js';

interface AuthRow {
  id: string;
  name: string;
  settings: string;
  created_at: number;
}

/** AuthenticationStore in the SQLite catalog; every secret value in `settings` is sealed with AES-256-GCM. */
export class SqliteAuthenticationStore implements AuthenticationStore {
  private readonly insert: Database.Statement<[AuthRow]>;
  private readonly byId: Database.Statement<[string], AuthRow>;
  private readonly byName: Database.Statement<[string], AuthRow>;
  private readonly all: Database.Statement<[], AuthRow>;
  private readonly remove: Database.Statement<[string]>;

  constructor(db: Database.Database, private readonly box: SecretBox) {
    this.insert = db.prepare('INSERT INTO authentications (id, name, settings, created_at) VALUES (@id, @name, @settings, @created_at)');
    this.byId = db.prepare('SELECT id, name, settings, created_at FROM authentications WHERE id = ?');
    this.byName = db.prepare('SELECT id, name, settings, created_at FROM authentications WHERE name = ?');
    this.all = db.prepare('SELECT id, name, settings, created_at FROM authentications ORDER BY name');
    this.remove = db.prepare('DELETE FROM authentications WHERE id = ?');
  }

  async create(auth: SavedAuthentication): Promise<void> {
    try {
      this.insert.run({ id: auth.id, name: auth.name, settings: sealedJson(auth.settings, this.box), created_at: auth.createdAt.getTime() });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw error;
      throw this.byId.get(auth.id) ? authenticationExists('id', auth.id) : authenticationExists('name', auth.name);
    }
  }

  async get(idOrName: string): Promise<SavedAuthentication | undefined> {
    const row = this.find(idOrName);
    return row && this.fromRow(row);
  }

  async list(): Promise<SavedAuthentication[]> {
    return this.all.all().map((row) => this.fromRow(row));
  }

  async delete(idOrName: string): Promise<boolean> {
    const row = this.find(idOrName);
    return row ? this.remove.run(row.id).changes === 1 : false;
  }

  // An id match wins over a name match, as in the in-memory store.
  private find(idOrName: string): AuthRow | undefined {
    return this.byId.get(idOrName) ?? this.byName.get(idOrName);
  }

  private fromRow(row: AuthRow): SavedAuthentication {
    return { id: row.id, name: row.name, settings: openedJson(row.settings, this.box) as Record<string, unknown>, createdAt: new Date(row.created_at) };
  }
}

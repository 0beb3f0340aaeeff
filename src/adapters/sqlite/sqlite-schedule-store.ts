import type Database from 'better-sqlite3';
import type { Schedule, ScheduleStore } from '../../ports/schedule-store.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { scheduleExists, scheduleNotFound } from '../in-memory/in-memory-schedule-store.js';
import { openedJson, sealedJson } from './secret-fields.js';

interface ScheduleRow {
  name: string;
  cron: string;
  timezone: string;
  delay: number;
  database_name: string;
  table_name: string;
  time_column: string | null;
  config: string;
  created_at: number;
  last_scheduled_at: number | null;
}

const COLUMNS = ['name', 'cron', 'timezone', 'delay', 'database_name', 'table_name', 'time_column', 'config', 'created_at', 'last_scheduled_at'] as const;

/**
 * ScheduleStore in the SQLite catalog. Secrets anywhere in `config` are sealed. The lease lives in the same row
 * and is taken by one conditional UPDATE, so two scheduler processes sharing the file never both win it.
 */
export class SqliteScheduleStore implements ScheduleStore {
  private readonly insert: Database.Statement<[ScheduleRow]>;
  private readonly change: Database.Statement<[ScheduleRow]>;
  private readonly one: Database.Statement<[string], ScheduleRow>;
  private readonly all: Database.Statement<[], ScheduleRow>;
  private readonly remove: Database.Statement<[string]>;
  private readonly lease: Database.Statement<[string, number, string, number, string]>;
  private readonly release: Database.Statement<[string, string]>;

  constructor(db: Database.Database, private readonly box: SecretBox) {
    this.insert = db.prepare(`INSERT INTO schedules (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')}) ON CONFLICT (name) DO NOTHING`);
    // The lease columns are left out: editing a schedule must not free a lease a running job holds.
    this.change = db.prepare(`UPDATE schedules SET ${COLUMNS.slice(1).map((c) => `${c} = @${c}`).join(', ')} WHERE name = @name`);
    this.one = db.prepare(`SELECT ${COLUMNS.join(', ')} FROM schedules WHERE name = ?`);
    this.all = db.prepare(`SELECT ${COLUMNS.join(', ')} FROM schedules ORDER BY name`);
    this.remove = db.prepare('DELETE FROM schedules WHERE name = ?');
    this.lease = db.prepare(
      `UPDATE schedules SET lease_owner = ?, lease_until = ?
        WHERE name = ? AND (lease_owner IS NULL OR lease_until <= ? OR lease_owner = ?)`,
    );
    this.release = db.prepare('UPDATE schedules SET lease_owner = NULL, lease_until = NULL WHERE name = ? AND lease_owner = ?');
  }

  async create(schedule: Schedule): Promise<void> {
    if (this.insert.run(this.toRow(schedule)).changes !== 1) throw scheduleExists(schedule.name);
  }

  async update(schedule: Schedule): Promise<void> {
    if (this.change.run(this.toRow(schedule)).changes !== 1) throw scheduleNotFound(schedule.name);
  }

  async get(name: string): Promise<Schedule | undefined> {
    const row = this.one.get(name);
    return row && this.fromRow(row);
  }

  async list(): Promise<Schedule[]> {
    return this.all.all().map((row) => this.fromRow(row));
  }

  async delete(name: string): Promise<void> {
    if (this.remove.run(name).changes !== 1) throw scheduleNotFound(name);
  }

  async acquireLease(name: string, owner: string, until: Date, now: Date): Promise<boolean> {
    return this.lease.run(owner, until.getTime(), name, now.getTime(), owner).changes === 1;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    this.release.run(name, owner);
  }

  private toRow(s: Schedule): ScheduleRow {
    return {
      name: s.name,
      cron: s.cron,
      timezone: s.timezone,
      delay: s.delay,
      database_name: s.database,
      table_name: s.table,
      time_column: s.timeColumn,
      config: sealedJson(s.config, this.box),
      created_at: s.createdAt.getTime(),
      last_scheduled_at: s.lastScheduledAt?.getTime() ?? null,
    };
  }

  private fromRow(row: ScheduleRow): Schedule {
    return {
      name: row.name,
      cron: row.cron,
      timezone: row.timezone,
      delay: row.delay,
      database: row.database_name,
      table: row.table_name,
      timeColumn: row.time_column,
      config: openedJson(row.config, this.box) as Record<string, unknown>,
      createdAt: new Date(row.created_at),
      lastScheduledAt: row.last_scheduled_at === null ? null : new Date(row.last_scheduled_at),
    };
  }
}

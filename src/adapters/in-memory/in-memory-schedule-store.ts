import { ImportError } from '../../domain/errors.js';
import type { Schedule, ScheduleStore } from '../../ports/schedule-store.js';

interface Lease {
  owner: string;
  until: Date;
}

/** ScheduleStore in process memory; the lease only coordinates callers inside this process. */
export class InMemoryScheduleStore implements ScheduleStore {
  private readonly schedules = new Map<string, Schedule>();
  private readonly leases = new Map<string, Lease>();

  async create(schedule: Schedule): Promise<void> {
    if (this.schedules.has(schedule.name)) throw scheduleExists(schedule.name);
    this.schedules.set(schedule.name, structuredClone(schedule));
  }

  async update(schedule: Schedule): Promise<void> {
    if (!this.schedules.has(schedule.name)) throw scheduleNotFound(schedule.name);
    this.schedules.set(schedule.name, structuredClone(schedule));
  }

  async get(name: string): Promise<Schedule | undefined> {
    const schedule = this.schedules.get(name);
    return schedule && structuredClone(schedule);
  }

  async list(): Promise<Schedule[]> {
    const names = [...this.schedules.keys()].sort();
    return names.map((name) => structuredClone(this.schedules.get(name) as Schedule));
  }

  async delete(name: string): Promise<void> {
    if (!this.schedules.delete(name)) throw scheduleNotFound(name);
    this.leases.delete(name);
  }

  async acquireLease(name: string, owner: string, until: Date, now: Date): Promise<boolean> {
    if (!this.schedules.has(name)) return false;
    const lease = this.leases.get(name);
    if (lease && lease.owner !== owner && lease.until.getTime() > now.getTime()) return false;
    this.leases.set(name, { owner, until: new Date(until) });
    return true;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    if (this.leases.get(name)?.owner === owner) this.leases.delete(name);
  }
}

/** The ALREADY_EXISTS error both catalog adapters throw for a taken schedule name. */
export function scheduleExists(name: string): ImportError {
  return new ImportError('ALREADY_EXISTS', `a schedule named ${JSON.stringify(name)} already exists; choose another name, or change it with \`s3-import update\``, {
    details: { schedule: name },
  });
}

/** The NOT_FOUND error both catalog adapters throw for an unknown schedule. */
export function scheduleNotFound(name: string): ImportError {
  return new ImportError('NOT_FOUND', `no schedule named ${JSON.stringify(name)}; see the saved schedules with \`s3-import list\``, { details: { schedule: name } });
}

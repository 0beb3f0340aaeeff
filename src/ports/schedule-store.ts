export interface Schedule {
  readonly name: string;
  readonly cron: string;
  /** IANA time zone name. */
  readonly timezone: string;
  /** Seconds to wait after the cron time before running. */
  readonly delay: number;
  readonly database: string;
  readonly table: string;
  readonly timeColumn: string | null;
  /** The load config (in/filters/out/exec) with secrets; adapters encrypt secrets at rest. */
  readonly config: Record<string, unknown>;
  readonly createdAt: Date;
  /** The cron slot last started (for at-most-once catch-up after downtime). */
  readonly lastScheduledAt: Date | null;
}

/** Saved schedules, with a lease so two schedulers never run one schedule at once. */
export interface ScheduleStore {
  create(schedule: Schedule): Promise<void>;
  update(schedule: Schedule): Promise<void>;
  get(name: string): Promise<Schedule | undefined>;
  list(): Promise<Schedule[]>;
  delete(name: string): Promise<void>;
  /** Takes the lease on a schedule for `owner` until `until`; false when someone else holds a live lease. */
  acquireLease(name: string, owner: string, until: Date, now: Date): Promise<boolean>;
  releaseLease(name: string, owner: string): Promise<void>;
}
export const ScheduleStore = Symbol.for('s3-import:ScheduleStore');

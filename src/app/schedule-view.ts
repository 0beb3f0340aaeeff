import { CronSchedule } from '../domain/cron-schedule.js';
import { ImportError } from '../domain/errors.js';
import type { Schedule } from '../ports/schedule-store.js';
import { nextRunAt } from './schedule-timing.js';

/** A schedule as `list`, `create` and `update` report it: its own fields without config (so no secrets). */
export type ScheduleView = Pick<Schedule, 'name' | 'cron' | 'timezone' | 'delay' | 'database' | 'table' | 'timeColumn'> & {
  /** When the next run starts (cron time + delay); in the past when a run is due and no scheduler has started it. */
  readonly nextRun: Date;
};

/** The view of a saved schedule at `now`. */
export function toView(schedule: Schedule, now: Date): ScheduleView {
  return {
    name: schedule.name,
    cron: schedule.cron,
    timezone: schedule.timezone,
    delay: schedule.delay,
    database: schedule.database,
    table: schedule.table,
    timeColumn: schedule.timeColumn,
    nextRun: nextRunAt(schedule, CronSchedule.parse(schedule.cron, schedule.timezone), now),
  };
}

/** NOT_FOUND for an unknown schedule name, saying how to see the saved ones. */
export function noSuchSchedule(name: string): ImportError {
  return new ImportError('NOT_FOUND', `no schedule named ${JSON.stringify(name)}; see the saved schedules with \`s3-import list\``, { details: { schedule: name } });
}

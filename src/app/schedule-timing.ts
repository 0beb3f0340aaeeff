import type { CronSchedule } from '../domain/cron-schedule.js';
import type { Schedule } from '../ports/schedule-store.js';

/**
 * Slots strictly after this instant are still owed a run. Before the first run that is the creation time, moved
 * back by the delay: a slot whose delayed start falls after creation still runs.
 */
export function slotFloor(schedule: Schedule): Date {
  return schedule.lastScheduledAt ?? new Date(schedule.createdAt.getTime() - schedule.delay * 1000 - 1);
}

/**
 * The slot to run at `now`, or null. Only the latest slot whose start time (slot + delay) has come is returned:
 * after downtime the missed slots before it are dropped (an incremental import catches their files up anyway).
 */
export function dueSlot(schedule: Schedule, cron: CronSchedule, now: Date): Date | null {
  const latest = cron.latestAtOrBefore(new Date(now.getTime() - schedule.delay * 1000));
  return latest && latest.getTime() > slotFloor(schedule).getTime() ? latest : null;
}

/** When the schedule will next start (slot + delay); in the past when a slot is due and not started yet. */
export function nextRunAt(schedule: Schedule, cron: CronSchedule, now: Date): Date {
  const delayMs = schedule.delay * 1000;
  const due = dueSlot(schedule, cron, now);
  if (due) return new Date(due.getTime() + delayMs);
  const from = Math.max(slotFloor(schedule).getTime(), now.getTime() - delayMs);
  return new Date(cron.next(new Date(from)).getTime() + delayMs);
}

/** The idempotency key of a slot's job: whichever scheduler records the slot first (run or skip) owns it. */
export function slotUniqueId(name: string, slot: Date): string {
  return `schedule:${name}@${slot.toISOString()}`;
}

/** Where a schedule's incremental state lives in the StateStore. */
export function scheduleStateId(name: string): string {
  return `schedule:${name}`;
}

import { ImportError } from '../domain/errors.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ScheduleStore } from '../ports/schedule-store.js';

/** How long a schedule lease lasts without renewal; a crashed scheduler blocks its schedules at most this long. */
export const DEFAULT_LEASE_MS = 60_000;

export interface LeaseHolder {
  readonly scheduleStore: ScheduleStore;
  readonly clock: Clock;
  readonly logger?: Logger;
  readonly leaseMs: number;
}

/**
 * Runs `work` while holding the lease of schedule `name` (already acquired by `owner`), renewing it every third of
 * its length so a long import keeps it. When a renewal fails (this process stalled past the lease and another
 * scheduler took over), `work`'s signal aborts: the load rolls back rather than run the schedule twice at once.
 * The lease is released at the end, whatever happens.
 */
export async function withRenewedLease<T>(
  holder: LeaseHolder,
  name: string,
  owner: string,
  outer: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const lost = new AbortController();
  const signal = outer ? AbortSignal.any([outer, lost.signal]) : lost.signal;
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewing.then(async () => {
      if (lost.signal.aborted) return;
      const now = holder.clock.now();
      const kept = await holder.scheduleStore.acquireLease(name, owner, new Date(now.getTime() + holder.leaseMs), now).catch(() => false);
      if (!kept) {
        holder.logger?.error(`schedule ${name}: lost its lease while running; stopping this run so it never runs twice at once`);
        lost.abort(new ImportError('CANCELLED', `schedule ${name}: this scheduler lost the schedule's lease (it stalled for longer than ${holder.leaseMs} ms); the load was rolled back and the next run picks up the files`));
      }
    });
  }, Math.max(10, Math.floor(holder.leaseMs / 3)));
  try {
    return await work(signal);
  } finally {
    clearInterval(timer);
    await renewing;
    await holder.scheduleStore.releaseLease(name, owner).catch((error: unknown) => holder.logger?.warn(`schedule ${name}: could not release its lease (${String(error)}); it expires by itself`));
  }
}

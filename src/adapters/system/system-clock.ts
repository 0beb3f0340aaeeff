import { randomBytes } from 'node:crypto';
import type { Clock, IdGenerator } from '../../ports/clock.js';

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** Job ids that sort by creation time: 20261126113640-3f9a1c. */
export class TimeSortableIdGenerator implements IdGenerator {
  constructor(private readonly clock: Clock = new SystemClock()) {}

  newId(): string {
    const stamp = this.clock.now().toISOString().replace(/[-:TZ.]/g, '').slice(0, 14);
    return `${stamp}-${randomBytes(3).toString('hex')}`;
  }
}

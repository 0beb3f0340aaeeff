/**
 * Runs `work` over items with at most `limit` in flight. The first failure aborts `controller` (so in-flight
 * reads stop), lets running items settle, and is rethrown; no new item starts after it.
 */
export async function runPool<T>(items: readonly T[], limit: number, controller: AbortController, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        if (failure === undefined) failure = { error };
        controller.abort(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== undefined) throw failure.error;
}

/** Serialises async sections (e.g. writes into one TableLoad). */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<R>(section: () => Promise<R>): Promise<R> {
    const result = this.tail.then(section);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/** At most `capacity` holders at a time, served in order; a waiter leaves when `signal` aborts. */
export class Semaphore {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly capacity: number) {}

  /** Resolves to the release function once a place is free; rejects with the signal's reason on abort. */
  async acquire(signal: AbortSignal): Promise<() => void> {
    signal.throwIfAborted();
    if (this.held >= this.capacity) {
      await new Promise<void>((resolve, reject) => {
        const turn = (): void => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = (): void => {
          const at = this.waiting.indexOf(turn);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(turn);
      });
    } else this.held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The place goes straight to the next waiter (held stays the same), or is freed.
      if (next !== undefined) next();
      else this.held--;
    };
  }
}

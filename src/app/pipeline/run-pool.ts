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

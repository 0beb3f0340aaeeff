/**
 * An unbounded single-consumer queue between callbacks and an async loop. Bounds come from the credit protocol
 * that feeds it (see worker-file-processor.ts), not from the queue.
 */
export class AsyncQueue<T> {
  private readonly items: T[] = [];
  private waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;

  push(item: T): void {
    if (this.ended || this.failure) return;
    if (this.waiter) this.settle().resolve({ value: item, done: false });
    else this.items.push(item);
  }

  end(): void {
    this.ended = true;
    if (this.waiter && this.items.length === 0) this.settle().resolve({ value: undefined, done: true });
  }

  /** Fails the consumer now; queued items are dropped (the first failure wins). */
  fail(error: unknown): void {
    if (this.failure) return;
    this.failure = { error };
    this.items.length = 0;
    if (this.waiter) this.settle().reject(error);
  }

  get size(): number {
    return this.items.length;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const result = await this.next();
      if (result.done) return;
      yield result.value;
    }
  }

  private settle(): { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } {
    const waiter = this.waiter!;
    this.waiter = undefined;
    return waiter;
  }
}

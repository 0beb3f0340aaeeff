/**
 * Reads ahead of its consumer: starts pulling `source` at once and keeps up to `maxBytes` of it buffered, so an
 * object's first bytes arrive while the file before it is still being parsed (S3's first-byte latency is hidden
 * without parsing many files at once). Errors surface when the consumer reaches them. close() stops the reading
 * (and must be called when the consumer may not have finished: a job that stops before this file's turn).
 */
export class Prefetch implements AsyncIterable<Uint8Array> {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private readonly queue: Uint8Array[] = [];
  private buffered = 0;
  private done = false;
  private failure: { error: unknown } | undefined;
  private stopped = false;
  private wakeConsumer: (() => void) | undefined;
  private wakePump: (() => void) | undefined;
  private readonly pumping: Promise<void>;

  constructor(source: AsyncIterable<Uint8Array>, private readonly maxBytes: number) {
    this.iterator = source[Symbol.asyncIterator]();
    this.pumping = this.pump();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    try {
      for (;;) {
        const chunk = this.queue.shift();
        if (chunk !== undefined) {
          this.buffered -= chunk.length;
          this.wake('pump');
          yield chunk;
          continue;
        }
        if (this.failure !== undefined) throw this.failure.error;
        if (this.done) return;
        await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
      }
    } finally {
      await this.close();
    }
  }

  /** Stops reading ahead and releases the source (idempotent). */
  async close(): Promise<void> {
    if (this.stopped) return this.pumping;
    this.stopped = true;
    this.queue.length = 0;
    this.wake('pump');
    await this.pumping;
    if (!this.done && this.failure === undefined) await this.iterator.return?.();
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        while (this.buffered >= this.maxBytes && !this.stopped) await new Promise<void>((resolve) => (this.wakePump = resolve));
        if (this.stopped) return;
        const next = await this.iterator.next();
        if (next.done === true) {
          this.done = true;
          return;
        }
        if (this.stopped) return;
        this.queue.push(next.value);
        this.buffered += next.value.length;
        this.wake('consumer');
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.wake('consumer');
    }
  }

  private wake(who: 'consumer' | 'pump'): void {
    const wake = who === 'consumer' ? this.wakeConsumer : this.wakePump;
    if (who === 'consumer') this.wakeConsumer = undefined;
    else this.wakePump = undefined;
    wake?.();
  }
}

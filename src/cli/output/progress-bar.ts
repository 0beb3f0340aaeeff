import type { ProgressReporter, ProgressSnapshot } from '../../ports/logger.js';

/** A one-line progress bar on a TTY stream (stderr): files, bytes, records, rate and ETA. */
export class TtyProgressBar implements ProgressReporter {
  private startedAt = 0;
  private lastDraw = 0;
  private total = { files: 0, bytes: 0 };

  constructor(private readonly stream: NodeJS.WriteStream) {}

  start(total: { files: number; bytes: number }): void {
    this.total = total;
    this.startedAt = Date.now();
  }

  update(s: ProgressSnapshot): void {
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const seconds = Math.max(0.001, (now - this.startedAt) / 1000);
    const rate = s.bytesDone / seconds;
    const fraction = this.total.bytes > 0 ? Math.min(1, s.bytesDone / this.total.bytes) : 0;
    const eta = rate > 0 && this.total.bytes > 0 ? (this.total.bytes - s.bytesDone) / rate : 0;
    const bar = '#'.repeat(Math.round(fraction * 20)).padEnd(20, '.');
    const line = `[${bar}] ${(fraction * 100).toFixed(0).padStart(3)}% files ${s.filesDone}/${this.total.files} ${mb(s.bytesDone)}/${mb(this.total.bytes)} ${s.records.toLocaleString('en-US')} records ${mb(rate)}/s ETA ${Math.ceil(eta)}s`;
    this.stream.write(`\r${line.slice(0, (this.stream.columns ?? 120) - 1)}\x1b[K`);
  }

  finish(): void {
    if (this.lastDraw > 0) this.stream.write('\r\x1b[K');
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

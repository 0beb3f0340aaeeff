/** Structured logging. Messages and fields must never contain secrets. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
export const Logger = Symbol.for('s3-import:Logger');

export interface ProgressSnapshot {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly records: number;
}

/** Receives progress during an import (a TTY progress bar, a host's metrics, nothing). */
export interface ProgressReporter {
  start(total: { files: number; bytes: number }): void;
  update(snapshot: ProgressSnapshot): void;
  finish(): void;
}
export const ProgressReporter = Symbol.for('s3-import:ProgressReporter');

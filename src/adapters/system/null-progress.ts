import type { ProgressReporter } from '../../ports/logger.js';

/** Reports nothing (libraries, --quiet, non-TTY). */
export class NullProgress implements ProgressReporter {
  start(): void {}
  update(): void {}
  finish(): void {}
}

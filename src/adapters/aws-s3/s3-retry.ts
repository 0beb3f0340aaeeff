import type { ImportError } from '../../domain/errors.js';

/** Back-off settings (embulk-input-s3's keys and defaults). */
export interface RetryPolicy {
  /** Retries after the first attempt: up to 1 + maximumRetries attempts. */
  readonly maximumRetries: number;
  readonly initialIntervalMillis: number;
  readonly maximumIntervalMillis: number;
}

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The wait before retry number `retry` (1-based): the interval doubles from the initial one up to the cap,
 * and the wait is drawn from its upper half ("equal jitter") so parallel readers do not retry in lockstep.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maximumIntervalMillis, policy.initialIntervalMillis * 2 ** Math.min(retry - 1, 30));
  return Math.round(base / 2 + random() * (base / 2));
}

/** Runs `attempt` until it succeeds or fails with a non-retryable error (already mapped) or retries run out. */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  mapError: (error: unknown) => ImportError,
  policy: RetryPolicy,
  sleep: Sleep,
  onRetry?: (error: ImportError, retry: number, delayMs: number) => void,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      const mapped = mapError(error);
      if (!mapped.retryable || retry >= policy.maximumRetries) throw mapped;
      const delay = backoffDelay(policy, retry + 1);
      onRetry?.(mapped, retry + 1, delay);
      await sleep(delay);
    }
  }
}

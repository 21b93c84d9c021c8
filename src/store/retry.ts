/** Retry with exponential backoff and jitter, for callers of the store (or anything else async). */

import { sleep } from '../clock.ts';

export interface RetryOptions {
  /** Total number of tries, including the first (>= 1). */
  attempts: number;
  /** Delay cap before the 2nd try; doubles each time. */
  baseMs: number;
  /** Upper bound for any single delay. */
  maxMs: number;
  /** Return false to stop retrying on this error (e.g. a validation error). Default: always retry. */
  retryIf?: (error: unknown) => boolean;
  /** Called before each wait, e.g. to log. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/**
 * Delay after failed try number `attempt` (1-based): "equal jitter", a random value between half
 * and all of min(maxMs, baseMs * 2^(attempt-1)). Never zero, still spreads out competing callers.
 */
export function backoffDelay(
  attempt: number,
  options: Pick<RetryOptions, 'baseMs' | 'maxMs'>,
  random = Math.random,
) {
  const cap = Math.min(options.maxMs, options.baseMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = Math.max(1, Math.floor(options.attempts));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= attempts || (options.retryIf && !options.retryIf(error))) throw error;
      const delay = backoffDelay(attempt, options);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}

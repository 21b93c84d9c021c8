/**
 * Time. Every module that needs "now" takes a Clock, so tests drive time by hand (the store's
 * expiry, the scheduler's runs and leases, command dates all read the same one). Timeouts and sleeps
 * are real timers: they bound how long we wait, not what time it is.
 */

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Waiting, injectable so tests can shorten backoffs without faking time. */
export interface Timers {
  sleep(ms: number): Promise<void>;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, Math.max(0, ms));
  });

export const realTimers: Timers = { sleep };

/**
 * Settles like `work`, unless `ms` pass first: then resolves with `onTimeout()` (or rejects with
 * what it throws). The timer never keeps the process alive and is cleared as soon as `work` settles.
 */
export function withDeadline<T, L = never>(work: Promise<T>, ms: number, onTimeout: () => L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<L>((resolve, reject) => {
    timer = setTimeout(
      () => {
        try {
          resolve(onTimeout());
        } catch (error) {
          reject(error);
        }
      },
      Math.max(0, ms),
    );
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

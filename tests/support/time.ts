import type { Clock } from '../../src/clock.ts';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A clock that moves only when told: tests set the time instead of waiting for it. */
export class ManualClock implements Clock {
  constructor(public ms: number = Date.now()) {}
  now = (): Date => new Date(this.ms);
  set(at: string | number): void {
    this.ms = typeof at === 'number' ? at : Date.parse(at);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Polls `condition` until it holds; rejects naming `what` after `timeoutMs`. Resolves with the wait. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 25,
): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
  return Date.now() - started;
}

import { describe, expect, it, vi } from 'vitest';
import { backoffDelay, withRetry } from '../../src/store/index.ts';

describe('withRetry', () => {
  it('returns the first success and passes the attempt number', async () => {
    const fn = vi.fn(async (attempt: number) => {
      if (attempt < 3) throw new Error(`fail ${attempt}`);
      return 'ok';
    });
    const onRetry = vi.fn();
    await expect(withRetry(fn, { attempts: 5, baseMs: 1, maxMs: 5, onRetry })).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(3);
    expect(onRetry).toHaveBeenCalledTimes(2);
  });

  it('rethrows the last error after the given number of attempts', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error(`fail ${calls}`);
        },
        { attempts: 3, baseMs: 1, maxMs: 2 },
      ),
    ).rejects.toThrow('fail 3');
    expect(calls).toBe(3);
  });

  it('stops at once when retryIf says no', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new TypeError('not transient');
        },
        { attempts: 5, baseMs: 1, maxMs: 2, retryIf: (e) => !(e instanceof TypeError) },
      ),
    ).rejects.toThrow('not transient');
    expect(calls).toBe(1);
  });

  it('backs off exponentially with jitter, capped at maxMs', () => {
    const opts = { baseMs: 100, maxMs: 1_000 };
    expect(backoffDelay(1, opts, () => 0)).toBe(50);
    expect(backoffDelay(1, opts, () => 1)).toBe(100);
    expect(backoffDelay(2, opts, () => 1)).toBe(200);
    expect(backoffDelay(3, opts, () => 0.5)).toBe(300);
    expect(backoffDelay(10, opts, () => 1)).toBe(1_000);
    expect(backoffDelay(10, opts, () => 0)).toBe(500);
  });
});

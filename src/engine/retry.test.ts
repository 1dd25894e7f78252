import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, createRetry } from './retry';
import { until } from './testing';

afterEach(() => {
  vi.useRealTimers();
});

describe('backoff', () => {
  it('doubles from one second, with jitter between half and all of it, up to the cap', () => {
    expect(backoffDelay(0, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(0, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(3, 60_000, () => 1)).toBe(8000);
    expect(backoffDelay(30, 60_000, () => 1)).toBe(60_000);
    expect(backoffDelay(30, 5000, () => 0)).toBe(2500);
  });

  it('retries until success, and "now" skips the wait', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const waits: number[] = [];
    const retry = createRetry({
      maxDelayMs: 60_000,
      random: () => 1,
      attempt: async () => {
        calls++;
        if (calls < 4) throw new Error('down');
      },
      onWaiting: (at) => waits.push(at - Date.now()),
    });
    retry.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    retry.now(); // e.g. the browser says it is online again
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(3);
    await vi.advanceTimersByTimeAsync(4000);
    expect(calls).toBe(4);
    expect(retry.active).toBe(false);
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it('gives up on a fatal error, such as a wrong password', async () => {
    const gaveUp: unknown[] = [];
    const retry = createRetry({
      maxDelayMs: 1000,
      attempt: async () => {
        throw new Error('auth');
      },
      fatal: () => true,
      onGiveUp: (e) => gaveUp.push(e),
    });
    retry.start();
    await until(() => expect(gaveUp).toHaveLength(1));
    expect(retry.active).toBe(false);
  });
});

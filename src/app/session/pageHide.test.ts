// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeOnPageHide } from './pageHide';

/** A lock manager whose queue the test sets; counts how often it is asked. */
function locks() {
  const state = { pending: [] as Array<{ name: string }>, asked: 0 };
  return {
    state,
    api: {
      query: async () => {
        state.asked++;
        return { held: [{ name: 'lead' }], pending: state.pending };
      },
    } as unknown as Pick<LockManager, 'query'>,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('closeOnPageHide', () => {
  it('a tab on its own asks once and then never polls; it closes the stream as the page goes', async () => {
    vi.useFakeTimers();
    const l = locks();
    const closeNow = vi.fn();
    const watch = closeOnPageHide(closeNow, l.api, 'lead');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(l.state.asked).toBe(1);
    globalThis.dispatchEvent(new Event('pagehide'));
    expect(closeNow).toHaveBeenCalledTimes(1);
    watch.stop();
  });

  it('watches while another tab waits to lead, leaves the stream to it, and stops when it goes', async () => {
    vi.useFakeTimers();
    const l = locks();
    const closeNow = vi.fn();
    const watch = closeOnPageHide(closeNow, l.api, 'lead');
    await vi.advanceTimersByTimeAsync(0);
    // Another tab says hello, then asks for the lock a moment later.
    watch.recheck();
    l.state.pending = [{ name: 'lead' }];
    await vi.advanceTimersByTimeAsync(1_000);
    globalThis.dispatchEvent(new Event('pagehide'));
    expect(closeNow).not.toHaveBeenCalled();
    const whileWaiting = l.state.asked;
    await vi.advanceTimersByTimeAsync(9_000);
    expect(l.state.asked).toBe(whileWaiting + 3);
    // It closed: one more look, and then quiet again.
    l.state.pending = [];
    await vi.advanceTimersByTimeAsync(3_000);
    const after = l.state.asked;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(l.state.asked).toBe(after);
    globalThis.dispatchEvent(new Event('pagehide'));
    expect(closeNow).toHaveBeenCalledTimes(1);
    watch.stop();
  });
});

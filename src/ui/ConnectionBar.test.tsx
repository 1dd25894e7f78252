// @vitest-environment jsdom
import { render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The connection row as the mirror would answer it; one answer is enough here.
const state = vi.hoisted(() => ({ conn: { status: 'online', at: 0 } as Record<string, unknown> }));
vi.mock('../app/queries', () => ({ connectionQuery: () => Promise.resolve(state.conn) }));
vi.mock('../app/session', () => ({
  currentAccount: () => 'me@x.org',
  retryNow: () => Promise.resolve(),
  signIn: () => Promise.resolve(),
}));
vi.mock('../app/live', () => ({
  liveQuery: (fn: () => Promise<unknown>) => ({
    subscribe(o: { next: (v: unknown) => void }) {
      void fn().then((v) => o.next(v));
      return { unsubscribe() {} };
    },
  }),
}));

const { ConnectionBar } = await import('./ConnectionBar');

afterEach(() => {
  vi.useRealTimers();
});

describe('ConnectionBar', () => {
  it('counts down to the next try while offline', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    state.conn = { status: 'offline', at: 0, retryAt: 1_005_000 };
    const { unmount } = render(() => <ConnectionBar />);
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByRole('status').textContent).toContain('Trying again in 5 s');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(screen.getByRole('status').textContent).toContain('Trying again in 3 s');
    unmount();
  });

  it('sets no clock while connected (an idle app wakes for nothing)', async () => {
    vi.useFakeTimers();
    state.conn = { status: 'online', at: 0 };
    const interval = vi.spyOn(globalThis, 'setInterval');
    const { unmount } = render(() => <ConnectionBar />);
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByRole('status').textContent).toContain('Connected');
    expect(interval).not.toHaveBeenCalled();
    unmount();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchNotificationPermission } from './display';

/** A browser's Notification whose permission getter counts its reads, and a Permissions API. */
function fakeBrowser(options: { permissionsApi: boolean }) {
  let permission: NotificationPermission = 'default';
  let reads = 0;
  const Notification = {
    get permission() {
      reads++;
      return permission;
    },
  };
  const status = new EventTarget();
  let answer: (s: EventTarget) => void = () => {};
  const query = vi.fn(
    () =>
      new Promise<EventTarget>((resolve) => {
        answer = resolve;
      }),
  );
  vi.stubGlobal('Notification', Notification);
  vi.stubGlobal('navigator', options.permissionsApi ? { permissions: { query } } : {});
  return {
    reads: () => reads,
    /** The browser's setting changes (a prompt answered, the site settings). */
    set(next: NotificationPermission, event: boolean) {
      permission = next;
      if (event) status.dispatchEvent(new Event('change'));
    },
    answerQuery: async () => {
      answer(status);
      await Promise.resolve();
    },
    query,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('watchNotificationPermission', () => {
  it('asks the browser only until the Permissions API answers, then keeps the answer', async () => {
    const browser = fakeBrowser({ permissionsApi: true });
    const watch = watchNotificationPermission();
    expect(browser.query).toHaveBeenCalledWith({ name: 'notifications' });
    expect(watch.read()).toBe('default');
    await browser.answerQuery();
    const before = browser.reads();
    for (let i = 0; i < 100; i++) expect(watch.read()).toBe('default');
    expect(browser.reads()).toBe(before);
    watch.stop();
  });

  it('follows a grant the browser reports, and reads live again once stopped', async () => {
    const browser = fakeBrowser({ permissionsApi: true });
    const watch = watchNotificationPermission();
    await browser.answerQuery();
    browser.set('granted', true);
    expect(watch.read()).toBe('granted');
    watch.stop();
    browser.set('denied', true);
    expect(watch.read()).toBe('denied');
  });

  it('reads live every time where there is no Permissions API', () => {
    const browser = fakeBrowser({ permissionsApi: false });
    const watch = watchNotificationPermission();
    expect(watch.read()).toBe('default');
    browser.set('granted', false);
    expect(watch.read()).toBe('granted');
    watch.stop();
  });

  it("says 'unsupported' where the browser has no notifications", () => {
    vi.stubGlobal('Notification', undefined);
    expect(watchNotificationPermission().read()).toBe('unsupported');
  });
});

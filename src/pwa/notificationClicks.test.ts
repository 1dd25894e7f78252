import { describe, expect, it } from 'vitest';
import {
  installNotificationClicks,
  type NotificationLike,
  type WindowClientLike,
  type WorkerScopeLike,
} from './notificationClicks';

const APP = 'https://chat.example/app/';

function fakeWorker(windows: Array<{ url: string; focused?: boolean }>, shown: string[]) {
  const events: string[] = [];
  const notes = shown.map(
    (tag): NotificationLike => ({ tag, close: () => events.push(`close ${tag}`) }),
  );
  const clients: WindowClientLike[] = windows.map((w, i) => ({
    ...w,
    focus: async () => events.push(`focus ${i}`),
    postMessage: (m) => events.push(`post ${i} ${JSON.stringify(m)}`),
  }));
  let click:
    | ((e: Parameters<Parameters<WorkerScopeLike['addEventListener']>[1]>[0]) => void)
    | null = null;
  const scope: WorkerScopeLike = {
    location: { href: `${APP}sw.js` },
    registration: { getNotifications: async (f) => notes.filter((n) => n.tag === f?.tag) },
    clients: {
      matchAll: async () => clients,
      openWindow: async (url) => events.push(`open ${url}`),
    },
    addEventListener: (_type, listener) => {
      click = listener;
    },
  };
  installNotificationClicks(scope);
  /** Click a notification of `tag` carrying `data`; resolves when the worker is done. */
  const clickOn = async (tag: string, data: unknown) => {
    let done: Promise<unknown> = Promise.resolve();
    click?.({
      notification: { tag, data, close: () => events.push(`close clicked ${tag}`) },
      waitUntil: (p) => {
        done = p;
      },
    });
    await done;
  };
  return { events, clickOn };
}

describe('a click on a notification', () => {
  it('focuses the open Parley window and tells it to open the conversation', async () => {
    const w = fakeWorker(
      [
        { url: 'https://other.example/' },
        { url: `${APP}#/` },
        { url: `${APP}#/chat/x@y`, focused: true },
      ],
      ['parley:ann@x.org', 'parley:bob@x.org'],
    );
    await w.clickOn('parley:ann@x.org', { route: '#/chat/ann@x.org', peer: 'ann@x.org' });
    expect(w.events).toEqual([
      'close clicked parley:ann@x.org',
      'close parley:ann@x.org',
      'focus 2',
      'post 2 {"type":"parley:open","route":"#/chat/ann@x.org"}',
    ]);
  });

  it('opens a window on the conversation when none is open', async () => {
    const w = fakeWorker([{ url: 'https://other.example/' }], []);
    await w.clickOn('parley:team@muc.x.org', { route: '#/room/team@muc.x.org' });
    expect(w.events).toContain(`open ${APP}#/room/team@muc.x.org`);
  });

  it('a forged route never leaves the app: the chat list opens instead', async () => {
    const w = fakeWorker([], []);
    await w.clickOn('parley:x', { route: 'https://evil.example/#/chat/a@b' });
    await w.clickOn('parley:y', { route: '#/chat/a@b/../../x?y' });
    await w.clickOn('parley:z', null);
    expect(w.events.filter((e) => e.startsWith('open'))).toEqual([
      `open ${APP}#/`,
      `open ${APP}#/`,
      `open ${APP}#/`,
    ]);
  });
});

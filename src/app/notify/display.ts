import type { NotificationDisplay } from './notifier';

/** What a notification carries for the service worker's click handler (src/pwa/notificationClicks.ts). */
export interface NotificationData {
  /** The app's place for the conversation, a hash route such as `#/chat/ann@example.com`. */
  route: string;
  peer: string;
}

/** The service worker's registration when one controls this page, else null (no wait). */
async function workerRegistration(): Promise<ServiceWorkerRegistration | null> {
  const sw = globalThis.navigator?.serviceWorker;
  if (!sw?.controller) return null;
  return (await sw.getRegistration()) ?? null;
}

/**
 * Notifications through the service worker when one is registered (they outlive the tab and
 * are what an installed app shows), through `new Notification` otherwise. `open` puts the
 * conversation on screen when a page-made notification is clicked; the worker's own click
 * handler posts `{ type: 'parley:open', route }` to the page it focuses instead.
 */
export function browserDisplay(
  routeOf: (peer: string, room: boolean) => string,
  open: (route: string) => void,
): NotificationDisplay & { stop: () => void } {
  const own = new Map<string, Notification>();
  const fromWorker = (e: MessageEvent) => {
    const d = e.data as { type?: unknown; route?: unknown } | null;
    if (d?.type === 'parley:open' && typeof d.route === 'string' && d.route.startsWith('#/'))
      open(d.route);
  };
  globalThis.navigator?.serviceWorker?.addEventListener('message', fromWorker);
  return {
    async show(n) {
      const data: NotificationData = { route: routeOf(n.peer, n.room), peer: n.peer };
      // Our own sound plays (or not) by the person's setting: the system's stays quiet.
      const options: NotificationOptions = {
        body: n.body,
        tag: n.tag,
        data,
        silent: true,
        icon: n.icon ?? '/favicon.svg',
      };
      const reg = await workerRegistration();
      if (reg) {
        await reg.showNotification(n.title, options);
        return;
      }
      own.get(n.tag)?.close();
      const note = new Notification(n.title, options);
      own.set(n.tag, note);
      note.addEventListener('click', () => {
        window.focus();
        open(data.route);
        note.close();
      });
      note.addEventListener('close', () => {
        if (own.get(n.tag) === note) own.delete(n.tag);
      });
    },
    async close(tag) {
      own.get(tag)?.close();
      own.delete(tag);
      const reg = await workerRegistration();
      for (const n of (await reg?.getNotifications({ tag })) ?? []) n.close();
    },
    stop() {
      globalThis.navigator?.serviceWorker?.removeEventListener('message', fromWorker);
      for (const n of own.values()) n.close();
      own.clear();
    },
  };
}

/** The browser's answer so far; 'unsupported' where there are no notifications at all. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * The browser's answer, kept for a reader that asks with every message (the notifier).
 * Reading `Notification.permission` asks Chromium's browser process each time, synchronously:
 * 371 ms of a 30 s soak went to it. Once the Permissions API has answered, the kept answer is
 * read and refreshed when the browser says it changed (a grant from our own prompt or from the
 * site settings); until then, and where there is no Permissions API, it is read live.
 */
export function watchNotificationPermission(): {
  read: () => NotificationPermission | 'unsupported';
  stop: () => void;
} {
  if (typeof Notification === 'undefined') return { read: () => 'unsupported', stop() {} };
  let kept: NotificationPermission | null = null;
  let status: PermissionStatus | null = null;
  let stopped = false;
  const refresh = () => {
    kept = Notification.permission;
  };
  globalThis.navigator?.permissions?.query({ name: 'notifications' }).then(
    (answer) => {
      if (stopped) return;
      status = answer;
      answer.addEventListener('change', refresh);
      refresh();
    },
    () => {},
  );
  return {
    read: () => kept ?? Notification.permission,
    stop() {
      stopped = true;
      status?.removeEventListener('change', refresh);
      kept = null;
    },
  };
}

/** Ask the browser; only ever called from a click (Settings switch, the in-app offer). */
export async function requestNotificationPermission(): Promise<
  NotificationPermission | 'unsupported'
> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

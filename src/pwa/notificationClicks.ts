// The service worker's side of notifications: a click focuses Parley on the conversation.
// Written against the few worker APIs it uses, so it is tested with fake clients in Node.

export interface WindowClientLike {
  url: string;
  focused?: boolean;
  focus(): Promise<unknown>;
  postMessage(message: unknown): void;
}

export interface NotificationLike {
  tag: string;
  data?: unknown;
  close(): void;
}

export interface WorkerScopeLike {
  location: { href: string };
  registration: { getNotifications(filter?: { tag?: string }): Promise<NotificationLike[]> };
  clients: {
    matchAll(options: {
      type: 'window';
      includeUncontrolled: boolean;
    }): Promise<readonly WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
  addEventListener(
    type: 'notificationclick',
    listener: (event: {
      notification: NotificationLike;
      waitUntil(p: Promise<unknown>): void;
    }) => void,
  ): void;
}

/** The conversation's place the page put in the notification, if it is one of ours. */
function routeOf(data: unknown): string | null {
  const route = (data as { route?: unknown } | null)?.route;
  // Only a hash route of this app: never a URL a notification could be made to carry elsewhere.
  return typeof route === 'string' && /^#\/(chat|room)\/[^/?#]+$/.test(route) ? route : null;
}

/**
 * A click on a notification: it and the conversation's others close (one tag); the Parley
 * window the person used last is focused and told to open the conversation, or a new window
 * opens on it when none is open (the installed app, started from the notification).
 */
export async function openFromNotification(
  scope: WorkerScopeLike,
  notification: NotificationLike,
): Promise<void> {
  notification.close();
  for (const n of await scope.registration.getNotifications({ tag: notification.tag })) n.close();
  const route = routeOf(notification.data) ?? '#/';
  const appUrl = new URL('./', scope.location.href).href;
  const windows = (
    await scope.clients.matchAll({ type: 'window', includeUncontrolled: true })
  ).filter((c) => c.url.startsWith(appUrl));
  const target = windows.find((c) => c.focused) ?? windows[0];
  if (target) {
    await target.focus();
    target.postMessage({ type: 'parley:open', route });
    return;
  }
  await scope.clients.openWindow(new URL(route, appUrl).href);
}

/** Wire the click handler into the service worker (the worker entry calls this once). */
export function installNotificationClicks(scope: WorkerScopeLike): void {
  scope.addEventListener('notificationclick', (event) => {
    event.waitUntil(openFromNotification(scope, event.notification));
  });
}

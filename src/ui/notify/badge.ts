// The unread count outside the page: the favicon with a badge, and the installed app's badge.

const BASE_ICON =
  '<rect width="64" height="64" rx="14" fill="#2f6fde"/><path d="M14 18h36a4 4 0 0 1 4 4v18a4 4 0 0 1-4 4H30l-10 8v-8h-6a4 4 0 0 1-4-4V22a4 4 0 0 1 4-4z" fill="#fff"/>';

/** The favicon (public/favicon.svg) with a red count in its corner; the plain one at zero. */
export function faviconWithCount(n: number): string {
  if (n <= 0) return '/favicon.svg';
  const label = n > 99 ? '99+' : String(n);
  const r = label.length > 2 ? 20 : 17;
  const size = label.length > 2 ? 17 : 22;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">${BASE_ICON}<circle cx="${64 - r}" cy="${r}" r="${r}" fill="#d93025"/><text x="${64 - r}" y="${r}" dy=".35em" text-anchor="middle" font-family="system-ui,sans-serif" font-weight="700" font-size="${size}" fill="#fff">${label}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** Show `n` on the tab's icon and, where the platform has one, the app's badge. */
export function showUnreadCount(n: number): void {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.append(link);
  }
  link.type = 'image/svg+xml';
  link.href = faviconWithCount(n);
  // Only installed apps show it; elsewhere the call exists and does nothing, or is missing.
  const nav = navigator as Navigator & {
    setAppBadge?: (n?: number) => Promise<void>;
    clearAppBadge?: () => Promise<void>;
  };
  const done = n > 0 ? nav.setAppBadge?.(n) : nav.clearAppBadge?.();
  done?.catch(() => {});
}

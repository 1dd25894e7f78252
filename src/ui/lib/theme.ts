// The colour theme: the system's, or light or dark as chosen in Settings. A choice of this
// browser, not of the account (another device may sit in another light), so it lives in
// localStorage, where public/theme.js reads it before the first paint.
import { type Accessor, createSignal, onCleanup } from 'solid-js';

export type Theme = 'system' | 'light' | 'dark';
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
const KEY = 'parley.theme';

export function storedTheme(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): Theme {
  try {
    const v = storage?.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/**
 * Puts a theme on the page: `data-theme` on <html>, which the stylesheet's dark rules follow
 * (vite.config.ts copies each `prefers-color-scheme: dark` rule under it), and the browser's
 * bar colour (the two theme-color metas of index.html).
 */
export function applyTheme(theme: Theme, doc: Document = document) {
  if (theme === 'system') delete doc.documentElement.dataset['theme'];
  else doc.documentElement.dataset['theme'] = theme;
  for (const meta of doc.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    const media = meta.dataset['media'] ?? meta.getAttribute('media') ?? '';
    meta.dataset['media'] = media;
    const now = theme === 'system' ? media : media.includes(theme) ? 'all' : 'not all';
    meta.setAttribute('media', now);
  }
}

/**
 * The theme as a signal and its setter, which stores and applies it. A choice made in another
 * tab applies here too (the storage event).
 */
export function createTheme(): [Accessor<Theme>, (t: Theme) => void] {
  const [theme, setTheme] = createSignal(storedTheme());
  const onStorage = (e: StorageEvent) => {
    if (e.key !== KEY && e.key !== null) return;
    const next = storedTheme();
    setTheme(next);
    applyTheme(next);
  };
  window.addEventListener('storage', onStorage);
  onCleanup(() => window.removeEventListener('storage', onStorage));
  const choose = (next: Theme) => {
    try {
      if (next === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, next);
    } catch {
      // Storage refused (private mode, quota): the choice holds for this page only.
    }
    setTheme(next);
    applyTheme(next);
  };
  return [theme, choose];
}

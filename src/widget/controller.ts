import { launcherText } from '../i18n/launcher';
import type { MountPanel, PanelHandle, ParleyWidget, WidgetEvent, WidgetEvents } from './api';
import { LAUNCHER_CSS } from './launcherCss';
import { pickWidgetLang, textOn, type WidgetLang, type WidgetSettings } from './settings';
import { type Shopper, shopperFromApi, shopperFromSettings } from './shopper';

/** Set once the shopper has a conversation: later pages load the rest when idle, for unread. */
/** Under this width the panel is full screen (launcherCss.ts), and keeps the focus in it. */
const PHONE = '(max-width: 639.98px)';
const FOCUSABLE = 'button, [href], input, textarea, select, [tabindex]:not([tabindex="-1"])';

export const ACTIVE_KEY = 'parley.widget.active';
const SVG = 'http://www.w3.org/2000/svg';
const ICON =
  'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2zm3 6a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z';

type Handlers = { [E in WidgetEvent]: Set<(...a: WidgetEvents[E]) => void> };

export interface ControllerEnv {
  /** Loads the rest of the widget (the panel and the headless core), in the shopper's language. */
  loadPanel: (lang: WidgetLang) => Promise<MountPanel>;
  storage?: Pick<Storage, 'getItem'>;
}

/**
 * The launcher and the API, on `host` (a <parley-chat>): draws the button at once and
 * nothing else; the panel and the chat core load on the first open, or when the browser is
 * idle if this shopper already has a conversation (so the unread badge is live).
 */
export function createWidget(
  host: HTMLElement,
  settings: WidgetSettings,
  env: ControllerEnv,
): ParleyWidget {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(LAUNCHER_CSS);
  shadow.adoptedStyleSheets = [sheet];
  let lang = settings.lang;
  let text = launcherText[lang];
  let user: Shopper | null = shopperFromSettings(settings.user);

  const wrap = document.createElement('div');
  wrap.className = `pw ${settings.position}`;
  wrap.lang = settings.lang;
  wrap.style.setProperty('--pw-accent', settings.color);
  wrap.style.setProperty('--pw-on-accent', textOn(settings.color));
  const frame = document.createElement('div');
  frame.className = 'frame';
  frame.hidden = true;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('aria-expanded', 'false');
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', ICON);
  svg.append(path);
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.hidden = true;
  badge.setAttribute('aria-hidden', 'true');
  button.append(svg, badge);
  wrap.append(frame, button);
  shadow.append(wrap);

  const handlers = {
    ready: new Set(),
    unread: new Set(),
    open: new Set(),
    close: new Set(),
    message: new Set(),
  } as Handlers;
  let isOpen = false;
  let unread = 0;
  let ready = false;
  let destroyed = false;
  let panel: PanelHandle | null = null;
  let loading: Promise<PanelHandle | null> | null = null;

  const label = () => {
    if (isOpen) return text.close;
    return unread > 0 ? text.openUnread.replace('{n}', String(unread)) : text.open;
  };
  const paint = () => {
    button.setAttribute('aria-label', label());
    button.setAttribute('aria-expanded', String(isOpen));
    badge.textContent = unread > 99 ? '99+' : String(unread);
    badge.hidden = unread === 0 || isOpen;
    wrap.classList.toggle('open', isOpen);
  };
  paint();

  function emit<E extends WidgetEvent>(event: E, ...args: WidgetEvents[E]) {
    if (event === 'unread') unread = args[0] as number;
    if (event === 'ready') ready = true;
    paint();
    for (const fn of handlers[event]) {
      try {
        fn(...args);
      } catch (err) {
        console.error('[parley widget] handler', err);
      }
    }
  }

  function load(): Promise<PanelHandle | null> {
    loading ??= env.loadPanel(lang).then(
      (mount) => {
        if (destroyed) return null;
        panel = mount({
          shadow,
          container: frame,
          settings: { ...settings, lang },
          emit,
          requestClose: close,
          isOpen: () => isOpen,
          user: () => user,
        });
        panel.setOpen(isOpen);
        return panel;
      },
      (err: unknown) => {
        loading = null; // a later open tries again
        console.error('[parley widget] could not load', err);
        return null;
      },
    );
    return loading;
  }

  // The on-screen keyboard shrinks the visual viewport, not the layout one: follow it so the
  // input stays above the keyboard on phones (the panel is full screen there).
  const viewport = globalThis.visualViewport;
  const fitViewport = () => {
    if (!viewport) return;
    wrap.style.setProperty('--pw-vh', `${viewport.height}px`);
    wrap.style.setProperty('--pw-top', `${viewport.offsetTop}px`);
  };
  /**
   * On a phone the open panel is the whole screen: Tab and Shift+Tab go round its controls
   * instead of into the shop page hidden behind it.
   */
  const trapTab = (e: KeyboardEvent) => {
    if (!isOpen || !globalThis.matchMedia?.(PHONE).matches) return;
    const items = [...frame.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => !el.hasAttribute('disabled') && el.getClientRects().length > 0,
    );
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return e.preventDefault();
    const active = shadow.activeElement;
    const inside = active instanceof Node && frame.contains(active);
    if (e.shiftKey && (active === first || !inside)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !inside)) {
      e.preventDefault();
      first.focus();
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && isOpen) {
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab') trapTab(e);
  };

  function open() {
    if (destroyed || isOpen) return;
    isOpen = true;
    frame.hidden = false;
    fitViewport();
    viewport?.addEventListener('resize', fitViewport);
    viewport?.addEventListener('scroll', fitViewport);
    paint();
    void load().then((p) => p?.setOpen(isOpen));
    emit('open');
  }
  function close() {
    if (destroyed || !isOpen) return;
    isOpen = false;
    frame.hidden = true;
    viewport?.removeEventListener('resize', fitViewport);
    viewport?.removeEventListener('scroll', fitViewport);
    panel?.setOpen(false);
    paint();
    button.focus();
    emit('close');
  }
  const toggle = () => (isOpen ? close() : open());
  /** Cards go through the panel, which checks them; sharing opens it. */
  async function share(raw: unknown): Promise<void> {
    if (destroyed) throw new Error('Parley: the widget was removed');
    open();
    const p = await load();
    if (!p) throw new Error('Parley: the chat could not load');
    return p.share(raw);
  }
  button.addEventListener('click', toggle);
  wrap.addEventListener('keydown', onKey);

  // A returning shopper: load the rest when the page is idle, so unread counts and replies
  // arrive with the launcher closed. A first-time visitor loads nothing until they click.
  const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
  const cancelIdle = globalThis.cancelIdleCallback ?? clearTimeout;
  let idleId: number | undefined;
  if (env.storage?.getItem(ACTIVE_KEY)) idleId = idle(() => void load()) as number;

  return {
    open,
    close,
    toggle,
    shareProduct: (product) => share({ ...product, kind: 'product' }),
    shareOrder: (order) => share({ ...order, kind: 'order' }),
    setLocale(v) {
      if (destroyed) return;
      lang = pickWidgetLang(v, globalThis.navigator?.languages ?? []);
      text = launcherText[lang];
      wrap.lang = lang;
      paint();
      panel?.setLocale(lang);
    },
    async setUser(v) {
      if (destroyed) throw new Error('Parley: the widget was removed');
      user = shopperFromApi(v, globalThis.location?.href ?? '');
      // Not loaded yet: the panel starts as this shopper when it loads.
      await panel?.setUser(user);
    },
    on(event, fn) {
      const set = handlers[event] as Set<typeof fn>;
      set.add(fn);
      // 'ready' is a state: a handler added after it fired still hears it.
      if (event === 'ready' && ready) queueMicrotask(() => (fn as () => void)());
      return () => set.delete(fn);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      if (idleId !== undefined) cancelIdle(idleId);
      viewport?.removeEventListener('resize', fitViewport);
      viewport?.removeEventListener('scroll', fitViewport);
      button.removeEventListener('click', toggle);
      wrap.removeEventListener('keydown', onKey);
      panel?.stop();
      panel = null;
      wrap.remove();
      shadow.adoptedStyleSheets = [];
      for (const set of Object.values(handlers)) set.clear();
      host.remove();
    },
  };
}

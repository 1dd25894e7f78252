// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MountPanel, PanelHost } from './api';
import { boot } from './boot';
import { ACTIVE_KEY } from './controller';

/** A loaded machine delays the panel's first render past vi.waitFor's 1 s default. */
const waitFor = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 10_000 });

function script(attrs: Record<string, string>) {
  const s = document.createElement('script');
  s.src = 'https://chat.example.com/widget.js';
  for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
  return s;
}

function fakePanel() {
  const calls = {
    setOpen: [] as boolean[],
    locales: [] as string[],
    shared: [] as unknown[],
    users: [] as unknown[],
    stopped: 0,
    host: null as PanelHost | null,
  };
  const mount: MountPanel = (host) => {
    calls.host = host;
    return {
      setOpen: (v) => calls.setOpen.push(v),
      setLocale: (l) => calls.locales.push(l),
      share: async (raw) => {
        calls.shared.push(raw);
      },
      setUser: async (user) => {
        calls.users.push(user);
      },
      stop: () => calls.stopped++,
    };
  };
  return { calls, load: vi.fn(async (_server: string) => mount) };
}

const shadow = () => document.querySelector('parley-chat')?.shadowRoot;
const launcher = () => shadow()?.querySelector('button.launcher') as HTMLButtonElement;
const badge = () => shadow()?.querySelector('.badge') as HTMLElement;

afterEach(() => {
  window.Parley?.widget.destroy();
  localStorage.clear();
  delete window.parleySettings;
  vi.useRealTimers();
});

describe('widget loader', () => {
  it('draws only the launcher for a first visit, and loads nothing more', async () => {
    const panel = fakePanel();
    boot({
      win: window,
      script: script({ 'data-parley-agents': 'ann@shop.example' }),
      loadPanel: panel.load,
    });
    expect(launcher().getAttribute('aria-label')).toBe('Open chat');
    expect(launcher().getAttribute('aria-expanded')).toBe('false');
    expect(badge().hidden).toBe(true);
    await new Promise((r) => setTimeout(r, 300)); // longer than the idle fallback
    expect(panel.load).not.toHaveBeenCalled();
  });

  it('opens: loads the panel and the shopper’s words from the server folder; Esc closes and focus returns', async () => {
    const panel = fakePanel();
    const api = boot({ win: window, script: script({}), loadPanel: panel.load });
    const seen: string[] = [];
    api?.on('open', () => seen.push('open'));
    api?.on('close', () => seen.push('close'));
    launcher().click();
    expect(launcher().getAttribute('aria-expanded')).toBe('true');
    expect(launcher().getAttribute('aria-label')).toBe('Close chat');
    await waitFor(() => expect(panel.calls.host).not.toBeNull());
    expect(panel.load).toHaveBeenCalledWith('https://chat.example.com/', 'en');
    expect(panel.calls.host?.settings.agents).toEqual([]);
    const frame = shadow()?.querySelector('.frame') as HTMLElement;
    expect(frame.hidden).toBe(false);
    frame.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(frame.hidden).toBe(true);
    expect(shadow()?.activeElement).toBe(launcher());
    expect(panel.calls.setOpen.at(-1)).toBe(false);
    expect(seen).toEqual(['open', 'close']);
  });

  it('shows the unread count in the launcher’s name and badge while closed', async () => {
    const panel = fakePanel();
    const api = boot({ win: window, script: script({}), loadPanel: panel.load });
    const counts: number[] = [];
    api?.on('unread', (n) => counts.push(n));
    api?.open();
    await waitFor(() => expect(panel.calls.host).not.toBeNull());
    api?.close();
    panel.calls.host?.emit('unread', 3);
    expect(launcher().getAttribute('aria-label')).toBe('Open chat, 3 unread');
    expect(badge().hidden).toBe(false);
    expect(badge().textContent).toBe('3');
    expect(counts).toEqual([3]);
  });

  it('setUser: the panel starts as the customer, a later switch reaches it, bad input is refused', async () => {
    const panel = fakePanel();
    const api = boot({ win: window, script: script({}), loadPanel: panel.load });
    const ann = 'customer-1042@customers.shop.example';
    await api?.setUser({ jid: ann, name: 'Ann', credential: '/chat/credential' });
    api?.open();
    await waitFor(() => expect(panel.calls.host).not.toBeNull());
    expect(panel.calls.host?.user()).toMatchObject({ jid: ann, name: 'Ann' });
    expect(panel.calls.users).toEqual([]);
    await api?.setUser(null);
    expect(panel.calls.users).toEqual([null]);
    expect(panel.calls.host?.user()).toBeNull();
    await expect(
      api?.setUser({ jid: ann, credential: 'https://elsewhere.example/chat/credential' }),
    ).rejects.toThrow(TypeError);
    expect(panel.calls.users).toEqual([null]);
  });

  it('loads the rest when idle for a shopper who already has a conversation', async () => {
    localStorage.setItem(ACTIVE_KEY, '1');
    const panel = fakePanel();
    boot({ win: window, script: script({}), loadPanel: panel.load });
    await waitFor(() => expect(panel.calls.host).not.toBeNull());
    expect(panel.calls.setOpen).toEqual([false]);
  });

  it('takes language and colour from settings, window.parleySettings winning, bad values ignored', () => {
    window.parleySettings = { lang: 'zh-CN', color: 'red;} * {display:none' };
    boot({
      win: window,
      script: script({ 'data-parley-lang': 'en', 'data-parley-position': 'left' }),
      loadPanel: fakePanel().load,
    });
    expect(launcher().getAttribute('aria-label')).toBe('打开聊天');
    const wrap = shadow()?.querySelector('.pw') as HTMLElement;
    expect(wrap.classList.contains('left')).toBe(true);
    expect(wrap.style.getPropertyValue('--pw-accent')).toBe('#2f6fde');
  });

  it('destroy() leaves no element, timer, handler or API behind', async () => {
    vi.useFakeTimers();
    localStorage.setItem(ACTIVE_KEY, '1'); // an idle load is pending
    const before = vi.getTimerCount(); // jsdom's own (its storage event)
    const panel = fakePanel();
    const api = boot({ win: window, script: script({}), loadPanel: panel.load });
    const onOpen = vi.fn();
    api?.on('open', onOpen);
    const button = launcher();
    expect(vi.getTimerCount()).toBe(before + 1);
    api?.destroy();
    expect(document.querySelector('parley-chat')).toBeNull();
    expect(window.Parley).toBeUndefined();
    expect(vi.getTimerCount()).toBe(before);
    button.click();
    expect(onOpen).not.toHaveBeenCalled();
    expect(panel.load).not.toHaveBeenCalled();
  });

  it('uses the page’s own <parley-chat> element and mounts once', () => {
    const el = document.createElement('parley-chat');
    el.dataset['parleyTitle'] = 'Help';
    document.body.append(el);
    const first = boot({ win: window, script: script({}), loadPanel: fakePanel().load });
    const second = boot({ win: window, script: script({}), loadPanel: fakePanel().load });
    expect(second).toBe(first);
    expect(document.querySelectorAll('parley-chat')).toHaveLength(1);
    expect(el.shadowRoot?.querySelector('button.launcher')).not.toBeNull();
  });
});

describe('widget JS API', () => {
  it('setLocale() switches the launcher now and tells a loaded panel', async () => {
    const panel = fakePanel();
    const api = boot({ win: window, script: script({}), loadPanel: panel.load });
    api?.setLocale('zh-TW');
    expect(launcher().getAttribute('aria-label')).toBe('開啟聊天');
    api?.open();
    await waitFor(() => expect(panel.calls.host).not.toBeNull());
    // A panel loaded after the change starts in the new language, and its words are fetched.
    expect(panel.calls.host?.settings.lang).toBe('zh-TW');
    expect(panel.load).toHaveBeenCalledWith('https://chat.example.com/', 'zh-TW');
    expect(launcher().getAttribute('aria-label')).toBe('關閉聊天');
    api?.setLocale('zh-CN');
    expect(panel.calls.locales).toEqual(['zh-CN']);
    expect(launcher().getAttribute('aria-label')).toBe('关闭聊天');
    // Not one of ours: the browser's language, as for the lang setting.
    api?.setLocale('fr' as 'en');
    expect(panel.calls.locales.at(-1)).toBe('en');
  });

  it('shareProduct() and shareOrder() open the panel and hand it the card to check and send', async () => {
    const panel = fakePanel();
    const api = boot({ win: window, script: script({}), loadPanel: panel.load });
    await api?.shareProduct({ title: 'Mug', price: 18, currency: 'EUR' });
    expect(launcher().getAttribute('aria-expanded')).toBe('true');
    await api?.shareOrder({ id: 'A-1', status: 'Shipped' });
    expect(panel.calls.shared).toEqual([
      { title: 'Mug', price: 18, currency: 'EUR', kind: 'product' },
      { id: 'A-1', status: 'Shipped', kind: 'order' },
    ]);
    api?.destroy();
    await expect(api?.shareProduct({ title: 'Mug' })).rejects.toThrow(/removed/);
  });

  it('declares every method the API has in its public types (shipped as widget.d.ts)', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync('src/widget/publicApi.ts', 'utf8');
    const api = boot({ win: window, script: script({}), loadPanel: fakePanel().load });
    const declared = /export interface ParleyWidget \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
    for (const name of Object.keys(api ?? {}))
      expect(declared).toMatch(new RegExp(`\\n\\s+${name}[<(]`));
  });
});

// @vitest-environment jsdom
// The panel's own clean-up (the loader's is in boot.test.ts): after stop(), nothing of it is
// left in the page. The chat core is replaced by stand-ins: this is about the page, not XMPP.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PanelHost } from './api';
import { parseSettings } from './settings';

/** A loaded machine delays the panel's first render past vi.waitFor's 1 s default. */
const waitFor = <T,>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 10_000 });

const detach = vi.fn();
// What the stand-in core answers; a test may change it before mounting.
const state = vi.hoisted(() => ({
  account: 'guest-abc@shop.example',
  connection: { status: 'online' } as { status: string; error?: string },
  signInCustomer: vi.fn((_user: unknown) => Promise.resolve()),
}));
vi.mock('../app/support', () => {
  const none = () => () => Promise.resolve(undefined);
  return {
    detach,
    // Signed in at once; no room yet (a first visit).
    startShopper: () => Promise.resolve(state.account),
    signInCustomer: (user: unknown) => state.signInCustomer(user),
    findSupportRoom: () => Promise.resolve(null),
    ownSupportRoomQuery: () => () => Promise.resolve(null),
    guestLocal: (a: string) => a.split('@')[0],
    inviteAgents: () => Promise.resolve(),
    sendCard: vi.fn(),
    sendFileToSupport: vi.fn(),
    sendPrechat: vi.fn(),
    sendRating: vi.fn(),
    sendToSupport: vi.fn(),
    agentsHereQuery: none,
    supportClaimQuery: none,
    supportConnectionQuery: () => () => Promise.resolve(state.connection),
    supportMessagesQuery: none,
    supportOutcomeQuery: none,
    supportRoomQuery: none,
    supportUnreadQuery: none,
    supportTypingQuery: () => () => Promise.resolve([]),
    tabHoldsConnection: () => true,
  };
});
vi.mock('../app/session', () => ({ currentAccount: () => state.account }));
vi.mock('../app/commands', () => ({
  openConversation: () => Promise.resolve(),
  retryMessage: () => Promise.resolve(),
  setTyping: () => Promise.resolve(),
}));
vi.mock('../app/live', () => ({
  // One answer, no subscription: enough for the panel to render.
  liveQuery: (fn: () => Promise<unknown>) => ({
    subscribe(o: { next: (v: unknown) => void }) {
      void fn().then((v) => o.next(v));
      return { unsubscribe() {} };
    },
  }),
}));

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

function host(): PanelHost & { events: string[] } {
  const el = document.createElement('div');
  document.body.append(el);
  const shadow = el.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = []; // as the loader leaves it (jsdom starts with none)
  const container = document.createElement('div');
  shadow.append(container);
  const events: string[] = [];
  return {
    shadow,
    container,
    settings: parseSettings([], 'https://chat.example.com/widget.js', ['en']),
    emit: (...args: unknown[]) => {
      events.push(String(args[0]));
    },
    requestClose: () => {},
    isOpen: () => true,
    user: () => null,
    events,
  };
}

describe('the panel', () => {
  it('stop() removes its elements, styles and document listeners, and lets the core go', async () => {
    const added = vi.spyOn(document, 'addEventListener');
    const removed = vi.spyOn(document, 'removeEventListener');
    const { mountPanel } = await import('./entry');
    const h = host();
    const sheets = h.shadow.adoptedStyleSheets.length;
    const panel = mountPanel(h);
    await waitFor(() => expect(h.container.querySelector('[role=log]')).not.toBeNull());
    await waitFor(() => expect(h.events).toContain('ready'));
    expect(h.shadow.adoptedStyleSheets.length).toBe(sheets + 1);
    // A part of the panel that brings its own sheet later (a file in the conversation).
    h.shadow.adoptedStyleSheets = [...h.shadow.adoptedStyleSheets, new CSSStyleSheet()];
    panel.stop();
    expect(h.container.childNodes).toHaveLength(0);
    expect(h.shadow.adoptedStyleSheets.length).toBe(sheets);
    expect(detach).toHaveBeenCalled();
    // Every document listener the panel added is gone again.
    for (const [type, fn] of added.mock.calls)
      expect(removed.mock.calls.some(([t, f]) => t === type && f === fn)).toBe(true);
    expect(added.mock.calls.length).toBeGreaterThan(0);
  });

  it("asks the shop's backend again when a customer's kept keys are refused", async () => {
    const { mountPanel } = await import('./entry');
    const jid = 'customer-1042@customers.shop.example';
    state.account = jid;
    state.connection = { status: 'offline', error: 'auth' };
    const h = host();
    const ann = { jid, name: 'Ann', email: '', credential: async () => ({ jid, password: 'p' }) };
    const panel = mountPanel({ ...h, user: () => ann });
    await waitFor(() => expect(state.signInCustomer).toHaveBeenCalledTimes(1));
    expect(state.signInCustomer.mock.calls[0]?.[0]).toMatchObject({ jid });
    panel.stop();
    state.account = 'guest-abc@shop.example';
    state.connection = { status: 'online' };
  });

  it('setLocale() switches the panel’s words in place', async () => {
    const { mountPanel } = await import('./entry');
    const h = host();
    const panel = mountPanel(h);
    const log = () => h.container.querySelector('[role=log]');
    await waitFor(() =>
      expect(log()?.getAttribute('aria-label')).toBe('Conversation with support'),
    );
    const before = log();
    panel.setLocale('zh-CN');
    await waitFor(() => expect(log()?.getAttribute('aria-label')).toBe('与客服的对话'));
    // The same panel, not a new one: what the shopper typed stays.
    expect(log()).toBe(before);
    panel.stop();
  });

  it('a file over the limit is said in the panel, and what was typed stays', async () => {
    const support = await import('../app/support');
    vi.mocked(support.sendFileToSupport).mockResolvedValue({
      problem: 'too-large',
      limitBytes: 10 * 1024 * 1024,
    });
    const { mountPanel } = await import('./entry');
    const h = host();
    const panel = mountPanel(h);
    await waitFor(() => expect(h.events).toContain('ready'));
    const box = h.container.querySelector('textarea') as HTMLTextAreaElement;
    box.value = 'the crack is here';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    const picker = h.container.querySelector('input[type=file]') as HTMLInputElement;
    const video = new File(['x'], 'unboxing.mov', { type: 'video/quicktime' });
    Object.defineProperty(picker, 'files', { value: [video], configurable: true });
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() =>
      expect(h.container.querySelector('[role=alert]')?.textContent).toBe(
        'unboxing.mov is too large to send here: the limit is 10 MB. Try a smaller file.',
      ),
    );
    expect(support.sendFileToSupport).toHaveBeenCalledWith(expect.any(String), video);
    expect(box.value).toBe('the crack is here');
    expect(h.container.querySelector('button[aria-label="Dismiss"]')).not.toBeNull();
    panel.stop();
  });
});

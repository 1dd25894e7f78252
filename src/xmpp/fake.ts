import xml, { type Element } from '@xmpp/xml';
import parse from '@xmpp/xml/lib/parse.js';
import type { ConnectErrorCode, SessionStatus, XmppSession } from './session';
import { ConnectError, XmppRequestError } from './session';

/** For tests: build and parse XML without importing @xmpp/* outside xmpp/. */
export { parse as parseXml, xml };

type IqHandler = (iq: Element) => Element | Promise<Element>;

/** A fake XMPP entity for engine tests: inject stanzas, record what is sent, answer IQs. */
export class FakeSession implements XmppSession {
  sent: Element[] = [];
  transport: 'websocket' | 'bosh' = 'websocket';
  smEnabled = true;
  features: Element | null = null;
  reconnects = 0;
  /** What the next reconnectNow() does: come back (fresh or resumed) or fail. */
  nextReconnect: 'fresh' | 'resumed' | 'fail' | 'auth' = 'fresh';
  keepalive: [number, number] | null = null;

  async reconnectNow() {
    this.reconnects++;
    if (this.nextReconnect === 'fail') throw new ConnectError('unreachable');
    if (this.nextReconnect === 'auth') throw new ConnectError('auth');
    this.goOnline(this.nextReconnect === 'resumed');
  }
  async dropConnection() {
    this.goOffline();
  }
  setKeepalive(intervalMs: number, timeoutMs: number) {
    this.keepalive = [intervalMs, timeoutMs];
  }
  private stanzaFns = new Set<(el: Element) => void>();
  private onlineFns = new Set<(resumed: boolean) => void>();
  private statusFns = new Set<(s: SessionStatus, e?: ConnectErrorCode) => void>();
  private ackFns = new Set<(id: string) => void>();
  private iqHandlers: IqHandler[] = [];

  constructor(readonly jid = 'me@example.com/parley') {}

  /** While set, send() fails as on a link that is closing. */
  closing = false;

  async send(el: Element) {
    if (this.closing) throw new Error('Connection is closing');
    this.record(el);
  }

  async request(el: Element): Promise<Element> {
    this.record(el);
    for (const h of this.iqHandlers) {
      const reply = await h(el);
      if (reply.attrs['type'] === 'error') {
        const error = reply.getChild('error');
        const cond = error?.getChildElements()[0]?.name ?? 'other';
        throw new XmppRequestError(cond, error?.getChildText('text') ?? undefined, error);
      }
      return reply;
    }
    return xml('iq', { type: 'result', id: el.attrs['id'] });
  }

  private sentWaiters = new Set<{
    match: (el: Element) => boolean;
    found: (el: Element) => void;
  }>();
  private record(el: Element) {
    this.sent.push(el);
    for (const w of this.sentWaiters) if (w.match(el)) w.found(el);
  }

  /**
   * The first stanza in `sent` (already there, or sent from now on) that matches: a test waits
   * for what it expects to see instead of for a quiet period. It resolves in a later task, as an
   * answer over a network would come: by then the sender has finished its step (an ack injected
   * in the same task could arrive before the engine recorded the stanza as in flight).
   * Rejects after `timeoutMs`.
   */
  waitForSent(match: (el: Element) => boolean, timeoutMs = 10_000): Promise<Element> {
    return new Promise((resolve, reject) => {
      const later = (el: Element) => setTimeout(() => resolve(el), 0);
      const done = this.sent.find(match);
      if (done) return later(done);
      const waiter = {
        match,
        found: (el: Element) => {
          clearTimeout(timer);
          this.sentWaiters.delete(waiter);
          later(el);
        },
      };
      const timer = setTimeout(() => {
        this.sentWaiters.delete(waiter);
        reject(new Error(`no matching stanza sent within ${timeoutMs} ms`));
      }, timeoutMs);
      this.sentWaiters.add(waiter);
    });
  }

  /** Answer IQs the engine sends; the first handler registered answers. */
  answerIq(h: IqHandler) {
    this.iqHandlers.unshift(h);
  }

  inject(stanza: Element | string) {
    const el = typeof stanza === 'string' ? parse(stanza) : stanza;
    for (const fn of this.stanzaFns) fn(el);
  }

  goOnline(resumed = false) {
    for (const fn of this.statusFns) fn('online');
    for (const fn of this.onlineFns) fn(resumed);
  }

  goOffline(error?: ConnectErrorCode) {
    for (const fn of this.statusFns) fn('offline', error);
  }

  ack(id: string) {
    for (const fn of this.ackFns) fn(id);
  }

  sentNamed(name: string): Element[] {
    return this.sent.filter((e) => e.name === name);
  }

  private iqFns = new Map<string, Set<(iq: Element) => boolean | Promise<boolean>>>();
  /** Deliver an incoming IQ to the handlers; returns the reply we would send. */
  async injectIq(stanza: Element | string): Promise<'result' | 'error'> {
    const el = typeof stanza === 'string' ? parse(stanza) : stanza;
    const child = el.getChildElements()[0];
    const key = `${el.attrs['type']} ${child?.getNS()} ${child?.name}`;
    for (const h of this.iqFns.get(key) ?? []) if (await h(el)) return 'result';
    return 'error';
  }
  onIq(
    type: 'get' | 'set',
    ns: string,
    name: string,
    fn: (iq: Element) => boolean | Promise<boolean>,
  ) {
    const key = `${type} ${ns} ${name}`;
    const set = this.iqFns.get(key) ?? new Set();
    this.iqFns.set(key, set);
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  }
  onStanza(fn: (el: Element) => void) {
    this.stanzaFns.add(fn);
    return () => {
      this.stanzaFns.delete(fn);
    };
  }
  onOnline(fn: (resumed: boolean) => void) {
    this.onlineFns.add(fn);
    return () => {
      this.onlineFns.delete(fn);
    };
  }
  onStatus(fn: (s: SessionStatus, e?: ConnectErrorCode) => void) {
    this.statusFns.add(fn);
    return () => {
      this.statusFns.delete(fn);
    };
  }
  onAcked(fn: (id: string) => void) {
    this.ackFns.add(fn);
    return () => {
      this.ackFns.delete(fn);
    };
  }
  async stop() {
    for (const fn of this.statusFns) fn('offline');
  }
  closed = false;
  closeNow() {
    this.closed = true;
    for (const fn of this.statusFns) fn('offline');
  }
}

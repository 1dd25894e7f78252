// Reconnect tries of the real xmpp.js entity (connectXmpp) against a scripted server behind a
// fake WebSocket: the test plays the server link by link, as ejabberd did in issue 19, where a
// <resume/> of a stuck session went unanswered for 15 s.
import type { Element } from '@xmpp/xml';
import parse from '@xmpp/xml/lib/parse.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectXmpp } from './connection';
import { xml } from './fake';
import type { XmppSession } from './session';

const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const OPEN = `<open xmlns="${FRAMING}" from="localhost" id="stream" version="1.0"/>`;
const features = (inner: string) =>
  `<stream:features xmlns:stream="http://etherx.jabber.org/streams">${inner}</stream:features>`;

type Listener = (ev: unknown) => void;

/** One WebSocket as the server sees it: what the client sent, and what the server says back. */
class Link {
  frames: Element[] = [];
  closedByClient = false;
  closed = false;
  private listeners = new Map<string, Set<Listener>>();
  private waiters = new Set<() => void>();
  private authed = false;

  constructor(private readonly server: FakeServer) {
    queueMicrotask(() => this.fire('open', {}));
  }
  addEventListener(ev: string, fn: Listener) {
    const set = this.listeners.get(ev) ?? new Set();
    set.add(fn);
    this.listeners.set(ev, set);
  }
  removeEventListener(ev: string, fn: Listener) {
    this.listeners.get(ev)?.delete(fn);
  }
  private fire(ev: string, data: unknown) {
    for (const fn of this.listeners.get(ev) ?? []) fn(data);
  }
  send(data: string) {
    if (this.closed || this.closedByClient) return;
    const el = parse(data);
    this.frames.push(el);
    for (const w of this.waiters) w();
    this.answer(el);
  }
  close() {
    if (this.closed || this.closedByClient) return;
    this.closedByClient = true;
    queueMicrotask(() => this.end(true));
  }
  /** The server side: the link goes down under the client. */
  drop() {
    this.end(false);
  }
  private end(wasClean: boolean) {
    if (this.closed) return;
    this.closed = true;
    this.fire('close', { wasClean });
  }
  say(text: string) {
    queueMicrotask(() => !this.closed && this.fire('message', { data: text }));
  }
  /** Resolves once the client has sent `count` elements named `name` on this link. */
  until(name: string, count = 1): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.sent(name).length < count) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      check();
    });
  }
  sent(name: string) {
    return this.frames.filter((f) => f.name === name);
  }

  private answer(el: Element) {
    if (el.name === 'open') {
      this.say(OPEN);
      this.say(
        this.authed
          ? features('<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/><sm xmlns="urn:xmpp:sm:3"/>')
          : features(
              '<mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>PLAIN</mechanism></mechanisms>',
            ),
      );
    } else if (el.name === 'auth') {
      this.authed = true;
      this.say('<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>');
    } else if (el.name === 'iq' && el.getChild('bind')) {
      this.server.sessions += 1;
      this.say(
        `<iq xmlns="jabber:client" type="result" id="${el.attrs['id']}"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>b@localhost/parley-1</jid></bind></iq>`,
      );
    } else if (el.name === 'enable') {
      this.say(
        `<enabled xmlns="urn:xmpp:sm:3" id="S${this.server.sessions}" resume="true" max="60"/>`,
      );
    } else if (el.name === 'resume' && this.server.resume !== 'hold') {
      this.answerResume(this.server.resume, el.attrs['previd'] ?? '');
    } else if (el.name === 'close') {
      this.say(`<close xmlns="${FRAMING}"/>`);
    }
  }
  answerResume(how: 'resumed' | 'failed', previd = 'S1') {
    this.say(
      how === 'resumed'
        ? `<resumed xmlns="urn:xmpp:sm:3" h="0" previd="${previd}"/>`
        : `<failed xmlns="urn:xmpp:sm:3"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></failed>`,
    );
  }
}

class FakeServer {
  links: Link[] = [];
  sessions = 0;
  /** How a <resume/> is answered: 'hold' is ejabberd waiting on a stuck old session. */
  resume: 'hold' | 'resumed' | 'failed' = 'hold';
  private waiters = new Set<() => void>();
  readonly WebSocket = (() => {
    const server = this;
    return function FakeWebSocket() {
      const link = new Link(server);
      server.links.push(link);
      for (const w of server.waiters) w();
      return link;
    };
  })();
  /** Resolves with the n-th link (1-based) the client opens, once it has. */
  link(n: number): Promise<Link> {
    return new Promise((resolve) => {
      const check = () => {
        const link = this.links[n - 1];
        if (!link) return;
        this.waiters.delete(check);
        resolve(link);
      };
      this.waiters.add(check);
      check();
    });
  }
}

let server: FakeServer;
const realWebSocket = globalThis.WebSocket;
let session: XmppSession | undefined;
beforeEach(() => {
  server = new FakeServer();
  globalThis.WebSocket = server.WebSocket as unknown as typeof WebSocket;
});
afterEach(async () => {
  await session?.stop();
  session = undefined;
  globalThis.WebSocket = realWebSocket;
});

/** Signed in on link 1 with stream management on, one message sent and not yet acknowledged. */
async function onlineWithUnackedMessage() {
  session = await connectXmpp({
    service: 'ws://127.0.0.1:5280/xmpp-websocket',
    domain: 'localhost',
    username: 'b',
    password: 'secret',
    resource: 'parley-1',
  });
  const s = session;
  const first = await server.link(1);
  await first.until('enable');
  await s.send(
    xml('message', { to: 'a@localhost', id: 'm1', type: 'chat' }, xml('body', {}, 'hi')),
  );
  const resumed: boolean[] = [];
  s.onOnline((r) => resumed.push(r));
  const down = new Promise<void>((resolve) => s.onStatus((st) => st === 'offline' && resolve()));
  first.drop();
  await down;
  return { s, resumed };
}

describe('reconnectNow', () => {
  it('opens the next try only once the given-up one is closed, so its late answer goes nowhere', async () => {
    const { s, resumed } = await onlineWithUnackedMessage();
    const given = s.reconnectNow(50);
    const stuck = await server.link(2);
    await stuck.until('resume');
    await expect(given).rejects.toMatchObject({ code: 'unreachable' });
    server.resume = 'resumed';
    // The retry tries again at once (back online, "Retry now").
    const again = s.reconnectNow(5_000);
    const next = await server.link(3);
    expect(stuck.closedByClient).toBe(true);
    // The stuck <resume/> fails late on the old link (ejabberd: "Session state copying timed out").
    stuck.answerResume('failed');
    await again;
    expect(next.sent('iq').filter((iq) => iq.getChild('bind'))).toHaveLength(0);
    expect(next.sent('message').map((m) => m.attrs['id'])).toEqual(['m1']);
    expect(resumed).toEqual([true]);
    expect(next.closedByClient).toBe(false);
  });

  /** Online with an unacknowledged message; a first try's <resume/> went unanswered (dropped). */
  async function afterDroppedResume() {
    const online = await onlineWithUnackedMessage();
    const dropped = online.s.reconnectNow(5_000);
    const second = await server.link(2);
    await second.until('resume');
    second.drop();
    await expect(dropped).rejects.toMatchObject({ code: 'unreachable' });
    return online;
  }

  it('a try that failed leaves nothing waiting: the next stream’s answer is taken once', async () => {
    const { s, resumed } = await afterDroppedResume();
    const again = s.reconnectNow(5_000);
    const third = await server.link(3);
    await third.until('resume');
    third.answerResume('resumed');
    await again;
    await third.until('r');
    // The unacknowledged message goes again once, and the engine hears of one resumption.
    expect(third.sent('message').map((m) => m.attrs['id'])).toEqual(['m1']);
    expect(resumed).toEqual([true]);
  });

  it('a refused <resume/> binds one new session on the new stream', async () => {
    const { s, resumed } = await afterDroppedResume();
    server.resume = 'failed';
    const again = s.reconnectNow(5_000);
    const third = await server.link(3);
    await again;
    await third.until('enable');
    expect(third.sent('iq').filter((iq) => iq.getChild('bind'))).toHaveLength(1);
    expect(third.sent('enable')).toHaveLength(1);
    expect(resumed).toEqual([false]);
  });
});

// The BOSH socket against a fake connection manager that holds requests until the test
// answers them, in any order, or fails them as a broken network would.
import parse from '@xmpp/xml/lib/parse.js';
import { afterEach, describe, expect, it } from 'vitest';
import { BoshSocket } from './socket';

const NS = 'http://jabber.org/protocol/httpbind';
const OPEN = `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0" xml:lang="en"/>`;
const CLOSE = `<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`;
const FEATURES = `<stream:features><mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>PLAIN</mechanism></mechanisms></stream:features>`;

interface Held {
  body: ReturnType<typeof parse>;
  text: string;
  keepalive: boolean;
  answer(inner?: string, attrs?: string): void;
  fail(): void;
}

function connectionManager() {
  const held: Held[] = [];
  const seen: Held[] = [];
  const fetch = ((_url: string, init: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const text = String(init.body);
      const h: Held = {
        body: parse(text),
        text,
        keepalive: init.keepalive === true,
        answer(inner = '', attrs = '') {
          held.splice(held.indexOf(h), 1);
          resolve(
            new Response(
              `<body xmlns="${NS}" xmlns:stream="http://etherx.jabber.org/streams" ${attrs}>${inner}</body>`,
            ),
          );
        },
        fail() {
          held.splice(held.indexOf(h), 1);
          reject(new TypeError('Failed to fetch'));
        },
      };
      init.signal?.addEventListener('abort', () => {
        if (held.includes(h)) held.splice(held.indexOf(h), 1);
        reject(new DOMException('aborted', 'AbortError'));
      });
      held.push(h);
      seen.push(h);
    })) as unknown as typeof globalThis.fetch;
  return { fetch, held, seen };
}

const tick = () => new Promise((r) => setTimeout(r, 5));
async function until(check: () => boolean, ms = 2000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await tick();
  }
}

let socket: BoshSocket | undefined;
afterEach(() => socket?.end());

/** A socket with a session: created, answered with sid and features, polling. */
async function started() {
  const cm = connectionManager();
  const s = new BoshSocket({ fetch: cm.fetch });
  socket = s;
  const data: string[] = [];
  const events: string[] = [];
  s.on('data', (d: string) => data.push(d));
  s.on('connect', () => events.push('connect'));
  s.on('close', (dirty: boolean) => events.push(`close ${dirty ? 'dirty' : 'clean'}`));
  s.on('error', (e: Error) => events.push(`error ${e.message}`));
  s.connect('http://127.0.0.1:5280/http-bind');
  await until(() => events.includes('connect'));
  s.write(OPEN);
  await until(() => cm.held.length === 1);
  const create = cm.held[0] as Held;
  create.answer(FEATURES, 'sid="s1" wait="60" requests="2" hold="1" ver="1.6"');
  await until(() => data.length === 1 && cm.held.length === 1);
  return { s, cm, data, events, create };
}
const rid = (h: Held | undefined) => Number(h?.body.attrs['rid']);

describe('BOSH session', () => {
  it('creates the session with hold=1 and acks, and opens the stream with its features', async () => {
    const { s, cm, data, create } = await started();
    expect(create.body.attrs).toMatchObject({
      xmlns: NS,
      to: 'localhost',
      hold: '1',
      ack: '1',
      wait: '60',
      'xmpp:version': '1.0',
      'xmlns:xmpp': 'urn:xmpp:xbosh',
    });
    expect(create.body.attrs['sid']).toBeUndefined();
    const opened = parse(`<x>${data[0]}</x>`);
    expect(opened.getChild('open')?.attrs['id']).toBe('s1');
    // The features keep their namespace out of the body.
    expect(opened.getChildElements()[1]?.is('features', 'http://etherx.jabber.org/streams')).toBe(
      true,
    );
    expect(s.secure).toBe(true); // loopback
    // One empty request stays at the server, so it can push to us.
    const poll = cm.held[0];
    expect(poll?.body.attrs['sid']).toBe('s1');
    expect(rid(poll)).toBe(rid(create) + 1);
    expect(poll?.body.getChildElements()).toHaveLength(0);
  });

  it('sends with a second request while one is held, and never more than two', async () => {
    const { s, cm } = await started();
    s.write('<message xmlns="jabber:client" to="b@localhost" id="m1"><body>one</body></message>');
    await until(() => cm.held.length === 2);
    s.write('<message xmlns="jabber:client" to="b@localhost" id="m2"><body>two</body></message>');
    s.write('<message xmlns="jabber:client" to="b@localhost" id="m3"><body>three</body></message>');
    await tick();
    await tick();
    expect(cm.held).toHaveLength(2);
    const [poll, first] = cm.held;
    expect(first?.body.getChildElements().map((c) => c.attrs['id'])).toEqual(['m1']);
    // The server answers the held request when the new one arrives; the queue goes next,
    // in one request.
    poll?.answer();
    await until(() => cm.held.length === 2);
    expect(cm.held[1]?.body.getChildElements().map((c) => c.attrs['id'])).toEqual(['m2', 'm3']);
    expect(rid(cm.held[1])).toBe(rid(first) + 1);
  });

  it('hands answers on in rid order, whatever order they arrive in', async () => {
    const { s, cm, data } = await started();
    s.write('<presence xmlns="jabber:client"/>');
    await until(() => cm.held.length === 2);
    const [older, newer] = cm.held;
    newer?.answer('<message xmlns="jabber:client" id="later"/>');
    await tick();
    expect(data).toHaveLength(1);
    older?.answer('<message xmlns="jabber:client" id="earlier"/>');
    await until(() => data.length === 3);
    expect(data.slice(1).map((d) => parse(d).attrs['id'])).toEqual(['earlier', 'later']);
  });

  it('says which answers it has when one is missing (ack)', async () => {
    const { s, cm } = await started();
    s.write('<presence xmlns="jabber:client"/>');
    await until(() => cm.held.length === 2);
    const [older, newer] = cm.held;
    newer?.answer();
    await tick();
    s.write('<presence xmlns="jabber:client"><show>away</show></presence>');
    await until(() => cm.held.length === 2);
    // The poll (older) is still unanswered: the new request acks only up to before it.
    expect(cm.held[1]?.body.attrs['ack']).toBe(String(rid(older) - 1));
  });

  it('sends the very same request again (same rid) when the network fails', async () => {
    const { s, cm, events } = await started();
    s.write('<message xmlns="jabber:client" id="m1"><body>hi</body></message>');
    await until(() => cm.held.length === 2);
    const sent = cm.held[1] as Held;
    sent.fail();
    await until(() => cm.held.length === 2, 3000);
    const again = cm.held[1] as Held;
    expect(again.text).toBe(sent.text);
    expect(events.filter((e) => e.startsWith('error'))).toEqual([]);
  });

  it('gives up after repeated network failures and says the link is unreachable', async () => {
    const { cm, events } = await started();
    for (let i = 0; i < 3; i++) {
      await until(() => cm.held.length === 1, 4000);
      cm.held[0]?.fail();
    }
    await until(() => events.some((e) => e.startsWith('close')), 4000);
    expect(events).toContain('close dirty');
    expect(events.find((e) => e.startsWith('error'))).toMatch(/ECONNERROR/);
  }, 10_000);

  it('restarts the stream after SASL with xmpp:restart on the same session', async () => {
    const { s, cm, data } = await started();
    s.write(OPEN);
    await until(() => cm.held.length === 2);
    const restart = cm.held[1] as Held;
    expect(restart.body.attrs).toMatchObject({ sid: 's1', 'xmpp:restart': 'true' });
    cm.held[0]?.answer();
    restart.answer(FEATURES);
    await until(() => data.length === 2);
    expect(parse(`<x>${data[1]}</x>`).getChild('open')?.attrs['id']).toBe('s1');
  });

  it('terminates the session on close, in a request that outlives the page', async () => {
    const { s, cm, data, events } = await started();
    s.write(CLOSE);
    await until(() => cm.held.length === 2);
    const terminate = cm.held[1] as Held;
    expect(terminate.body.attrs['type']).toBe('terminate');
    expect(terminate.keepalive).toBe(true);
    cm.held[0]?.answer(); // the server lets the held request go first
    terminate.answer('', 'type="terminate"');
    await until(() => data.length === 2);
    expect(data[1]).toContain('<close');
    // The connection closes the socket itself once it has read the close.
    s.end();
    await until(() => events.includes('close clean'));
  });

  it('reports a session the server ended', async () => {
    const { cm, events, data } = await started();
    cm.held[0]?.answer('', 'type="terminate" condition="item-not-found"');
    await until(() => events.includes('close dirty'));
    expect(data.at(-1)).toContain('<close');
    expect(events.some((e) => e.includes('item-not-found'))).toBe(true);
  });
});

describe('BOSH socket dropped without a close', () => {
  it('still ends the session at the server, in a request that outlives the page', async () => {
    const { s, cm } = await started();
    const before = cm.seen.length;
    s.end();
    await until(() => cm.seen.length === before + 1);
    const last = cm.seen.at(-1) as Held;
    expect(last.body.attrs).toMatchObject({ sid: 's1', type: 'terminate' });
    expect(last.keepalive).toBe(true);
  });
});

describe('a server that leaves the earlier request unanswered', () => {
  /** Like started(), with a short stall limit. */
  async function startedStalling(stallMs: number) {
    const cm = connectionManager();
    const s = new BoshSocket({ fetch: cm.fetch, stallMs });
    socket = s;
    const data: string[] = [];
    const events: string[] = [];
    s.on('data', (d: string) => data.push(d));
    s.on('connect', () => events.push('connect'));
    s.on('error', (e: Error) => events.push(`error ${e.message}`));
    s.connect('http://127.0.0.1:5280/http-bind');
    await until(() => events.includes('connect'));
    s.write(OPEN);
    await until(() => cm.held.length === 1);
    cm.held[0]?.answer(FEATURES, 'sid="s1" wait="60" requests="2" hold="1" ver="1.6"');
    await until(() => data.length === 1 && cm.held.length === 1);
    return { s, cm, data, events };
  }

  it('sends the later request again, same rid and body, and goes on once the server takes it', async () => {
    const { s, cm, data, events } = await startedStalling(100);
    s.write('<iq xmlns="jabber:client" type="get" id="q1"><ping xmlns="urn:xmpp:ping"/></iq>');
    await until(() => cm.held.length === 2);
    const [poll, first] = cm.held as [Held, Held];
    // ejabberd filed the iq's request (it overtook the poll) and holds the poll: nothing comes.
    await until(() => cm.seen.length === 4, 2000);
    const again = cm.seen.at(-1) as Held;
    expect(again.text).toBe(first.text);
    expect(cm.held).toEqual([poll, again]); // the first try of it was given up
    // Taken in order now: the server lets the poll go and answers the iq.
    poll.answer();
    again.answer('<iq xmlns="jabber:client" type="result" id="q1"/>');
    await until(() => data.some((d) => d.includes('id="q1"')));
    expect(events.filter((e) => e.startsWith('error'))).toEqual([]);
  });

  it('sends nothing again while the server answers the held request when the next arrives', async () => {
    const { s, cm } = await startedStalling(100);
    s.write('<presence xmlns="jabber:client"/>');
    await until(() => cm.held.length === 2);
    cm.held[0]?.answer(); // hold=1 kept: the held request goes, the new one is held
    const seen = cm.seen.length;
    await new Promise((r) => setTimeout(r, 300));
    // Only the poll that replaced the answered one: the presence's request was not sent again.
    expect(cm.seen.slice(seen).every((h) => h.body.getChildElements().length === 0)).toBe(true);
  });
});

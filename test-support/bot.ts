// A Node-side XMPP client for seeding and checking end-to-end tests: it sends chat
// messages shaped like the app's, answers receipt requests, records what it receives
// and can count or read its own server archive (XEP-0313).
//
// It uses @xmpp/client over WebSocket. Node 20 has no global WebSocket, so the `ws`
// package stands in. It logs in with PLAIN by default (the test server allows it on
// loopback): @xmpp/client's pure-JS SCRAM-SHA-1 costs about a second per login in Node.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Client, client, xml } from '@xmpp/client';
import type { Element } from '@xmpp/xml';

const NS_SM = 'urn:xmpp:sm:3';
const NS_SID = 'urn:xmpp:sid:0';
const NS_RECEIPTS = 'urn:xmpp:receipts';
const NS_MARKERS = 'urn:xmpp:chat-markers:0';
const NS_CHAT_STATES = 'http://jabber.org/protocol/chatstates';
const NS_MAM = 'urn:xmpp:mam:2';
const NS_RSM = 'http://jabber.org/protocol/rsm';
const NS_FORWARD = 'urn:xmpp:forward:0';
const NS_DATA = 'jabber:x:data';
const NS_PING = 'urn:xmpp:ping';
const NS_DELAY = 'urn:xmpp:delay';

export interface BotOptions {
  /** WebSocket endpoint, e.g. ws://127.0.0.1:PORT/xmpp-websocket (Prosody's or through serveApp). */
  service: string;
  domain: string;
  username: string;
  password: string;
  resource?: string;
  /** SASL mechanism; default PLAIN (fast). SCRAM-SHA-1 takes about 1 s in Node. */
  mechanism?: 'PLAIN' | 'SCRAM-SHA-1';
  /** Send initial presence, so messages to the bare address reach this bot; default true. */
  presence?: boolean;
  /** Answer <request xmlns='urn:xmpp:receipts'/> with <received/>; default true. */
  answerReceipts?: boolean;
  /** Called with every element in ('in') and out ('out'), for debugging. */
  log?: (direction: 'in' | 'out', element: string) => void;
}

export interface BotMessage {
  /** Full address of the sender. */
  from: string;
  body: string;
  /** The origin-id when there is one, else the stanza id. */
  id: string;
  /** The server's XEP-0359 stanza-id (by our bare address), when it archived the message. */
  stanzaId?: string;
  /** Carried a <delay/>: came from offline storage or a resumed stream. */
  delayed: boolean;
}

export interface ArchivedMessage {
  /** The archive's id for the message (MAM result id). */
  archiveId: string;
  from: string;
  to: string;
  body: string;
  /** origin-id, else the stanza id. */
  id: string;
  stamp: string;
}

export interface Bot {
  /** Full address after binding, e.g. seed@localhost/bot-1a2b. */
  jid: string;
  /** The underlying @xmpp/client, for anything else. */
  xmpp: Client;
  /** Chat messages with a body received so far, in order. */
  received: BotMessage[];
  /** Errors the client emitted (kept instead of thrown). */
  errors: Error[];
  /** Send one chat message shaped like the app's; resolves with its id once written. */
  sendChat(to: string, body: string, options?: { id?: string }): Promise<string>;
  /**
   * Send many chat messages back to back (pipelined), in order. Resolves with their ids once
   * the server has acknowledged all of them (XEP-0198 <a/>), or, without stream
   * management, after a ping round trip that follows them.
   */
  sendMany(to: string, bodies: string[]): Promise<string[]>;
  /** Wait until everything sent so far is acknowledged by the server (as in sendMany). */
  flush(timeoutMs?: number): Promise<void>;
  /** Called for each received chat message with a body; returns an unsubscribe function. */
  onMessage(fn: (message: BotMessage) => void): () => void;
  /** Resolves with the first received message (past or future) matching `predicate`. */
  waitForMessage(
    predicate: (message: BotMessage) => boolean,
    timeoutMs?: number,
  ): Promise<BotMessage>;
  /** How many messages this account's archive holds (optionally only those with `withJid`). */
  archiveCount(withJid?: string): Promise<number>;
  /** Every message in this account's archive (optionally only with `withJid`), oldest first. */
  archive(withJid?: string): Promise<ArchivedMessage[]>;
  /** Close the stream and the connection. */
  stop(): Promise<void>;
}

type StreamManagement = Client['streamManagement'] & { outbound_q: unknown[] };

/**
 * Node 20 has no global WebSocket: let @xmpp/websocket use the `ws` package. Its Node entry
 * is loaded by path, because runners that add the 'browser' export condition (this
 * project's Vitest config makes Node run with `--conditions browser`) would get ws's stub.
 */
function ensureWebSocket(): void {
  const g = globalThis as { WebSocket?: unknown };
  if (typeof g.WebSocket === 'function') return;
  const require = createRequire(import.meta.url);
  const wsDir = dirname(require.resolve('ws/package.json'));
  const WebSocket: unknown = require(join(wsDir, 'index.js'));
  if (typeof WebSocket !== 'function') throw new Error('The ws package gave no WebSocket class');
  g.WebSocket = WebSocket;
}

const newId = () => randomUUID();

/** A chat message as the app sends it: origin-id = id, receipt request, markable, <active/>. */
export function chatStanza(to: string, body: string, id: string): Element {
  return xml(
    'message',
    { type: 'chat', to, id },
    xml('body', {}, body),
    xml('origin-id', { xmlns: NS_SID, id }),
    xml('request', { xmlns: NS_RECEIPTS }),
    xml('markable', { xmlns: NS_MARKERS }),
    xml('active', { xmlns: NS_CHAT_STATES }),
  );
}

const bare = (address: string) => address.split('/')[0] ?? address;

/**
 * The bot joins `room` as `nick`, with no join history; resolves with its own presence back
 * (status 110, and 201 when the join created the room), or fails after `timeoutMs`.
 */
export async function joinRoomAs(
  bot: Bot,
  room: string,
  nick: string,
  timeoutMs: number,
): Promise<Element> {
  const NS_MUC = 'http://jabber.org/protocol/muc';
  let timer: NodeJS.Timeout | undefined;
  const self = new Promise<Element>((done, fail) => {
    timer = setTimeout(() => {
      bot.xmpp.off('stanza', onStanza);
      fail(new Error(`${nick} not in ${room} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onStanza = (stanza: Element) => {
      if (!stanza.is('presence') || stanza.attrs['from'] !== `${room}/${nick}`) return;
      const x = stanza.getChild('x', `${NS_MUC}#user`);
      if (!x?.getChildren('status').some((s) => s.attrs['code'] === '110')) return;
      clearTimeout(timer);
      bot.xmpp.off('stanza', onStanza);
      done(stanza);
    };
    bot.xmpp.on('stanza', onStanza);
  });
  await bot.xmpp.send(
    xml(
      'presence',
      { to: `${room}/${nick}` },
      xml('x', { xmlns: NS_MUC }, xml('history', { maxstanzas: '0' })),
    ),
  );
  return self;
}

/** Log in and get ready to send; resolves once the session is bound (and SM enabled). */
export async function connectBot(options: BotOptions): Promise<Bot> {
  ensureWebSocket();
  const {
    service,
    domain,
    username,
    password,
    resource = `bot-${newId().slice(0, 8)}`,
    mechanism = 'PLAIN',
    presence = true,
    answerReceipts = true,
  } = options;

  const xmpp = client({
    service,
    domain,
    resource,
    credentials: async (authenticate, mechanisms) => {
      const chosen = mechanisms.includes(mechanism) ? mechanism : mechanisms[0];
      if (!chosen) throw new Error(`No SASL mechanism offered (wanted ${mechanism})`);
      await authenticate({ username, password }, chosen);
    },
  });
  // A bot is for one session: no silent reconnects after a server crash or a cut.
  xmpp.reconnect.stop();
  const sm = xmpp.streamManagement as StreamManagement;

  const received: BotMessage[] = [];
  const errors: Error[] = [];
  const listeners = new Set<(message: BotMessage) => void>();
  let ownBare = `${username}@${domain}`;

  if (options.log) {
    const log = options.log;
    xmpp.on('element', (element: Element) => log('in', element.toString()));
    xmpp.on('send', (element: Element) => log('out', element.toString()));
  }

  xmpp.on('error', (error: Error) => {
    errors.push(error);
  });

  xmpp.on('stanza', (stanza: Element) => {
    if (!stanza.is('message')) return;
    if (stanza.getChild('result', NS_MAM)) return; // archive query results: see archive()
    const from = stanza.attrs['from'] ?? '';
    const stanzaIdEl = stanza
      .getChildren('stanza-id', NS_SID)
      .find((el) => el.attrs['by'] === ownBare);
    const originId = stanza.getChild('origin-id', NS_SID)?.attrs['id'];
    const id = originId ?? stanza.attrs['id'] ?? '';
    if (answerReceipts && stanza.getChild('request', NS_RECEIPTS) && id && from) {
      xmpp
        .send(
          xml('message', { to: from, id: newId() }, xml('received', { xmlns: NS_RECEIPTS, id })),
        )
        .catch((error: Error) => errors.push(error));
    }
    const body = stanza.getChildText('body');
    if (body === null || stanza.attrs['type'] === 'error') return;
    const message: BotMessage = {
      from,
      body,
      id,
      delayed: stanza.getChild('delay', NS_DELAY) !== undefined,
    };
    if (stanzaIdEl?.attrs['id']) message.stanzaId = stanzaIdEl.attrs['id'];
    received.push(message);
    for (const fn of listeners) fn(message);
  });

  const ping = (timeoutMs = 30_000) =>
    xmpp.iqCaller.request(
      xml('iq', { type: 'get', to: domain, id: newId() }, xml('ping', { xmlns: NS_PING })),
      timeoutMs,
    );

  let smOffered = false;
  const noteFeatures = (element: Element) => {
    if (element.is('features', 'http://etherx.jabber.org/streams') && element.getChild('sm', NS_SM))
      smOffered = true;
  };
  xmpp.on('nonza', noteFeatures);
  const address = await xmpp.start();
  xmpp.off('nonza', noteFeatures);
  ownBare = bare(address.toString());
  // start() resolves at resource binding, before <enable/> goes out. Send nothing until
  // <enabled/> is in: @xmpp/stream-management 0.14 counts incoming stanzas in async
  // middleware and resets its count only a few microtasks after <enabled/>, so stanzas
  // that cross <enable/> (offline messages after an early presence, a ping reply) can be
  // acknowledged twice, and Prosody then ends the stream with "Client acknowledged more
  // stanzas than sent by server".
  if (smOffered) {
    const deadline = Date.now() + 10_000;
    while (!sm.enabled && Date.now() < deadline && xmpp.status === 'online') {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  if (presence) {
    await xmpp.send(xml('presence'));
    await ping(); // the server has handled the presence: messages to the bare address come here
  }

  async function flush(timeoutMs = 30_000): Promise<void> {
    if (!sm.enabled) {
      await ping(timeoutMs); // handled in order: everything sent before it was handled too
      return;
    }
    if (sm.outbound_q.length === 0) return;
    await new Promise<void>((done, fail) => {
      const check = () => {
        if (sm.outbound_q.length > 0) return;
        finish();
        done();
      };
      const onFail = () => {
        finish();
        fail(new Error('Stream management: unacknowledged stanzas failed (disconnected)'));
      };
      const timer = setTimeout(() => {
        finish();
        fail(
          new Error(`${sm.outbound_q.length} stanzas still unacknowledged after ${timeoutMs} ms`),
        );
      }, timeoutMs);
      function finish() {
        clearTimeout(timer);
        sm.off('ack', check);
        sm.off('fail', onFail);
      }
      sm.on('ack', check);
      sm.on('fail', onFail);
      // Ask now rather than after the client's own 250 ms debounce.
      xmpp.send(xml('r', { xmlns: NS_SM })).catch(onFail);
    });
  }

  async function sendChat(to: string, body: string, opts: { id?: string } = {}): Promise<string> {
    const id = opts.id ?? newId();
    await xmpp.send(chatStanza(to, body, id));
    return id;
  }

  async function sendMany(to: string, bodies: string[]): Promise<string[]> {
    const ids = bodies.map(() => newId());
    // All writes are started at once; @xmpp/connection writes them in call order.
    await Promise.all(bodies.map((body, i) => xmpp.send(chatStanza(to, body, ids[i] ?? newId()))));
    // Prosody archives each message for both sides; on a loaded 2-core machine 2,000 took over
    // 40 s once, so the wait is generous (it ends at the ack, however early).
    await flush(Math.max(30_000, bodies.length * 50));
    return ids;
  }

  function onMessage(fn: (message: BotMessage) => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  }

  function waitForMessage(
    predicate: (message: BotMessage) => boolean,
    timeoutMs = 10_000,
  ): Promise<BotMessage> {
    const already = received.find(predicate);
    if (already) return Promise.resolve(already);
    return new Promise((done, fail) => {
      const timer = setTimeout(() => {
        off();
        fail(new Error(`No matching message within ${timeoutMs} ms (${received.length} received)`));
      }, timeoutMs);
      const off = onMessage((message) => {
        if (!predicate(message)) return;
        clearTimeout(timer);
        off();
        done(message);
      });
    });
  }

  function mamQuery(withJid: string | undefined, rsm: Element): Element {
    const form =
      withJid &&
      xml(
        'x',
        { xmlns: NS_DATA, type: 'submit' },
        xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_MAM)),
        xml('field', { var: 'with' }, xml('value', {}, withJid)),
      );
    return xml('query', { xmlns: NS_MAM, queryid: newId() }, form, rsm);
  }

  async function archiveCount(withJid?: string): Promise<number> {
    const result = await xmpp.iqCaller.request(
      xml(
        'iq',
        { type: 'set', id: newId() },
        mamQuery(withJid, xml('set', { xmlns: NS_RSM }, xml('max', {}, '0'))),
      ),
      30_000,
    );
    const count = result.getChild('fin', NS_MAM)?.getChild('set', NS_RSM)?.getChildText('count');
    if (count === null || count === undefined) {
      throw new Error(`The archive gave no count: ${result.toString()}`);
    }
    return Number(count);
  }

  async function archive(withJid?: string): Promise<ArchivedMessage[]> {
    const all: ArchivedMessage[] = [];
    let after: string | undefined;
    for (;;) {
      const query = mamQuery(
        withJid,
        xml(
          'set',
          { xmlns: NS_RSM },
          xml('max', {}, '250'),
          after ? xml('after', {}, after) : null,
        ),
      );
      const queryId = query.attrs['queryid'];
      const page: ArchivedMessage[] = [];
      const collect = (stanza: Element) => {
        const result = stanza.is('message') ? stanza.getChild('result', NS_MAM) : undefined;
        if (!result || result.attrs['queryid'] !== queryId) return;
        const forwarded = result.getChild('forwarded', NS_FORWARD);
        const message = forwarded?.getChild('message');
        if (!forwarded || !message) return;
        page.push({
          archiveId: result.attrs['id'] ?? '',
          from: message.attrs['from'] ?? '',
          to: message.attrs['to'] ?? '',
          body: message.getChildText('body') ?? '',
          id: message.getChild('origin-id', NS_SID)?.attrs['id'] ?? message.attrs['id'] ?? '',
          stamp: forwarded.getChild('delay', NS_DELAY)?.attrs['stamp'] ?? '',
        });
      };
      xmpp.on('stanza', collect);
      let fin: Element | undefined;
      try {
        const reply = await xmpp.iqCaller.request(
          xml('iq', { type: 'set', id: newId() }, query),
          30_000,
        );
        fin = reply.getChild('fin', NS_MAM);
      } finally {
        xmpp.off('stanza', collect);
      }
      all.push(...page);
      const last = fin?.getChild('set', NS_RSM)?.getChildText('last');
      if (!fin || fin.attrs['complete'] === 'true' || !last || page.length === 0) break;
      after = last;
    }
    return all;
  }

  async function stop(): Promise<void> {
    xmpp.reconnect.stop();
    if (xmpp.status === 'offline') return;
    try {
      await xmpp.stop();
    } catch {
      // the connection may already be gone (server killed, path cut)
    }
  }

  return {
    jid: address.toString(),
    xmpp,
    received,
    errors,
    sendChat,
    sendMany,
    flush,
    onMessage,
    waitForMessage,
    archiveCount,
    archive,
    stop,
  };
}

// The replay server: a small XMPP-over-WebSocket server (RFC 7395) that signs clients in and
// answers their archive queries from memory, so that a client's own ingest rate can be
// measured without a server's storage in the way. It does what Parley asks on sign-in and
// catch-up, and no more: see bench/README.md ("Archive ingest") for what it leaves out.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { Element } from '@xmpp/xml';
import parse from '@xmpp/xml/lib/parse.js';
import type * as WsModule from 'ws';
import { type Asker, answerIq } from './answers';
import { createReplayArchive, type ReplayArchive } from './archive';
import { escapeXml as esc } from './corpus';
import {
  SCRAM_MECHANISMS,
  type ScramHash,
  type StoredScram,
  scramExchange,
  storeScram,
} from './scram';

// ws's Node entry by path: under Vitest's 'browser' condition the package name gives its stub
// (as test-support/bot.ts does for the client side).
const require = createRequire(import.meta.url);
const { WebSocketServer } = require(
  join(dirname(require.resolve('ws/package.json')), 'index.js'),
) as typeof WsModule;

const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
const SM = 'urn:xmpp:sm:3';
const CSI = 'urn:xmpp:csi:0';
const STREAM = 'http://etherx.jabber.org/streams';

export interface ReplayAccount {
  password: string;
  /** Bare JIDs on the roster (subscription both). */
  roster?: string[];
}

export interface ReplayOptions {
  domain?: string;
  /** By username. Each gets an empty archive (`archive(username)`) to fill. */
  accounts: Record<string, ReplayAccount>;
  /** Largest page the archive gives (Prosody's max_archive_query_results). */
  maxPage?: number;
  port?: number;
}

export interface ReplayServer {
  /** ws://127.0.0.1:PORT/xmpp-websocket */
  url: string;
  port: number;
  domain: string;
  archive(username: string): ReplayArchive;
  /** Requests answered service-unavailable because nothing here knows them, with counts. */
  unknown: Map<string, number>;
  /** Archive queries answered, and result messages sent. */
  stats: { queries: number; results: number; sessions: number };
  close(): Promise<void>;
}

interface User {
  password: string;
  roster: string[];
  archive: ReplayArchive;
  scram: Record<ScramHash, StoredScram>;
}

export async function startReplay(o: ReplayOptions): Promise<ReplayServer> {
  const domain = o.domain ?? 'localhost';
  const users = new Map<string, User>();
  for (const [name, acct] of Object.entries(o.accounts)) {
    const salt = randomBytes(16);
    users.set(name, {
      password: acct.password,
      roster: acct.roster ?? [],
      archive: createReplayArchive({ maxMax: o.maxPage ?? 250 }),
      scram: {
        sha1: storeScram('sha1', acct.password, salt),
        sha256: storeScram('sha256', acct.password, salt),
      },
    });
  }
  const unknown = new Map<string, number>();
  const stats = { queries: 0, results: 0, sessions: 0 };
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({
    server: http,
    path: '/xmpp-websocket',
    handleProtocols: (protocols) => (protocols.has('xmpp') ? 'xmpp' : false),
  });
  wss.on('connection', (ws) => {
    const s = createStream(domain, users, {
      send: (xml) => ws.send(xml),
      close: () => ws.close(),
      unknown: (what) => unknown.set(what, (unknown.get(what) ?? 0) + 1),
      stats,
    });
    ws.on('message', (data) => s.frame(data.toString()));
    ws.on('error', () => ws.terminate());
  });
  await new Promise<void>((done) => http.listen(o.port ?? 0, '127.0.0.1', done));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/xmpp-websocket`,
    port,
    domain,
    archive(username) {
      const u = users.get(username);
      if (!u) throw new Error(`replay: no account ${username}`);
      return u.archive;
    },
    unknown,
    stats,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((done) => wss.close(() => done()));
      await new Promise<void>((done) => http.close(() => done()));
    },
  };
}

interface Wire {
  send(xml: string): void;
  close(): void;
  unknown(what: string): void;
  stats: ReplayServer['stats'];
}

/** One client's stream, from <open/> to <close/>: SASL, then bind, then stanzas. */
function createStream(domain: string, users: Map<string, User>, wire: Wire) {
  let user: { name: string; u: User } | null = null;
  let jid = '';
  let sasl: ReturnType<typeof scramExchange> | null = null;
  let smInbound: number | null = null;

  const features = () => {
    const inner = !user
      ? `<mechanisms xmlns='${SASL}'>${Object.keys(SCRAM_MECHANISMS)
          .map((m) => `<mechanism>${m}</mechanism>`)
          .join('')}<mechanism>PLAIN</mechanism></mechanisms>`
      : `<bind xmlns='${BIND}'/><sm xmlns='${SM}'/><csi xmlns='${CSI}'/>`;
    return `<stream:features xmlns:stream='${STREAM}'>${inner}</stream:features>`;
  };
  const fail = (condition = 'not-authorized') => {
    sasl = null;
    wire.send(`<failure xmlns='${SASL}'><${condition}/></failure>`);
  };
  const succeed = (name: string, u: User, data?: string) => {
    sasl = null;
    user = { name, u };
    wire.send(
      `<success xmlns='${SASL}'>${data ? Buffer.from(data).toString('base64') : ''}</success>`,
    );
  };
  const b64 = (el: Element) => Buffer.from(el.getText(), 'base64').toString('utf8');

  function auth(el: Element) {
    const mechanism = el.attrs['mechanism'] ?? '';
    if (mechanism === 'PLAIN') {
      const [, name = '', password] = b64(el).split('\0');
      const u = users.get(name);
      return u && u.password === password ? succeed(name, u) : fail();
    }
    const hash = SCRAM_MECHANISMS[mechanism];
    if (!hash) return fail('invalid-mechanism');
    sasl = scramExchange(hash, (name) => users.get(name)?.scram[hash]);
    const serverFirst = sasl.first(b64(el));
    if (!serverFirst) return fail();
    wire.send(
      `<challenge xmlns='${SASL}'>${Buffer.from(serverFirst).toString('base64')}</challenge>`,
    );
  }

  function response(el: Element) {
    if (!sasl) return fail('malformed-request');
    const serverFinal = sasl.final(b64(el));
    const u = users.get(sasl.user);
    if (!serverFinal || !u) return fail();
    succeed(sasl.user, u, serverFinal);
  }

  function bind(iq: Element) {
    if (!user) return;
    const resource =
      iq.getChild('bind', BIND)?.getChildText('resource') || `replay-${randomUUID().slice(0, 8)}`;
    jid = `${user.name}@${domain}/${resource}`;
    wire.stats.sessions++;
    wire.send(
      `<iq xmlns='jabber:client' type='result' id='${esc(iq.attrs['id'] ?? '')}'><bind xmlns='${BIND}'><jid>${esc(jid)}</jid></bind></iq>`,
    );
  }

  function stanza(el: Element) {
    if (smInbound !== null) smInbound++;
    if (!user || !jid) {
      if (el.name === 'iq' && el.getChild('bind', BIND)) return bind(el);
      return wire.close();
    }
    if (el.name !== 'iq') return; // presence and messages: nobody else is here to get them
    const type = el.attrs['type'];
    if (type !== 'get' && type !== 'set') return; // answers to nothing we asked
    const u = user.u;
    const asker: Asker = {
      jid,
      bare: `${user.name}@${domain}`,
      domain,
      roster: u.roster,
      archive: u.archive,
      send: (xml) => {
        wire.stats.results++;
        wire.send(xml);
      },
      unknown: wire.unknown,
    };
    if (el.getChild('query', 'urn:xmpp:mam:2')) wire.stats.queries++;
    wire.send(answerIq(asker, el));
  }

  return {
    frame(text: string) {
      let el: Element;
      try {
        el = parse(text);
      } catch {
        return wire.close();
      }
      const ns = el.attrs['xmlns'];
      if (el.name === 'open' && ns === FRAMING) {
        wire.send(
          `<open xmlns='${FRAMING}' from='${domain}' id='${randomUUID()}' version='1.0' xml:lang='en'/>`,
        );
        return wire.send(features());
      }
      if (el.name === 'close' && ns === FRAMING) {
        wire.send(`<close xmlns='${FRAMING}'/>`);
        return wire.close();
      }
      if (ns === SASL && !user) {
        if (el.name === 'auth') return auth(el);
        if (el.name === 'response') return response(el);
        if (el.name === 'abort') return fail('aborted');
      }
      if (ns === SM) {
        if (el.name === 'enable') {
          smInbound = 0;
          // No resumption: a dropped stream is a new session here.
          return wire.send(`<enabled xmlns='${SM}' id='${randomUUID()}'/>`);
        }
        if (el.name === 'r') return wire.send(`<a xmlns='${SM}' h='${smInbound ?? 0}'/>`);
        if (el.name === 'resume')
          return wire.send(
            `<failed xmlns='${SM}'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>`,
          );
        return; // <a/>: what we sent is acknowledged; nothing is kept to resend
      }
      if (ns === CSI) return;
      if (['iq', 'message', 'presence'].includes(el.name)) return stanza(el);
      wire.unknown(`nonza ${el.name} ${ns ?? ''}`);
    },
  };
}

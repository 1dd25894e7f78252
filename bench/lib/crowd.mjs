// A crowd for group-chat benchmarks: many anonymous XMPP sessions (SASL ANONYMOUS over
// WebSocket, RFC 7395) that join one room. Raw frames and string matching keep each session
// to one socket and a few kilobytes, so a thousand fit in one Node process.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const WebSocket = require('ws');

const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One anonymous session; resolves once bound. */
function session(url, domain) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'xmpp');
    let step = 'open';
    let jid = '';
    const waiters = [];
    const listeners = [];
    const timer = setTimeout(
      () => reject(new Error(`crowd: no session after 30 s (${step})`)),
      30_000,
    );
    const open = () => ws.send(`<open xmlns="${FRAMING}" to="${domain}" version="1.0"/>`);
    ws.on('open', open);
    ws.on('error', reject);
    ws.on('message', (data) => {
      const s = data.toString();
      for (const l of listeners) l(s);
      for (const w of [...waiters])
        if (w.test(s)) waiters.splice(waiters.indexOf(w), 1) && w.done(s);
      if (step === 'open' && s.includes('<mechanisms')) {
        step = 'auth';
        ws.send('<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="ANONYMOUS"/>');
      } else if (step === 'auth' && s.startsWith('<success')) {
        step = 'reopen';
        open();
      } else if (step === 'auth' && s.startsWith('<failure')) {
        reject(new Error(`crowd: ANONYMOUS refused: ${s}`));
      } else if (step === 'reopen' && s.includes('<bind')) {
        step = 'bind';
        ws.send(
          '<iq type="set" id="b1" xmlns="jabber:client"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></iq>',
        );
      } else if (
        (step === 'bind' && s.includes('id="b1"')) ||
        (step === 'bind' && s.includes("id='b1'"))
      ) {
        jid = /<jid>([^<]+)<\/jid>/.exec(s)?.[1] ?? '';
        step = 'ready';
        clearTimeout(timer);
        resolve({
          jid,
          send: (x) => ws.send(x),
          /** Calls `fn` with every incoming frame. */
          onFrame: (fn) => listeners.push(fn),
          /** Resolves with the first incoming frame that `test` accepts. */
          waitFor: (test, ms = 30_000) =>
            new Promise((done, fail) => {
              const t = setTimeout(() => fail(new Error('crowd: waited too long')), ms);
              waiters.push({
                test,
                done: (v) => {
                  clearTimeout(t);
                  done(v);
                },
              });
            }),
          close: () =>
            new Promise((done) => {
              ws.once('close', done);
              try {
                ws.send(`<close xmlns="${FRAMING}"/>`);
              } catch {}
              setTimeout(() => ws.terminate(), 1000);
            }),
        });
      }
    });
  });
}

const joinStanza = (room, nick) =>
  `<presence xmlns="jabber:client" to="${esc(room)}/${esc(nick)}"><x xmlns="http://jabber.org/protocol/muc"><history maxstanzas="0"/></x></presence>`;

/**
 * `count` sessions on `domain` (an anonymous VirtualHost) join `room` as `${prefix}0001`...
 * The first creates the room (instant, persistent, archived) and stays its owner.
 */
export async function gatherCrowd({
  url,
  domain,
  room,
  count,
  prefix = 'guest',
  parallel = 50,
  persistent = false,
}) {
  const members = [];
  const owner = await session(url, domain);
  members.push(owner);
  const nick0 = `${prefix}0000`;
  const joined = owner.waitFor((s) => s.includes('code="110"') || s.includes("code='110'"));
  owner.send(joinStanza(room, nick0));
  const self = await joined;
  let cfg = 0;
  /** Submit the room configuration: archived (and persistent if asked). */
  const configure = async () => {
    const id = `cfg${++cfg}`;
    const done = owner.waitFor((s) => s.includes(`id="${id}"`) || s.includes(`id='${id}'`));
    owner.send(
      `<iq xmlns="jabber:client" type="set" to="${esc(room)}" id="${id}"><query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="submit"><field var="FORM_TYPE"><value>http://jabber.org/protocol/muc#roomconfig</value></field><field var="muc#roomconfig_persistentroom"><value>${persistent ? 1 : 0}</value></field><field var="muc#roomconfig_enablearchiving"><value>1</value></field></x></query></iq>`,
    );
    await done;
  };
  // Every join is announced to everyone already there, so gathering n people costs the server
  // n²/2 presences (about 500,000 for a thousand): minutes, not seconds. Prosody's
  // presence-broadcast setting does not help: switching it back on announces everyone anew.
  if (self.includes('201')) await configure();
  for (let i = 1; i < count; i += parallel) {
    const batch = [];
    for (let k = i; k < Math.min(count, i + parallel); k++) {
      batch.push(
        (async () => {
          const m = await session(url, domain);
          const nick = `${prefix}${String(k).padStart(4, '0')}`;
          const ok = m.waitFor(
            (s) => s.includes(`code="110"`) || s.includes("code='110'"),
            300_000,
          );
          m.send(joinStanza(room, nick));
          await ok;
          return m;
        })(),
      );
    }
    members.push(...(await Promise.all(batch)));
  }
  return {
    members,
    owner,
    /** Send `n` groupchat messages from the owner at `perSecond`, bodies from `body(i)`. */
    async burst(n, perSecond, body) {
      const gap = 1000 / perSecond;
      const t0 = Date.now();
      for (let i = 0; i < n; i++) {
        const due = t0 + i * gap;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        owner.send(
          `<message xmlns="jabber:client" type="groupchat" to="${esc(room)}" id="burst${i}"><body>${esc(body(i))}</body></message>`,
        );
      }
    },
    async close() {
      await Promise.all(members.map((m) => m.close()));
    },
  };
}

const isSelf = (s) => s.includes('code="110"') || s.includes("code='110'");
const isPresence = (s) => s.startsWith('<presence');
const isUnavailable = (s) => s.includes('type="unavailable"') || s.includes("type='unavailable'");

/**
 * The server's own floor for joining `room`: a bare anonymous socket sends the join presence
 * and the clock stops at its own presence (status 110), which the server sends after every
 * occupant's (XEP-0045 §7.2.3). Then it leaves, so the room is as it was. Returns the time and
 * how many occupant presences came before its own.
 */
export async function timeBareJoin({ url, domain, room, nick }) {
  const m = await session(url, domain);
  let presences = 0;
  m.onFrame((s) => {
    if (isPresence(s) && !isSelf(s)) presences++;
  });
  const joined = m.waitFor((s) => isPresence(s) && isSelf(s) && !isUnavailable(s), 300_000);
  const t0 = performance.now();
  m.send(joinStanza(room, nick));
  await joined;
  const ms = performance.now() - t0;
  const left = m.waitFor((s) => isPresence(s) && isSelf(s) && isUnavailable(s));
  m.send(`<presence xmlns="jabber:client" to="${esc(room)}/${esc(nick)}" type="unavailable"/>`);
  await left;
  await m.close();
  return { ms, presences };
}

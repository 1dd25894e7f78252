// Chat choices on the engine (XEP-0223): a change here is published by its task, waits while
// offline, falls back as bookmarks do on servers that refuse the publish-options; what the
// server keeps is merged on connecting and live from our own account only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDb, getMeta, setArchived, setMarkedUnread, setPinned, storeIncoming } from '../db';
import type { XmlElement as El } from '../xmpp';
import { FakeSession, parseXml, xml } from '../xmpp/fake';
import type { Engine } from '.';
import { handled, startTestEngine, until, untilTrue } from './testing';

const ME = 'me@example.com';
const BOB = 'bob@example.com';
const CAROL = 'carol@example.com';
const NODE = 'urn:parley:chats:0';
const PUBSUB = 'http://jabber.org/protocol/pubsub';
const EVENT = 'http://jabber.org/protocol/pubsub#event';
const iso = (ms: number) => new Date(ms).toISOString();

let db: AccountDb;
let session: FakeSession;
let engine: Engine | undefined;
/** The node as the fake server keeps it: item id → payload XML. */
let stored: Map<string, string>;
/** How the fake server answers a publish (null: as Prosody, keeping it). */
let refuse: ((iq: El) => string | null) | null;

const pubsubOf = (iq: El) => iq.getChild('pubsub', PUBSUB);
const publishOf = (iq: El) => pubsubOf(iq)?.getChild('publish');
const isOurs = (iq: El) =>
  [publishOf(iq), pubsubOf(iq)?.getChild('retract'), pubsubOf(iq)?.getChild('items')].some(
    (c) => c?.attrs['node'] === NODE,
  );
const error = (iq: El, condition: string) =>
  parseXml(
    `<iq type="error" id="${iq.attrs['id']}"><error type="cancel"><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
  );
const chat = (at: number, inner = '') => `<chat xmlns="${NODE}" at="${iso(at)}">${inner}</chat>`;
const published = () => session.sent.filter((iq) => publishOf(iq)?.attrs['node'] === NODE);

function fakeServer(iq: El): El {
  const id = iq.attrs['id'];
  if (iq.getChild('query', 'jabber:iq:roster'))
    return parseXml(`<iq type="result" id="${id}"><query xmlns="jabber:iq:roster"/></iq>`);
  if (!isOurs(iq)) return xml('iq', { type: 'result', id });
  const publish = publishOf(iq);
  if (publish) {
    const no = refuse?.(iq);
    if (no) return error(iq, no);
    const item = publish.getChild('item');
    stored.set(item?.attrs['id'] as string, item?.getChildElements()[0]?.toString() ?? '');
    return xml('iq', { type: 'result', id });
  }
  const retract = pubsubOf(iq)?.getChild('retract');
  if (retract) {
    stored.delete(retract.getChild('item')?.attrs['id'] as string);
    return xml('iq', { type: 'result', id });
  }
  const items = [...stored].map(([k, v]) => `<item id="${k}">${v}</item>`).join('');
  return parseXml(
    `<iq type="result" id="${id}"><pubsub xmlns="${PUBSUB}"><items node="${NODE}">${items}</items></pubsub></iq>`,
  );
}

async function start() {
  engine = await startTestEngine(db, session, ME);
}

beforeEach(async () => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  stored = new Map();
  refuse = null;
  session.answerIq(fakeServer);
  await storeIncoming(db, {
    id: 'b1',
    peer: BOB,
    direction: 'in',
    body: 'hi',
    at: 1000,
    state: 'delivered',
  });
  await storeIncoming(db, {
    id: 'c1',
    peer: CAROL,
    direction: 'in',
    body: 'hello',
    at: 2000,
    state: 'delivered',
  });
});

afterEach(() => {
  engine?.stop();
  engine = undefined;
  db.close();
});

describe('publishing a change made here', () => {
  it('publishes the row with XEP-0223 options, and retracts it when nothing is chosen', async () => {
    await start();
    await setPinned(db, BOB, true, 5000);
    await untilTrue(() => stored.has(BOB));
    expect(stored.get(BOB)).toBe(chat(5000, `<pinned at="${iso(5000)}"/>`));
    const options = pubsubOf(published()[0] as El)
      ?.getChild('publish-options')
      ?.toString();
    expect(options).toContain('pubsub#access_model');
    expect(options).toContain('whitelist');
    await until(async () => expect(await db.tasks.count()).toBe(0));
    await setPinned(db, BOB, false, 6000);
    await untilTrue(() => !stored.has(BOB));
  });

  it('waits while offline and goes out on reconnect', async () => {
    await start();
    // The link is down and stays down until the test brings it back.
    session.nextReconnect = 'fail';
    session.goOffline();
    await setMarkedUnread(db, BOB, true, 5000);
    await handled(session, db);
    expect(published()).toHaveLength(0);
    expect(await db.tasks.count()).toBe(1);
    session.nextReconnect = 'fresh';
    session.goOnline();
    await untilTrue(() => stored.get(BOB)?.includes('<unread/>') === true);
  });

  it('drops pubsub#max_items when the server calls it unknown (ejabberd), as bookmarks do', async () => {
    refuse = (iq) =>
      pubsubOf(iq)?.getChild('publish-options')?.toString().includes('pubsub#max_items')
        ? 'resource-constraint'
        : null;
    await start();
    await setArchived(db, BOB, true, 5000);
    await untilTrue(() => stored.has(BOB));
    expect(published()).toHaveLength(2);
  });

  it('keeps the choices here when the server has no PEP, with no error shown', async () => {
    refuse = () => 'feature-not-implemented';
    await start();
    await setPinned(db, BOB, true, 5000);
    await until(async () => expect(await db.tasks.count()).toBe(0));
    expect((await db.conversations.get(BOB))?.pinnedAt).toBe(5000);
    expect(await getMeta(db, 'lastTaskError')).toBeUndefined();
    // Not asked again this session.
    const before = published().length;
    await setPinned(db, CAROL, true, 6000);
    await until(async () => expect(await db.tasks.count()).toBe(0));
    expect(published()).toHaveLength(before);
  });
});

describe('choices made on another device', () => {
  it('are fetched and merged on connecting, the newest winning', async () => {
    await setPinned(db, CAROL, true, 9000); // made here, offline, newer than the server's
    stored.set(BOB, chat(5000, `<pinned at="${iso(5000)}"/>`));
    stored.set(CAROL, chat(4000, `<archived at="${iso(4000)}"/>`));
    // Unknown and malformed items are left out; nothing is lost for them.
    stored.set('dan@example.com', '<other xmlns="urn:example"/>');
    stored.set('eve@example.com', chat(9999, '<pinned at="tomorrow"/>'));
    await start();
    expect(await db.conversations.count()).toBe(2);
    expect(await db.messages.count()).toBe(2);
    expect((await db.conversations.get(BOB))?.pinnedAt).toBe(5000);
    const carol = await db.conversations.get(CAROL);
    expect(carol?.pinnedAt).toBe(9000);
    expect(carol?.archivedAt).toBeUndefined();
    // And ours goes out over the older one.
    await untilTrue(() => stored.get(CAROL)?.includes('<pinned') === true);
  });

  it('follow live notifications from our own account', async () => {
    await start();
    session.inject(
      `<message from="${ME}" type="headline"><event xmlns="${EVENT}"><items node="${NODE}"><item id="${BOB}">${chat(Date.now(), `<archived at="${iso(Date.now())}"/>`)}</item></items></event></message>`,
    );
    await until(async () => expect((await db.conversations.get(BOB))?.archivedAt).toBeDefined());
    // A delete from another device deletes the conversation here too.
    session.inject(
      `<message type="headline"><event xmlns="${EVENT}"><items node="${NODE}"><item id="${CAROL}">${chat(Date.now(), `<deleted at="${iso(Date.now())}"/>`)}</item></items></event></message>`,
    );
    await until(async () => expect(await db.conversations.get(CAROL)).toBeUndefined());
    expect(await db.messages.where('peer').equals(CAROL).count()).toBe(0);
  });

  it('are refused from anyone else: a stranger’s forged event changes nothing', async () => {
    await start();
    const logs: string[] = [];
    engine?.stop();
    engine = await startTestEngine(db, session, ME, (m) => logs.push(m));
    for (const from of ['mallory@evil.example', `${ME}.evil.example`, 'example.com'])
      session.inject(
        `<message from="${from}" type="headline"><event xmlns="${EVENT}"><items node="${NODE}"><item id="${BOB}">${chat(Date.now(), `<pinned at="${iso(Date.now())}"/><deleted at="${iso(Date.now())}"/>`)}</item><retract id="${CAROL}"/></items></event></message>`,
      );
    await handled(session, db);
    const bob = await db.conversations.get(BOB);
    expect(bob?.pinnedAt).toBeUndefined();
    expect(await db.messages.where('peer').equals(BOB).count()).toBe(1);
    expect(logs.filter((l) => l.includes('chat choices event refused'))).toHaveLength(3);
  });

  it('are refused in an items answer that is not from our account', async () => {
    session.answerIq((iq) =>
      pubsubOf(iq)?.getChild('items')?.attrs['node'] === NODE
        ? parseXml(
            `<iq type="result" id="${iq.attrs['id']}" from="mallory@evil.example"><pubsub xmlns="${PUBSUB}"><items node="${NODE}"><item id="${BOB}">${chat(Date.now(), `<pinned at="${iso(Date.now())}"/>`)}</item></items></pubsub></iq>`,
          )
        : fakeServer(iq),
    );
    await start();
    expect((await db.conversations.get(BOB))?.pinnedAt).toBeUndefined();
  });

  it('a retraction from another device clears the choices', async () => {
    await start();
    await setPinned(db, BOB, true, 5000);
    await untilTrue(() => stored.has(BOB));
    await until(async () => expect(await db.tasks.count()).toBe(0));
    session.inject(
      `<message from="${ME}" type="headline"><event xmlns="${EVENT}"><items node="${NODE}"><retract id="${BOB}"/></items></event></message>`,
    );
    await until(async () => expect((await db.conversations.get(BOB))?.pinnedAt).toBeUndefined());
  });
});

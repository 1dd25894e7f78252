// People on the engine: avatars and nicknames from PEP (with their trust rules), caps that turn
// the notifications on, the blocklist, and the tasks that rename, block and publish.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDb, addTask } from '../db';
import { avatarId } from '../xmpp';
import { FakeSession, parseXml, xml } from '../xmpp/fake';
import { type Engine, startEngine } from '.';
import { handled, sessionReady, until } from './testing';

const ME = 'me@example.com';
const BOB = 'bob@example.com';
const SPAM = 'spam@example.com';
const PUBSUB = 'http://jabber.org/protocol/pubsub';
const PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  ),
  (c) => c.charCodeAt(0),
);
const PNG_ID = avatarId(PNG);
const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));

let db: AccountDb;
let session: FakeSession;
let engine: Engine;
let logs: string[];
/** What the fake server hands out as Bob's picture data. */
let bobData: string;

type El = ReturnType<typeof xml>;
const itemsNode = (iq: El) => iq.getChild('pubsub', PUBSUB)?.getChild('items')?.attrs['node'];

beforeEach(async () => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  logs = [];
  bobData = b64(PNG);
  session.answerIq(async (iq) => {
    const id = iq.attrs['id'];
    if (iq.getChild('query', 'jabber:iq:roster') && iq.attrs['type'] === 'get')
      return parseXml(
        `<iq type="result" id="${id}"><query xmlns="jabber:iq:roster" ver="v1"><item jid="${BOB}" subscription="both"/></query></iq>`,
      );
    if (iq.getChild('blocklist', 'urn:xmpp:blocking'))
      return parseXml(
        `<iq type="result" id="${id}"><blocklist xmlns="urn:xmpp:blocking"><item jid="${SPAM}"/></blocklist></iq>`,
      );
    if (itemsNode(iq) === 'urn:xmpp:avatar:data')
      return parseXml(
        `<iq type="result" id="${id}" from="${iq.attrs['to']}"><pubsub xmlns="${PUBSUB}"><items node="urn:xmpp:avatar:data"><item id="${PNG_ID}"><data xmlns="urn:xmpp:avatar:data">${bobData}</data></item></items></pubsub></iq>`,
      );
    return xml('iq', { type: 'result', id });
  });
  const ready = sessionReady();
  engine = startEngine({ db, session, account: ME, log: (m) => logs.push(m) });
  await ready();
});

afterEach(() => {
  engine.stop();
  db.close();
});

const avatarEvent = (from: string, id = PNG_ID) =>
  `<message from="${from}" to="${ME}/parley" type="headline"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="urn:xmpp:avatar:metadata"><item id="${id}"><metadata xmlns="urn:xmpp:avatar:metadata"><info id="${id}" type="image/png" bytes="${PNG.length}" width="1" height="1"/></metadata></item></items></event></message>`;
const nickEvent = (from: string, nick: string) =>
  `<message from="${from}" to="${ME}/parley" type="headline"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="http://jabber.org/protocol/nick"><item id="current"><nick xmlns="http://jabber.org/protocol/nick">${nick}</nick></item></items></event></message>`;

describe('avatars and nicknames', () => {
  it('fetches a contact’s new picture once, checked, and keeps it by its id', async () => {
    session.inject(avatarEvent(BOB));
    await until(async () => expect(await db.avatars.get(PNG_ID)).toBeTruthy());
    expect((await db.profiles.get(BOB))?.avatar).toBe(PNG_ID);
    const row = await db.avatars.get(PNG_ID);
    if (!row) throw new Error('no avatar row');
    expect(row.type).toBe('image/png');
    expect(new Uint8Array(await row.blob.arrayBuffer())).toEqual(PNG);
    // The same picture announced again is not fetched again.
    session.inject(avatarEvent(BOB));
    await handled(session, db);
    expect(session.sent.filter((e) => itemsNode(e) === 'urn:xmpp:avatar:data')).toHaveLength(1);
  });

  it('keeps no picture whose bytes do not hash to its id', async () => {
    bobData = b64(new TextEncoder().encode('GIF89a but not the announced picture'));
    session.inject(avatarEvent(BOB));
    await until(() => expect(logs).toContain('avatar refused: hash-mismatch'));
    expect(await db.avatars.count()).toBe(0);
  });

  it('shows a contact’s nickname, and forgets it when they remove it', async () => {
    session.inject(nickEvent(BOB, 'Bobby'));
    await until(async () => expect((await db.profiles.get(BOB))?.nick).toBe('Bobby'));
    session.inject(nickEvent(BOB, ''));
    await until(async () => expect((await db.profiles.get(BOB))?.nick).toBeUndefined());
  });

  it('forged: an event from a full JID sets nobody’s picture or name', async () => {
    session.inject(avatarEvent(`${BOB}/evil`));
    session.inject(nickEvent(`${BOB}/evil`, 'Mallory'));
    await handled(session, db);
    expect(await db.profiles.get(BOB)).toBeUndefined();
    expect(
      logs.filter((l) => l.includes('profile event refused: not from a bare JID')),
    ).toHaveLength(2);
  });

  it('forged: a stranger’s events are not kept', async () => {
    session.inject(nickEvent('stranger@example.com', 'Hi'));
    session.inject(avatarEvent('stranger@example.com'));
    await handled(session, db);
    expect(await db.profiles.count()).toBe(0);
    expect(session.sent.filter((e) => itemsNode(e) === 'urn:xmpp:avatar:data')).toHaveLength(0);
  });

  it('an event without from is our own profile', async () => {
    session.inject(nickEvent('', 'Me myself').replace(' from=""', ''));
    await until(async () => expect((await db.profiles.get(ME))?.nick).toBe('Me myself'));
  });
});

describe('caps', () => {
  it('our presence carries caps, and we answer what they stand for', async () => {
    const presence = session.sentNamed('presence').at(-1);
    const c = presence?.getChild('c', 'http://jabber.org/protocol/caps');
    expect(c?.attrs['hash']).toBe('sha-1');
    const node = `${c?.attrs['node']}#${c?.attrs['ver']}`;
    const answer = await session.injectIq(
      `<iq type="get" id="d1" from="${ME}"><query xmlns="http://jabber.org/protocol/disco#info" node="${node}"/></iq>`,
    );
    expect(answer).toBe('result');
    const features = session.lastIqPayload?.getChildren('feature').map((f) => f.attrs['var']);
    expect(features).toContain('urn:xmpp:avatar:metadata+notify');
    expect(features).toContain('http://jabber.org/protocol/nick+notify');
  });
});

describe('blocking', () => {
  const chat = (from: string, id: string) =>
    `<message from="${from}/phone" to="${ME}/parley" type="chat" id="${id}"><body>hello ${id}</body></message>`;

  it('mirrors the server’s blocklist and never shows what a blocked address sends', async () => {
    expect(await db.blocked.toCollection().primaryKeys()).toEqual([SPAM]);
    session.inject(chat(SPAM, 'spam1'));
    session.inject(`<presence from="${SPAM}/phone"/>`);
    session.inject(chat(BOB, 'bob1'));
    await until(async () => expect(await db.messages.where('peer').equals(BOB).count()).toBe(1));
    await handled(session, db);
    expect(await db.messages.where('peer').equals(SPAM).count()).toBe(0);
    expect(await db.presences.where('jid').equals(SPAM).count()).toBe(0);
  });

  it('takes block and unblock pushes from our account', async () => {
    const push = (what: string, jid: string, from = '') =>
      `<iq type="set" id="p${Math.random()}"${from ? ` from="${from}"` : ''}><${what} xmlns="urn:xmpp:blocking"><item jid="${jid}"/></${what}></iq>`;
    expect(await session.injectIq(push('block', BOB))).toBe('result');
    expect((await db.blocked.toCollection().primaryKeys()).sort()).toEqual([BOB, SPAM]);
    session.inject(chat(BOB, 'bob2'));
    await handled(session, db);
    expect(await db.messages.where('peer').equals(BOB).count()).toBe(0);
    expect(await session.injectIq(push('unblock', SPAM, ME))).toBe('result');
    expect(await db.blocked.toCollection().primaryKeys()).toEqual([BOB]);
  });

  it('forged: a block push from anyone else is refused', async () => {
    const forged = `<iq type="set" id="f1" from="${BOB}"><unblock xmlns="urn:xmpp:blocking"/></iq>`;
    expect(await session.injectIq(forged)).toBe('error');
    expect(await db.blocked.toCollection().primaryKeys()).toEqual([SPAM]);
  });
});

describe('people tasks', () => {
  const sentSet = (match: (e: El) => boolean) =>
    session.waitForSent((e) => e.name === 'iq' && e.attrs['type'] === 'set' && match(e));

  it('renames a contact in the roster, keeping its groups', async () => {
    await addTask(db, { kind: 'renameContact', jid: BOB, name: ' Robert ' });
    const iq = await sentSet((e) => !!e.getChild('query', 'jabber:iq:roster'));
    const item = iq.getChild('query')?.getChild('item');
    expect(item?.attrs).toMatchObject({ jid: BOB, name: 'Robert' });
  });

  it('puts a contact in groups in the roster, keeping its name', async () => {
    await db.contacts.update(BOB, { name: 'Robert' });
    await addTask(db, { kind: 'setContactGroups', jid: BOB, groups: ['Work', '家人'] });
    const iq = await sentSet((e) => !!e.getChild('query', 'jabber:iq:roster'));
    const item = iq.getChild('query')?.getChild('item');
    expect(item?.attrs).toMatchObject({ jid: BOB, name: 'Robert' });
    expect(item?.getChildren('group').map((g) => g.getText())).toEqual(['Work', '家人']);
  });

  it('blocks and unblocks through the server', async () => {
    await addTask(db, { kind: 'block', jid: BOB });
    await sentSet((e) => !!e.getChild('block', 'urn:xmpp:blocking'));
    await until(async () => expect(await db.blocked.get(BOB)).toBeTruthy());
    await addTask(db, { kind: 'unblock', jid: BOB });
    await sentSet((e) => !!e.getChild('unblock', 'urn:xmpp:blocking'));
    await until(async () => expect(await db.blocked.get(BOB)).toBeUndefined());
  });

  it('reports spam with a block (XEP-0377), naming only that address’s newest messages', async () => {
    const stranger = 'pills@example.net';
    const msg = (from: string, n: number) =>
      `<message from="${from}/x" type="chat" id="m${n}"><body>buy ${n}</body><stanza-id xmlns="urn:xmpp:sid:0" by="${ME}" id="s-${from}-${n}"/></message>`;
    for (let n = 1; n <= 7; n++) session.inject(msg(stranger, n));
    session.inject(msg(BOB, 8));
    await until(async () => expect(await db.messages.count()).toBe(8));
    await addTask(db, { kind: 'block', jid: stranger, report: 'spam' });
    const iq = await sentSet((e) => !!e.getChild('block', 'urn:xmpp:blocking'));
    const report = iq
      .getChild('block')
      ?.getChild('item')
      ?.getChild('report', 'urn:xmpp:reporting:1');
    expect(report?.attrs['reason']).toBe('urn:xmpp:reporting:spam');
    expect(report?.getChildren('stanza-id').map((e) => e.attrs['id'])).toEqual(
      [7, 6, 5, 4, 3].map((n) => `s-${stranger}-${n}`),
    );
    expect(report?.getChildren('stanza-id').every((e) => e.attrs['by'] === ME)).toBe(true);
    await until(async () => expect(await db.blocked.get(stranger)).toBeTruthy());
  });

  it('offers no reporting where our server names no such feature', async () => {
    await expect(engine.canReport()).resolves.toBe(false);
  });

  it('offers reporting where our server says it takes reports', async () => {
    session.answerIq((iq) =>
      iq.getChild('query', 'http://jabber.org/protocol/disco#info') &&
      iq.attrs['to'] === 'example.com'
        ? parseXml(
            `<iq type="result" id="${iq.attrs['id']}"><query xmlns="http://jabber.org/protocol/disco#info"><feature var="urn:xmpp:blocking"/><feature var="urn:xmpp:reporting:1"/></query></iq>`,
          )
        : xml('iq', { type: 'result', id: iq.attrs['id'] }),
    );
    await expect(engine.canReport()).resolves.toBe(true);
  });

  it('publishes our nickname and our picture (data before metadata)', async () => {
    await addTask(db, { kind: 'publishNick', nick: 'Juliet' });
    const nick = await sentSet(
      (e) =>
        e.getChild('pubsub', PUBSUB)?.getChild('publish')?.attrs['node'] ===
        'http://jabber.org/protocol/nick',
    );
    expect(nick.toString()).toContain('Juliet');
    await db.avatars.put({
      id: PNG_ID,
      blob: new Blob([PNG]),
      type: 'image/png',
      width: 1,
      height: 1,
    });
    await addTask(db, { kind: 'publishAvatar', id: PNG_ID });
    await until(async () => expect((await db.profiles.get(ME))?.avatar).toBe(PNG_ID));
    const nodes = session.sent
      .map((e) => e.getChild('pubsub', PUBSUB)?.getChild('publish')?.attrs['node'])
      .filter((n) => typeof n === 'string' && n.startsWith('urn:xmpp:avatar'));
    expect(nodes).toEqual(['urn:xmpp:avatar:data', 'urn:xmpp:avatar:metadata']);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDb, addTask, getMeta } from '../db';
import { FakeSession, parseXml, xml } from '../xmpp/fake';
import type { Engine } from '.';
import { handled, startTestEngine, until } from './testing';

const ME = 'me@example.com';
const BOB = 'bob@example.com';
let db: AccountDb;
let session: FakeSession;
let engine: Engine;
/** The fake archive's pages, newest first: each older-page query gets the next one. */
let pages: Array<{
  items: Array<{ n: number; body: string; originId: string }>;
  complete: boolean;
}>;
let befores: string[];

function result(queryId: string, item: { n: number; body: string; originId: string }) {
  const sec = String(item.n % 60).padStart(2, '0');
  const min = String(Math.floor(item.n / 60)).padStart(2, '0');
  return `<message to="${ME}/parley"><result xmlns="urn:xmpp:mam:2" queryid="${queryId}" id="arch-${item.n}"><forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="2026-01-01T10:${min}:${sec}Z"/><message xmlns="jabber:client" from="${BOB}/x" to="${ME}" type="chat" id="${item.originId}"><body>${item.body}</body><origin-id xmlns="urn:xmpp:sid:0" id="${item.originId}"/></message></forwarded></result></message>`;
}

beforeEach(() => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  pages = [];
  befores = [];
  session.answerIq((iq) => {
    const q = iq.getChild('query', 'urn:xmpp:mam:2');
    if (q) {
      const before = q.getChild('set', 'http://jabber.org/protocol/rsm')?.getChildText('before');
      // The session's own catch-up (no "with") finds an empty archive.
      const withJid = q.getChild('x', 'jabber:x:data')?.getChildren('field');
      const isOlder = withJid?.some((f) => f.attrs['var'] === 'with');
      const page = isOlder ? (pages.shift() ?? { items: [], complete: true }) : undefined;
      if (isOlder) befores.push(before ?? '');
      const queryId = q.attrs['queryid'] ?? '';
      for (const item of page?.items ?? []) session.inject(result(queryId, item));
      const first = page?.items[0];
      return parseXml(
        `<iq type="result" id="${iq.attrs['id']}"><fin xmlns="urn:xmpp:mam:2" ${!page || page.complete ? 'complete="true"' : ''}><set xmlns="http://jabber.org/protocol/rsm">${first ? `<first>arch-${first.n}</first>` : ''}</set></fin></iq>`,
      );
    }
    return xml('iq', { type: 'result', id: iq.attrs['id'] });
  });
});

afterEach(() => {
  engine?.stop();
  db.close();
});

async function start() {
  engine = await startTestEngine(db, session, ME);
  // The newest message is here (a new browser keeps only the archive's newest page).
  session.inject(
    `<message from="${BOB}/x" type="chat" id="new"><body>newest</body><stanza-id xmlns="urn:xmpp:sid:0" by="${ME}" id="arch-900"/></message>`,
  );
  await handled(session, db);
}

const page = (from: number, to: number, complete = false) => ({
  items: Array.from({ length: to - from + 1 }, (_, i) => ({
    n: from + i,
    body: `m${from + i}`,
    originId: `o${from + i}`,
  })),
  complete,
});

const lookup = async () => {
  const l = await getMeta(db, 'messageLookup');
  if (!l || l.state === 'searching') throw new Error('still looking');
  return l;
};

describe('finding the message a reply names', () => {
  it('pages back from the oldest message here until the original is stored, and says so', async () => {
    await start();
    pages = [page(200, 299), page(100, 199), page(1, 99, true)];
    await addTask(db, { kind: 'findMessage', peer: BOB, id: 'o150' });
    const l = await until(lookup);
    expect(l).toMatchObject({ peer: BOB, id: 'o150', state: 'found' });
    expect((await db.messages.get(l.rowId ?? ''))?.body).toBe('m150');
    // Two pages back, each before the oldest one here: no gap left in the stored history.
    expect(befores).toEqual(['arch-900', 'arch-200']);
    expect(await db.messages.where('peer').equals(BOB).count()).toBe(201);
  });

  it('says the message is missing once the archive has nothing older', async () => {
    await start();
    pages = [page(1, 50, true)];
    await addTask(db, { kind: 'findMessage', peer: BOB, id: 'nowhere' });
    expect(await until(lookup)).toMatchObject({ state: 'missing', id: 'nowhere' });
    expect(befores).toEqual(['arch-900']);
  });

  it('says it failed, not "searching" forever, when the archive cannot be asked', async () => {
    await start();
    session.answerIq((iq) =>
      parseXml(
        `<iq type="error" id="${iq.attrs['id']}"><error type="wait"><resource-constraint xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
      ),
    );
    await addTask(db, { kind: 'findMessage', peer: BOB, id: 'o5' });
    expect(await until(lookup)).toMatchObject({ state: 'failed' });
  });

  it('finds a message already here without asking the archive', async () => {
    await start();
    session.inject(
      `<message from="${BOB}/x" type="chat" id="x1"><body>kept</body><origin-id xmlns="urn:xmpp:sid:0" id="o-kept"/></message>`,
    );
    await handled(session, db);
    await addTask(db, { kind: 'findMessage', peer: BOB, id: 'o-kept' });
    expect(await until(lookup)).toMatchObject({ state: 'found' });
    expect(befores).toEqual([]);
  });
});

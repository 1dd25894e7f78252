// Support claims against a fake server, with forged stanzas: a claim is believed only from a
// team member whose real JID the room vouches for, never from the shopper or a stranger.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDb, requestJoin } from '../db';
import { FakeSession, parseXml } from '../xmpp/fake';
import type { Engine } from '.';
import { asksRoomInfo, handled, roomInfo, startTestEngine, untilTrue as until } from './testing';

const ME = 'bob@shop.example';
const ROOM = 'guest-abc@conference.shop.example';
const MUC_USER = 'http://jabber.org/protocol/muc#user';
const SUPPORT = 'urn:parley:support:0';

let db: AccountDb;
let session: FakeSession;
let engine: Engine | undefined;
let features: string[];
let archive: string[];

function presence(nick: string, jid: string, affiliation: string, self = false) {
  return `<presence from="${ROOM}/${nick}" to="${ME}/parley"><x xmlns="${MUC_USER}"><item affiliation="${affiliation}" role="participant" jid="${jid}/web"/>${self ? '<status code="110"/>' : ''}</x></presence>`;
}

function claim(nick: string, agent: string, name: string, body: string) {
  return `<message from="${ROOM}/${nick}" to="${ME}/parley" type="groupchat" id="${crypto.randomUUID()}"><body>${body}</body><claim xmlns="${SUPPORT}" agent="${agent}" name="${name}"/></message>`;
}

beforeEach(() => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  features = ['http://jabber.org/protocol/muc', 'urn:xmpp:mam:2', 'muc_nonanonymous'];
  archive = [];
  session.answerIq((iq) => {
    const id = iq.attrs['id'];
    if (asksRoomInfo(iq, ROOM)) return roomInfo(id, ROOM, 'Support', features);
    const mam = iq.getChild('query', 'urn:xmpp:mam:2');
    if (mam && iq.attrs['to'] === ROOM) {
      for (const [i, m] of archive.entries())
        session.inject(
          `<message from="${ROOM}" to="${ME}/parley"><result xmlns="urn:xmpp:mam:2" queryid="${mam.attrs['queryid']}" id="a${i}"><forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="2026-01-01T10:00:0${i}Z"/>${m}</forwarded></result></message>`,
        );
      return parseXml(
        `<iq type="result" id="${id}"><fin xmlns="urn:xmpp:mam:2" complete="true"/></iq>`,
      );
    }
    return parseXml(`<iq type="result" id="${id}"/>`);
  });
});

afterEach(() => {
  engine?.stop();
  engine = undefined;
  db.close();
});

async function join() {
  engine = await startTestEngine(db, session, ME);
  await requestJoin(db, { jid: ROOM, nick: 'bob' });
  await until(() => session.sent.some((e) => e.is('presence') && e.attrs['to'] === `${ROOM}/bob`));
  session.inject(presence('guest-abc', 'guest-abc@shop.example', 'owner'));
  session.inject(presence('ann', 'ann@shop.example', 'member'));
  session.inject(presence('visitor', 'eve@elsewhere.example', 'none'));
  session.inject(presence('bob', ME, 'member', true));
  await until(async () => (await db.rooms.get(ROOM))?.status === 'joined');
  await until(async () => (await db.rooms.get(ROOM))?.features !== undefined);
  await handled(session, db);
}

/** Rows of the room with their believed claims, once `count` are in. */
async function rows(count: number) {
  await until(async () => (await db.messages.where('peer').equals(ROOM).count()) === count);
  return (await db.messages.where('peer').equals(ROOM).sortBy('at')).map((m) => ({
    body: m.body,
    claim: m.claim,
  }));
}

describe('support claims', () => {
  it('believes a team member, and not the shopper who owns the room or a stranger', async () => {
    await join();
    session.inject(
      claim('guest-abc', 'guest-abc@shop.example', 'Ann', 'Ann is taking care of this'),
    );
    session.inject(claim('visitor', 'eve@elsewhere.example', 'Eve', 'Eve is taking care of this'));
    session.inject(claim('ann', 'ann@shop.example', 'Ann', 'Ann is taking care of this'));
    const all = await rows(3);
    // Everyone still sees the plain text; only the member's claim counts.
    expect(all.map((r) => r.claim)).toEqual([
      undefined,
      undefined,
      { agent: 'ann@shop.example', name: 'Ann' },
    ]);
  });

  it('believes nobody in a room that hides real JIDs', async () => {
    features = ['http://jabber.org/protocol/muc', 'urn:xmpp:mam:2'];
    await join();
    session.inject(claim('ann', 'ann@shop.example', 'Ann', 'Ann is taking care of this'));
    expect((await rows(1))[0]?.claim).toBeUndefined();
  });

  it("from the archive, goes by the room's own stamp of the sender, not one the sender added", async () => {
    const stamp = (jid: string, aff: string) =>
      `<x xmlns="${MUC_USER}"><item jid="${jid}" affiliation="${aff}"/></x>`;
    archive = [
      // The shopper forges an agent's stamp; the room's own (last) says who it really is.
      `<message xmlns="jabber:client" from="${ROOM}/guest-abc" type="groupchat"><body>Ann is taking care of this</body><claim xmlns="${SUPPORT}" agent="ann@shop.example" name="Ann"/>${stamp('ann@shop.example', 'member')}${stamp('guest-abc@shop.example', 'owner')}</message>`,
      `<message xmlns="jabber:client" from="${ROOM}/ann" type="groupchat"><body>Ann handed this to Bob</body><claim xmlns="${SUPPORT}" agent="${ME}" name="bob"/>${stamp('ann@shop.example', 'member')}</message>`,
    ];
    await join();
    expect((await rows(2)).map((r) => r.claim)).toEqual([undefined, { agent: ME, name: 'bob' }]);
  });

  it('believes pre-chat details only from the shopper the room belongs to', async () => {
    await join();
    const prechat = (nick: string, name: string) =>
      `<message from="${ROOM}/${nick}" to="${ME}/parley" type="groupchat" id="${crypto.randomUUID()}"><body>Name: ${name}</body><prechat xmlns="${SUPPORT}"><field name="name">${name}</field><field name="email">x@example.org</field><field name="bogus">no</field><field name="by">customer-1@customers.shop.example</field></prechat></message>`;
    session.inject(prechat('ann', 'Not the shopper'));
    session.inject(prechat('guest-abc', 'Mei Lin'));
    const all = await until(
      async () => (await db.messages.where('peer').equals(ROOM).count()) === 2,
    ).then(() => db.messages.where('peer').equals(ROOM).sortBy('at'));
    expect(all.map((m) => m.prechat)).toEqual([
      undefined,
      // `by` is who the room says sent it, never the sender's own field of that name.
      { name: 'Mei Lin', email: 'x@example.org', by: 'guest-abc@shop.example' },
    ]);
  });
});

describe('support cards (hostile senders)', () => {
  /** A room message from `nick` with `card` (XML) beside its plain body. */
  const card = (body: string, xmlCard: string, nick = 'guest-abc') =>
    `<message from="${ROOM}/${nick}" to="${ME}/parley" type="groupchat" id="${crypto.randomUUID()}"><body>${body}</body>${xmlCard}</message>`;
  const product = (inner: string) => `<product xmlns="${SUPPORT}">${inner}</product>`;

  async function cards(count: number) {
    await until(async () => (await db.messages.where('peer').equals(ROOM).count()) === count);
    return (await db.messages.where('peer').equals(ROOM).sortBy('at')).map((m) => ({
      body: m.body,
      card: m.card,
    }));
  }

  it('stores a well-formed card beside its plain body', async () => {
    await join();
    session.inject(
      card(
        '🛍 Tea — 12.50 EUR',
        product(
          '<title>Tea</title><price currency="EUR">12.50</price><url>https://shop.example/p/tea</url><image>https://shop.example/tea.png</image>',
        ),
      ),
    );
    expect(await cards(1)).toEqual([
      {
        body: '🛍 Tea — 12.50 EUR',
        card: {
          kind: 'product',
          title: 'Tea',
          price: 12.5,
          currency: 'EUR',
          url: 'https://shop.example/p/tea',
          image: 'https://shop.example/tea.png',
        },
      },
    ]);
  });

  it('shows a card that breaks any rule as its plain body only', async () => {
    await join();
    const hostile = [
      // Links only to http(s): no script, no data, no credentials that hide the real host.
      product('<title>A</title><url>javascript:alert(document.cookie)</url>'),
      product('<title>B</title><url>https://shop.example@evil.example/</url>'),
      // Images only from http(s): never data: or javascript:.
      product('<title>C</title><image>data:image/svg+xml,&lt;svg onload=alert(1)/&gt;</image>'),
      product('<title>D</title><image>javascript:alert(1)</image>'),
      // A price is a finite number, with a three-letter currency.
      product('<title>E</title><price currency="EUR">NaN</price>'),
      product('<title>F</title><price currency="EUR">1e400</price>'),
      product('<title>G</title><price currency="EUR">-5</price>'),
      product('<title>H</title><price currency="E&lt;b&gt;R">5</price>'),
      // An order has an id; its items have sane quantities.
      `<order xmlns="${SUPPORT}"><status>Shipped</status></order>`,
      `<order xmlns="${SUPPORT}"><id>A-1</id><item quantity="1e9">Mug</item></order>`,
    ];
    for (const [i, c] of hostile.entries()) session.inject(card(`plain ${i}`, c));
    const all = await cards(hostile.length);
    expect(all.map((r) => r.body)).toEqual(hostile.map((_, i) => `plain ${i}`));
    expect(all.map((r) => r.card)).toEqual(hostile.map(() => undefined));
  });

  it('caps long text and keeps markup as text', async () => {
    await join();
    session.inject(
      card(
        'x',
        product(`<title>&lt;img src=x onerror=alert(1)&gt;${'é'.repeat(400)}</title>`),
        'ann',
      ),
    );
    const [row] = await cards(1);
    const c = row?.card;
    expect(c?.kind).toBe('product');
    const title = c?.kind === 'product' ? c.title : '';
    expect(title.startsWith('<img src=x onerror=alert(1)>')).toBe(true);
    expect([...title]).toHaveLength(200);
  });
});

describe('closing and rating (forged stanzas)', () => {
  const msg = (nick: string, body: string, extra: string) =>
    `<message from="${ROOM}/${nick}" to="${ME}/parley" type="groupchat" id="${crypto.randomUUID()}"><body>${body}</body>${extra}</message>`;
  const rating = (stars: string) =>
    `<rating xmlns="${SUPPORT}" stars="${stars}"><comment>Quick and kind</comment></rating>`;

  it('believes a rating only from the shopper the room belongs to', async () => {
    await join();
    session.inject(msg('ann', 'Rated 1/5', rating('1'))); // an agent
    session.inject(msg('visitor', 'Rated 1/5', rating('1'))); // a stranger
    session.inject(msg('guest-abc', 'Rated 9/5', rating('9'))); // out of range
    session.inject(msg('guest-abc', 'Rated 5/5: Quick and kind', rating('5')));
    await until(async () => (await db.messages.where('peer').equals(ROOM).count()) === 4);
    const all = await db.messages.where('peer').equals(ROOM).sortBy('at');
    expect(all.map((m) => m.rating)).toEqual([
      undefined,
      undefined,
      undefined,
      { stars: 5, comment: 'Quick and kind' },
    ]);
    // Everyone still sees the plain text.
    expect(all.map((m) => m.body)[0]).toBe('Rated 1/5');
  });

  it('believes a close only from the team, never from the shopper or a stranger', async () => {
    await join();
    const closed = `<closed xmlns="${SUPPORT}"/>`;
    session.inject(msg('guest-abc', 'closed', closed));
    session.inject(msg('visitor', 'closed', closed));
    session.inject(msg('ann', 'Ann closed the conversation', closed));
    await until(async () => (await db.messages.where('peer').equals(ROOM).count()) === 3);
    const all = await db.messages.where('peer').equals(ROOM).sortBy('at');
    expect(all.map((m) => m.closed)).toEqual([undefined, undefined, true]);
  });
});

describe('a guest who signs in to the shop (hand-over, forged stanzas)', () => {
  const CUSTOMER = 'customer-1042@customers.shop.example';
  const msg = (nick: string, body: string, extra: string) =>
    `<message from="${ROOM}/${nick}" to="${ME}/parley" type="groupchat" id="${crypto.randomUUID()}"><body>${body}</body>${extra}</message>`;
  const handover = `<handover xmlns="${SUPPORT}" to="${CUSTOMER}"/>`;
  const details = `<prechat xmlns="${SUPPORT}"><field name="name">Mei Lin</field></prechat>`;
  const claimBy = (agent: string) => `<claim xmlns="${SUPPORT}" agent="${agent}" name="Mei"/>`;
  const customerIn = () => session.inject(presence('customer-1042', CUSTOMER, 'member'));
  const byBody = async (n: number) => {
    await until(async () => (await db.messages.where('peer').equals(ROOM).count()) === n);
    return db.messages.where('peer').equals(ROOM).sortBy('at');
  };

  it("the guest's hand-over makes the customer the shopper: their details count, their claims do not", async () => {
    await join();
    session.inject(msg('guest-abc', 'Signed in to the shop', handover));
    customerIn();
    session.inject(msg('customer-1042', 'Name: Mei Lin', details));
    session.inject(msg('customer-1042', 'Mei is taking care of this', claimBy(CUSTOMER)));
    session.inject(msg('customer-1042', 'closed', `<closed xmlns="${SUPPORT}"/>`));
    const all = await byBody(4);
    expect(all[0]?.handover).toBe(CUSTOMER);
    expect(all[1]?.prechat).toEqual({ name: 'Mei Lin', by: CUSTOMER });
    // A member of the room, but the shopper: not one of the team.
    expect(all[2]?.claim).toBeUndefined();
    expect(all[3]?.closed).toBeUndefined();
    expect((await db.rooms.get(ROOM))?.handedTo).toEqual([CUSTOMER]);
  });

  it('a hand-over from anyone but the guest changes nothing', async () => {
    await join();
    session.inject(msg('ann', 'Signed in to the shop', handover)); // an agent
    session.inject(msg('visitor', 'Signed in to the shop', handover)); // a stranger
    customerIn();
    session.inject(msg('customer-1042', 'Name: Mei Lin', details));
    const all = await byBody(3);
    expect(all.map((m) => m.handover)).toEqual([undefined, undefined, undefined]);
    expect(all[2]?.prechat).toBeUndefined();
    expect((await db.rooms.get(ROOM))?.handedTo).toBeUndefined();
  });

  it("from the archive, a hand-over counts for the customer's details on the same page", async () => {
    const stamp = (jid: string, aff: string) =>
      `<x xmlns="${MUC_USER}"><item jid="${jid}" affiliation="${aff}"/></x>`;
    archive = [
      `<message xmlns="jabber:client" from="${ROOM}/guest-abc" type="groupchat"><body>Signed in to the shop</body>${handover}${stamp('guest-abc@shop.example', 'owner')}</message>`,
      `<message xmlns="jabber:client" from="${ROOM}/customer-1042" type="groupchat"><body>Name: Mei Lin</body>${details}${stamp(CUSTOMER, 'member')}</message>`,
    ];
    await join();
    const all = await byBody(2);
    expect(all[1]?.prechat).toEqual({ name: 'Mei Lin', by: CUSTOMER });
  });
});

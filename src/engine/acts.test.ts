// Corrections, retractions and reactions through the engine, with forged stanzas for each trust
// rule: only the original sender may correct or retract; a reaction counts as its sender's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AccountDb,
  type Message,
  queueCorrection,
  queueOutgoing,
  queueRetraction,
  toggleReaction,
} from '../db';
import { FakeSession, parseXml, xml } from '../xmpp/fake';
import { type Engine, startEngine } from '.';
import { type Actor, isAuthor } from './acts';
import { handled, sessionReady, until } from './testing';

const ME = 'me@example.com';
const BOB = 'bob@example.com';
let db: AccountDb;
let session: FakeSession;
let engine: Engine;

beforeEach(async () => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  session.answerIq(async (iq) => {
    if (iq.getChild('query', 'jabber:iq:roster') && iq.attrs['type'] === 'get')
      return parseXml(
        `<iq type="result" id="${iq.attrs['id']}"><query xmlns="jabber:iq:roster" ver="v1"><item jid="${BOB}" subscription="both"/></query></iq>`,
      );
    return xml('iq', { type: 'result', id: iq.attrs['id'] });
  });
  const ready = sessionReady();
  engine = startEngine({ db, session, account: ME, log: () => {} });
  await ready();
});

afterEach(() => {
  engine.stop();
  db.close();
});

const fromBob = (inner: string, from = `${BOB}/phone`, id: string = crypto.randomUUID()) =>
  `<message type="chat" from="${from}" to="${ME}/parley" id="${id}">${inner}<origin-id xmlns="urn:xmpp:sid:0" id="${id}"/></message>`;
const correction = (target: string, body: string) =>
  `<body>${body}</body><replace xmlns="urn:xmpp:message-correct:0" id="${target}"/>`;
const retraction = (target: string) =>
  `<retract xmlns="urn:xmpp:message-retract:1" id="${target}"/><body>fallback</body>`;
const row = async (peer: string, originId: string) =>
  db.messages.where('[peer+originId]').equals([peer, originId]).first();

/** Bob's message "hello" (origin-id b1), stored. */
async function bobSaysHello() {
  session.inject(fromBob('<body>hello</body>', `${BOB}/phone`, 'b1'));
  await until(async () => expect(await row(BOB, 'b1')).toBeDefined());
}

/** Our message "hi" to Bob, sent and acknowledged. */
async function weSayHi(): Promise<Message> {
  const msg: Message = {
    id: 'm1',
    peer: BOB,
    direction: 'out',
    body: 'hi',
    at: Date.now(),
    state: 'queued',
    originId: 'm1',
  };
  await queueOutgoing(db, msg);
  await session.waitForSent((e) => e.attrs['id'] === 'm1');
  await db.messages.update('m1', { state: 'sent' });
  return msg;
}

describe('corrections (XEP-0308)', () => {
  it('replace the text once, keeping the earlier one, however many copies come', async () => {
    await bobSaysHello();
    const stanza = fromBob(correction('b1', 'hello there'), `${BOB}/phone`, 'c1');
    session.inject(stanza);
    session.inject(stanza); // the same correction again (e.g. offline delivery and archive)
    await handled(session, db);
    const m = await row(BOB, 'b1');
    expect(m?.body).toBe('hello there');
    expect(m?.edits?.map((e) => e.body)).toEqual(['hello']);
    expect(await db.messages.where('peer').equals(BOB).count()).toBe(1);
  });

  it('forged: from another address, the message is not touched (nor shown as new)', async () => {
    await bobSaysHello();
    session.inject(fromBob(correction('b1', 'pwned'), 'mallory@example.com/x'));
    await handled(session, db);
    expect((await row(BOB, 'b1'))?.body).toBe('hello');
    expect(await db.messages.count()).toBe(1);
  });

  it('forged: the peer cannot correct our message, nor one that does not exist', async () => {
    await weSayHi();
    session.inject(fromBob(correction('m1', 'I said something else')));
    session.inject(fromBob(correction('nope', 'new text')));
    await handled(session, db);
    expect((await db.messages.get('m1'))?.body).toBe('hi');
    expect(await db.messages.count()).toBe(1);
  });

  it('a correction of ours from another device comes by carbon and applies', async () => {
    await weSayHi();
    session.inject(
      `<message from="${ME}" to="${ME}/parley"><sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0"><message xmlns="jabber:client" type="chat" from="${ME}/laptop" to="${BOB}" id="c7">${correction('m1', 'hi all')}<origin-id xmlns="urn:xmpp:sid:0" id="c7"/></message></forwarded></sent></message>`,
    );
    await until(async () => expect((await db.messages.get('m1'))?.body).toBe('hi all'));
  });

  it('ours goes out through the outbox naming the original, shown corrected at once', async () => {
    await weSayHi();
    expect(await queueCorrection(db, 'm1', 'hi Bob')).toBe(true);
    expect((await db.messages.get('m1'))?.body).toBe('hi Bob');
    const sent = await session.waitForSent(
      (e) => e.getChild('replace', 'urn:xmpp:message-correct:0') !== undefined,
    );
    expect(sent.getChildText('body')).toBe('hi Bob');
    expect(sent.getChild('replace', 'urn:xmpp:message-correct:0')?.attrs['id']).toBe('m1');
    // Its carbon or archive copy later changes nothing.
    const id = sent.attrs['id'];
    session.inject(
      `<message from="${ME}" to="${ME}/parley"><sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0"><message xmlns="jabber:client" type="chat" from="${ME}/parley" to="${BOB}" id="${id}">${correction('m1', 'hi Bob')}<origin-id xmlns="urn:xmpp:sid:0" id="${id}"/></message></forwarded></sent></message>`,
    );
    await handled(session, db);
    expect((await db.messages.get('m1'))?.edits).toHaveLength(1);
  });
});

describe('retractions (XEP-0424)', () => {
  it("take the peer's own message away", async () => {
    await bobSaysHello();
    session.inject(fromBob(retraction('b1')));
    await until(async () => expect((await row(BOB, 'b1'))?.retracted).toBe(true));
    expect((await row(BOB, 'b1'))?.body).toBe('');
    // The chat list says so, instead of going blank.
    expect(await db.conversations.get(BOB)).toMatchObject({ preview: '', previewDeleted: true });
  });

  it('forged: not from another address, and not of our message', async () => {
    await bobSaysHello();
    await weSayHi();
    session.inject(fromBob(retraction('b1'), 'mallory@example.com/x'));
    session.inject(fromBob(retraction('m1')));
    await handled(session, db);
    expect((await row(BOB, 'b1'))?.retracted).toBeUndefined();
    expect((await db.messages.get('m1'))?.retracted).toBeUndefined();
  });

  it('ours: shown deleted at once and sent naming the message', async () => {
    await weSayHi();
    await queueRetraction(db, 'm1');
    expect(await db.messages.get('m1')).toMatchObject({ retracted: true, body: '' });
    const sent = await session.waitForSent(
      (e) => e.getChild('retract', 'urn:xmpp:message-retract:1') !== undefined,
    );
    expect(sent.getChild('retract', 'urn:xmpp:message-retract:1')?.attrs['id']).toBe('m1');
    expect(sent.getChild('fallback', 'urn:xmpp:fallback:0')).toBeDefined();
  });
});

describe('reactions (XEP-0444)', () => {
  it("count as their sender's only, a new set replacing the last, and ours toggle", async () => {
    await weSayHi();
    const react = (emojis: string[], from = `${BOB}/phone`) =>
      fromBob(
        `<reactions xmlns="urn:xmpp:reactions:0" id="m1">${emojis.map((e) => `<reaction>${e}</reaction>`).join('')}</reactions>`,
        from,
      );
    session.inject(react(['👍', '😂']));
    session.inject(react(['👍']));
    session.inject(react(['💩'], 'mallory@example.com/x')); // about no message of Mallory's chat
    await handled(session, db);
    expect((await db.messages.get('m1'))?.reactions).toEqual([{ by: BOB, emojis: ['👍'] }]);

    await toggleReaction(db, 'm1', '❤️');
    const sent = await session.waitForSent(
      (e) => e.getChild('reactions', 'urn:xmpp:reactions:0') !== undefined,
    );
    expect(sent.getChild('reactions', 'urn:xmpp:reactions:0')?.getChildText('reaction')).toBe('❤️');
    await toggleReaction(db, 'm1', '❤️');
    expect((await db.messages.get('m1'))?.reactions).toEqual([{ by: BOB, emojis: ['👍'] }]);
  });
});

describe('replies (XEP-0461)', () => {
  it('are stored without the fallback quote, naming the message answered', async () => {
    await weSayHi();
    const quote = '> me: hi\n';
    session.inject(
      fromBob(
        `<body>${quote}hey</body><reply xmlns="urn:xmpp:reply:0" id="m1" to="${ME}"/><fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="${quote.length}"/></fallback>`,
        `${BOB}/phone`,
        'r1',
      ),
    );
    await until(async () =>
      expect(await row(BOB, 'r1')).toMatchObject({ body: 'hey', replyTo: { id: 'm1', to: ME } }),
    );
  });
});

describe('who may correct or retract a room message', () => {
  const theirs = (over: Partial<Message> = {}): Message => ({
    id: 'x',
    peer: 'room@muc.example.com',
    direction: 'in',
    body: 'hello',
    at: 1,
    state: 'delivered',
    nick: 'alice',
    occupantId: 'oid-alice',
    ...over,
  });
  const occupant = (nick: string, occupantId?: string, byOccupantId = true): Actor => ({
    kind: 'occupant',
    nick,
    byOccupantId,
    ...(occupantId ? { occupantId } : {}),
  });

  it('by occupant id where the room stamps them: a new holder of the nick may not', () => {
    expect(isAuthor(occupant('alice', 'oid-alice'), theirs())).toBe(true);
    expect(isAuthor(occupant('alice', 'oid-mallory'), theirs())).toBe(false);
    expect(isAuthor(occupant('alice'), theirs())).toBe(false);
    // The author under a new nickname is still the author.
    expect(isAuthor(occupant('alice2', 'oid-alice'), theirs())).toBe(true);
  });

  it('by nickname where the room stamps no ids: never across a nickname change', () => {
    const noIds = theirs({ occupantId: undefined });
    expect(isAuthor(occupant('alice', undefined, false), noIds)).toBe(true);
    expect(isAuthor(occupant('alice2', undefined, false), noIds)).toBe(false);
  });

  it('nobody else may act on our messages, and we only on ours', () => {
    expect(isAuthor(occupant('alice', 'oid-alice'), theirs({ direction: 'out' }))).toBe(false);
    expect(isAuthor({ kind: 'own' }, theirs())).toBe(false);
    expect(isAuthor({ kind: 'own' }, theirs({ direction: 'out' }))).toBe(true);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDb, queueOutgoing, requestJoin } from '../db';
import { FakeSession } from '../xmpp/fake';
import { type ConversationKinds, createConversationKinds } from './conversationKinds';
import { queuedMessage as mine, until } from './testing';

const ME = 'me@example.com';
let db: AccountDb;
let kinds: ConversationKinds;
const start = () =>
  createConversationKinds({
    db,
    session: new FakeSession(`${ME}/parley`),
    account: ME,
    log: () => {},
  });

beforeEach(() => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  kinds = start();
});

afterEach(() => {
  kinds.stop();
  db.close();
});

describe('the conversation kinds the outbox sends by', () => {
  it('follows what is stored, also when a chat turns out to be a room we join', async () => {
    await queueOutgoing(db, mine('1', 'team@muc.example.com'));
    await queueOutgoing(db, mine('2', 'team@muc.example.com/ann'));
    await db.contacts.put({ jid: 'ann@example.com', subscription: 'both', groups: [] });
    await until(() => expect(kinds.kindOf('ann@example.com')).toBe('contact'));
    expect(kinds.kindOf('team@muc.example.com/ann')).toBe('private');
    // Not a contact: read from the database, whatever its conversation says so far.
    expect(kinds.kindOf('team@muc.example.com')).toBeUndefined();
    expect(kinds.kindOf('new@example.com')).toBeUndefined();
    // An occupant's full address is private, made or not.
    expect(kinds.kindOf('other@muc.example.com/bob')).toBe('private');
    await requestJoin(db, { jid: 'team@muc.example.com', nick: 'me' });
    await until(() => expect(kinds.kindOf('team@muc.example.com')).toBe('room'));
  });

  it("leaves a room's row without a conversation to the write that makes it", async () => {
    await db.rooms.put({ jid: 'old@muc.example.com', nick: 'me', autojoin: true, status: 'left' });
    // Read from here: the room's row is in the first read.
    kinds.stop();
    kinds = start();
    await until(() => expect(kinds.kindOf('someone@example.com/x')).toBe('private'));
    expect(kinds.kindOf('old@muc.example.com')).toBeUndefined();
  });

  it('never says "a contact" of a room whose row was written a moment ago', async () => {
    await until(() => expect(kinds.kindOf('x@example.com/r')).toBe('private'));
    // The shop widget's first message: the room is asked for, then written to at once.
    await requestJoin(db, { jid: 'shop@muc.example.com', nick: 'guest' });
    expect(kinds.kindOf('shop@muc.example.com')).not.toBe('contact');
    await until(() => expect(kinds.kindOf('shop@muc.example.com')).toBe('room'));
  });
});

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
    await until(() => expect(kinds.kindOf('team@muc.example.com/ann')).toBe('private'));
    expect(kinds.kindOf('team@muc.example.com')).toBe('contact');
    // Not made yet: the kind its first write gives it.
    expect(kinds.kindOf('new@example.com')).toBe('contact');
    expect(kinds.kindOf('other@muc.example.com/bob')).toBe('private');
    await requestJoin(db, { jid: 'team@muc.example.com', nick: 'me' });
    await until(() => expect(kinds.kindOf('team@muc.example.com')).toBe('room'));
  });

  it("leaves a room's row without a conversation to the write that makes it", async () => {
    await db.rooms.put({ jid: 'old@muc.example.com', nick: 'me', autojoin: true, status: 'left' });
    // Read from here: the room's row is in the first read.
    kinds.stop();
    kinds = start();
    await until(() => expect(kinds.kindOf('someone@example.com')).toBe('contact'));
    expect(kinds.kindOf('old@muc.example.com')).toBeUndefined();
  });
});

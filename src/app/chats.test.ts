import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountDb, type Message, storeIncoming } from '../db';

// The session layer, reduced to what the commands ask of it: the account's database.
const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('./session', () => ({
  currentDb: () => session.db,
  currentAccount: () => 'me@x.org',
}));

const { forwardMessage, markChatUnread } = await import('./chats');
const { CommandError } = await import('./commands');

let db: AccountDb;
beforeEach(() => {
  db = new AccountDb(`me@x.org-${crypto.randomUUID()}`);
  session.db = db;
});

const URL_ = 'https://upload.x.org/file_share/abc/cat.png';
const picture: Message = {
  id: 'p1',
  peer: 'bob@x.org',
  direction: 'in',
  body: URL_,
  at: 1000,
  state: 'delivered',
  stanzaId: 's1',
  replyTo: { id: 'earlier', to: 'me@x.org' },
  file: { url: URL_, kind: 'image', name: 'cat.png', mediaType: 'image/png', size: 2048 },
};

describe('forwardMessage', () => {
  it('queues a file as a new message of ours with the same URL, not as a reply', async () => {
    await storeIncoming(db, picture);
    const id = await forwardMessage('p1', 'carol@x.org');
    const copy = await db.messages.get(id);
    expect(copy).toMatchObject({
      peer: 'carol@x.org',
      direction: 'out',
      state: 'queued',
      originId: id,
      body: URL_,
      file: { url: URL_, kind: 'image', name: 'cat.png', mediaType: 'image/png' },
    });
    expect(copy?.replyTo).toBeUndefined();
    expect(await db.outbox.get(id)).toMatchObject({ peer: 'carol@x.org', kind: 'chat' });
    expect(await db.conversations.get('carol@x.org')).toMatchObject({
      preview: 'cat.png',
      previewFile: 'image',
      previewDirection: 'out',
    });
  });

  it('queues a text as its text', async () => {
    await storeIncoming(db, {
      ...picture,
      id: 't1',
      body: 'see you at 5',
      file: undefined,
    } as Message);
    const id = await forwardMessage('t1', 'team@muc.x.org');
    expect(await db.messages.get(id)).toMatchObject({
      peer: 'team@muc.x.org',
      body: 'see you at 5',
    });
  });

  it('refuses a deleted message, a file with no URL yet, and a message that is gone', async () => {
    await storeIncoming(db, { ...picture, id: 'gone', retracted: true, body: '' });
    await db.messages.put({
      ...picture,
      id: 'up',
      direction: 'out',
      file: { kind: 'file', name: 'a.pdf' },
    });
    await expect(forwardMessage('gone', 'carol@x.org')).rejects.toBeInstanceOf(CommandError);
    await expect(forwardMessage('up', 'carol@x.org')).rejects.toBeInstanceOf(CommandError);
    await expect(forwardMessage('missing', 'carol@x.org')).rejects.toBeInstanceOf(CommandError);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('markChatUnread', () => {
  it('marks a read chat unread; marking it read owes the sender a displayed marker', async () => {
    await storeIncoming(db, { ...picture, remoteId: 'r1', markable: true });
    await markChatUnread('bob@x.org', true);
    expect((await db.conversations.get('bob@x.org'))?.markedUnread).toBe(true);
    await markChatUnread('bob@x.org', false);
    const row = await db.conversations.get('bob@x.org');
    expect(row?.markedUnread).toBeUndefined();
    expect(row?.unread).toBe(0);
    expect(await db.outbox.toArray()).toContainEqual(
      expect.objectContaining({ peer: 'bob@x.org', kind: 'displayed', ref: 'r1' }),
    );
  });
});

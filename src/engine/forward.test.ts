import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDb, forwardedCopy, type Message, queueMessage, storeIncoming } from '../db';
import { FakeSession } from '../xmpp/fake';
import { createOutbox } from './outbox';

// A forwarded message on the wire (app/chats.ts forwardMessage): what the receiver's client
// sees is a plain new message, a file by its URL with the XEP-0066 link, never a reply.
const ME = 'me@example.com';
const URL_ = 'https://upload.example.com/file_share/abc/cat.png';
let db: AccountDb;
let session: FakeSession;
let outbox: ReturnType<typeof createOutbox>;

beforeEach(() => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
  session = new FakeSession(`${ME}/parley`);
  outbox = createOutbox({ db, session, account: ME, log: () => {} });
  outbox.setOnline(true);
});
afterEach(() => {
  outbox.stop();
  db.close();
});

const picture: Message = {
  id: 'p1',
  peer: 'bob@example.com',
  direction: 'in',
  body: URL_,
  at: 1000,
  state: 'delivered',
  replyTo: { id: 'earlier' },
  file: { url: URL_, kind: 'image', name: 'cat.png', mediaType: 'image/png', size: 2048 },
};

async function forward(m: Message, to: string) {
  await storeIncoming(db, m);
  const copy = forwardedCopy(m, to, `fw-${m.id}`, Date.now());
  if (!copy) throw new Error('not forwardable');
  await queueMessage(db, copy);
  return session.waitForSent((el) => el.name === 'message' && el.attrs['to'] === to);
}

describe('a forwarded message', () => {
  it('carries a file by the same URL with its OOB link and file metadata, not as a reply', async () => {
    const el = await forward(picture, 'carol@example.com');
    expect(el.attrs['type']).toBe('chat');
    expect(el.getChildText('body')).toBe(URL_);
    expect(el.getChild('x', 'jabber:x:oob')?.getChildText('url')).toBe(URL_);
    expect(el.getChild('reply', 'urn:xmpp:reply:0')).toBeUndefined();
    expect(el.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs['id']).toBe('fw-p1');
  });

  it('goes to a room as a groupchat message with the text alone', async () => {
    await db.rooms.put({
      jid: 'team@muc.example.com',
      nick: 'me',
      autojoin: true,
      status: 'joined',
    });
    const text = { ...picture, id: 't1', body: 'see you at 5' };
    delete text.file;
    const el = await forward(text, 'team@muc.example.com');
    expect(el.attrs['type']).toBe('groupchat');
    expect(el.getChildText('body')).toBe('see you at 5');
    expect(el.getChild('x', 'jabber:x:oob')).toBeUndefined();
  });
});

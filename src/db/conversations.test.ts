// The chat list's preview and order follow each conversation's own last message, the one the
// message list shows last, whatever order the writes finish in (issue 13, bug 9).
import { describe, expect, it } from 'vitest';
import {
  type AccountDb,
  accountDb,
  acknowledgeMany,
  completeUpload,
  conversationMessages,
  deleteUnsent,
  type Message,
  markUpToByPeer,
  queueOutgoing,
  queueUpload,
  storeArchivePage,
  storeIncoming,
} from '.';

const BOB = 'bob@x.org';

function fileMsg(id: string, at: number, kind: 'image' | 'file', name: string) {
  return {
    id,
    peer: BOB,
    direction: 'out' as const,
    body: '',
    at,
    state: 'queued' as const,
    originId: id,
    file: { kind, name },
  };
}

/** What the message list shows last, and what the chat list says of the conversation. */
async function lastShown(db: AccountDb, peer = BOB) {
  const [rows, conv] = await Promise.all([
    conversationMessages(db, peer).toArray(),
    db.conversations.get(peer),
  ]);
  const last = rows.at(-1) as Message;
  return {
    list: last.file ? last.file.name : last.body,
    preview: conv?.preview,
    sameTime: conv?.lastAt === last.at,
  };
}

describe('the chat list preview', () => {
  it('a picture and a PDF queued in the same millisecond: the preview is the one the conversation shows last, through uploads, acks and receipts in any order', async () => {
    const db = accountDb(`p-${crypto.randomUUID()}@x.org`);
    const at = 1_700_000_000_000;
    // Same time: the message list orders them by id, so the PDF ("b…") is last although the
    // picture ("a…") was written after it.
    await queueUpload(db, fileMsg('b-pdf', at, 'file', 'report.pdf'), new Blob(['%PDF']));
    await queueUpload(db, fileMsg('a-photo', at, 'image', 'photo.png'), new Blob(['png']));
    expect(await lastShown(db)).toEqual({
      list: 'report.pdf',
      preview: 'report.pdf',
      sameTime: true,
    });
    expect((await db.conversations.get(BOB))?.previewFile).toBe('file');

    // The PDF's upload finishes first, then the picture's; acks and receipts come back crossed.
    await completeUpload(db, 'b-pdf', 'https://up.x.org/report.pdf', 1e9);
    await completeUpload(db, 'a-photo', 'https://up.x.org/photo.png', 1e9);
    const rows = await db.outbox.toArray();
    const row = (id: string) => {
      const r = rows.find((o) => o.id === id);
      return { id, chat: true, createdAt: r?.createdAt ?? 0 };
    };
    await acknowledgeMany(db, [row('a-photo')]);
    await markUpToByPeer(db, BOB, 'a-photo', 'delivered');
    await acknowledgeMany(db, [row('b-pdf')]);
    expect(await lastShown(db)).toEqual({
      list: 'report.pdf',
      preview: 'report.pdf',
      sameTime: true,
    });
    expect((await db.conversations.get(BOB))?.previewFile).toBe('file');
    db.close();
  });

  it('an older archive page that moves the last message up: the preview becomes the new last one', async () => {
    const db = accountDb(`p-${crypto.randomUUID()}@x.org`);
    const base = { peer: BOB, direction: 'in' as const, state: 'delivered' as const };
    await storeIncoming(db, { ...base, id: 'm1', body: 'first', at: 1000, stanzaId: 's1' });
    // A resend whose ack was lost: the archive holds it twice, the older copy before `first`.
    await storeIncoming(db, {
      ...base,
      id: 'm2',
      body: 'resent',
      at: 2000,
      originId: 'o2',
      stanzaId: 's2',
    });
    expect(await lastShown(db)).toMatchObject({ list: 'resent', preview: 'resent' });
    await storeArchivePage(
      db,
      [{ ...base, id: 'h2', body: 'resent', at: 900, originId: 'o2', stanzaId: 's0' }],
      { countUnread: false, order: { before: 1000 } },
    );
    expect(await lastShown(db)).toEqual({ list: 'first', preview: 'first', sameTime: true });
    db.close();
  });

  it('a room joined before its history arrives shows the history’s last message, with its sender', async () => {
    const db = accountDb(`p-${crypto.randomUUID()}@x.org`);
    const room = 'team@conf.x.org';
    const joinedAt = Date.now();
    await db.conversations.put({
      peer: room,
      kind: 'room',
      lastAt: joinedAt,
      preview: '',
      previewDirection: 'in',
      unread: 0,
      mentions: 0,
    });
    const said = (id: string, nick: string, body: string, at: number) => ({
      id,
      peer: room,
      direction: 'in' as const,
      body,
      at,
      state: 'delivered' as const,
      nick,
      stanzaId: id,
    });
    await storeArchivePage(
      db,
      [
        said('h1', 'ann', 'morning', joinedAt - 60_000),
        said('h2', 'ben', 'hi all', joinedAt - 30_000),
      ],
      { countUnread: false },
    );
    const conv = await db.conversations.get(room);
    expect(conv).toMatchObject({
      preview: 'hi all',
      previewNick: 'ben',
      lastAt: joinedAt - 30_000,
    });
    db.close();
  });

  it('deleting the last unsent message shows the one before, and the list orders by it', async () => {
    const db = accountDb(`p-${crypto.randomUUID()}@x.org`);
    await storeIncoming(db, {
      id: 'c1',
      peer: 'carol@x.org',
      direction: 'in',
      body: 'from carol',
      at: 1500,
      state: 'delivered',
    });
    await storeIncoming(db, {
      id: 'b1',
      peer: BOB,
      direction: 'in',
      body: 'from bob',
      at: 1000,
      state: 'delivered',
    });
    await queueOutgoing(db, {
      id: 'x',
      peer: BOB,
      direction: 'out',
      body: 'never mind',
      at: 2000,
      state: 'queued',
      originId: 'x',
    });
    const order = async () =>
      (await db.conversations.orderBy('lastAt').reverse().toArray()).map((c) => c.preview);
    expect(await order()).toEqual(['never mind', 'from carol']);
    await deleteUnsent(db, 'x');
    expect(await order()).toEqual(['from carol', 'from bob']);
    db.close();
  });
});

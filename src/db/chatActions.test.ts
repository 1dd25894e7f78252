// The person's choices about whole conversations: pinned on top, archived until a new message,
// marked unread until opened, deleted here without the archive bringing it back.
import { describe, expect, it } from 'vitest';
import {
  type AccountDb,
  chatOrder,
  deleteConversation,
  getDraft,
  markConversationRead,
  putDraft,
  queueOutgoing,
  setArchived,
  setMarkedUnread,
  setPinned,
  storeArchivePage,
  storeIncoming,
} from '.';
import { freshDb, received } from './testing';

const BOB = 'bob@x.org';
const CAROL = 'carol@x.org';
const DAN = 'dan@x.org';

async function listOrder(db: AccountDb) {
  return (await db.conversations.toArray()).sort(chatOrder).map((c) => c.peer);
}

describe('chat actions', () => {
  it('keeps pinned chats on top, the latest pinned first, and unpins', async () => {
    const db = freshDb();
    await storeIncoming(db, received('b', { peer: BOB, at: 1000 }));
    await storeIncoming(db, received('c', { peer: CAROL, at: 2000 }));
    await storeIncoming(db, received('d', { peer: DAN, at: 3000 }));
    expect(await listOrder(db)).toEqual([DAN, CAROL, BOB]);
    await setPinned(db, BOB, true, 10);
    await setPinned(db, CAROL, true, 20);
    expect(await listOrder(db)).toEqual([CAROL, BOB, DAN]);
    // A new message in an unpinned chat does not move it above the pinned ones.
    await storeIncoming(db, received('d2', { peer: DAN, at: 4000 }));
    expect(await listOrder(db)).toEqual([CAROL, BOB, DAN]);
    await setPinned(db, CAROL, false);
    expect(await listOrder(db)).toEqual([BOB, DAN, CAROL]);
  });

  it('brings an archived chat back when the peer writes, not for our own or older messages', async () => {
    const db = freshDb();
    await storeIncoming(db, received('b1', { at: 1000 }));
    await setArchived(db, BOB, true, 5000);
    expect((await db.conversations.get(BOB))?.archivedAt).toBe(5000);
    // Ours (sent from here or another device) leaves it archived.
    await queueOutgoing(db, {
      id: 'o1',
      peer: BOB,
      direction: 'out',
      body: 'hi',
      at: 6000,
      state: 'queued',
      originId: 'o1',
    });
    // An older page of the archive does too.
    await storeArchivePage(db, [received('old', { at: 500, stanzaId: 's-old' })], {
      countUnread: false,
      order: { before: 1000 },
    });
    expect((await db.conversations.get(BOB))?.archivedAt).toBe(5000);
    await storeIncoming(db, received('b2', { at: 7000 }));
    expect((await db.conversations.get(BOB))?.archivedAt).toBeUndefined();
  });

  it('archiving unpins, and unarchiving puts the chat back at once', async () => {
    const db = freshDb();
    await storeIncoming(db, received('b1', { at: 1000 }));
    await setPinned(db, BOB, true);
    await setArchived(db, BOB, true);
    const row = await db.conversations.get(BOB);
    expect(row?.pinnedAt).toBeUndefined();
    expect(row?.archivedAt).toBeGreaterThan(0);
    await setArchived(db, BOB, false);
    expect((await db.conversations.get(BOB))?.archivedAt).toBeUndefined();
  });

  it('shows a chat marked unread until it is opened', async () => {
    const db = freshDb();
    await storeIncoming(db, received('b1'));
    await markConversationRead(db, BOB);
    await setMarkedUnread(db, BOB, true);
    const marked = await db.conversations.get(BOB);
    expect(marked).toMatchObject({ unread: 0, markedUnread: true });
    await markConversationRead(db, BOB);
    expect((await db.conversations.get(BOB))?.markedUnread).toBeUndefined();
  });

  it('deletes the conversation here, keeps the contact, and the archive does not bring it back', async () => {
    const db = freshDb();
    await db.contacts.put({ jid: BOB, groups: [], subscription: 'both' });
    await storeIncoming(db, received('b1', { at: 1000, body: 'secret plans' }));
    await storeIncoming(db, received('c1', { peer: CAROL, at: 1500 }));
    await putDraft(db, BOB, 'half written');
    await deleteConversation(db, BOB, 2000);

    expect(await db.conversations.get(BOB)).toBeUndefined();
    expect(await db.messages.where('peer').equals(BOB).count()).toBe(0);
    expect(await db.searchIndex.get('b1')).toBeUndefined();
    expect(await getDraft(db, BOB)).toBe('');
    expect(await db.contacts.get(BOB)).toBeDefined();
    expect(await db.conversations.get(CAROL)).toBeDefined();

    // The server's archive still has the old message: a page with it and a newer one.
    await storeArchivePage(
      db,
      [received('b1', { at: 1000, stanzaId: 's1' }), received('b3', { at: 3000, stanzaId: 's3' })],
      { countUnread: true },
    );
    const left = await db.messages.where('peer').equals(BOB).toArray();
    expect(left.map((m) => m.id)).toEqual(['b3']);
    expect((await db.conversations.get(BOB))?.preview).toBe('m b3');
  });

  it('pins a chat listed by its draft alone, which has no row yet', async () => {
    const db = freshDb();
    await storeIncoming(db, received('c', { peer: CAROL, at: 2000 }));
    await putDraft(db, DAN, 'to write later');
    await setPinned(db, DAN, true, 10);
    expect(await db.conversations.get(DAN)).toMatchObject({ kind: 'contact', pinnedAt: 10 });
    expect(await listOrder(db)).toEqual([DAN, CAROL]);
    // Nothing to act on: no row and no draft.
    await setPinned(db, 'nobody@x.org', true);
    expect(await db.conversations.get('nobody@x.org')).toBeUndefined();
  });
});

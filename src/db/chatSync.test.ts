// The merge of chat choices from our other devices: per conversation, the newest wins; older
// and retracted-but-changed-here are ignored; a delete from elsewhere deletes here too.
import { describe, expect, it } from 'vitest';
import {
  applyChatChoices,
  chatChoicesOf,
  deleteConversation,
  getMeta,
  markChoicesSynced,
  markConversationRead,
  setArchived,
  setMarkedUnread,
  setPinned,
  storeIncoming,
} from '.';
import { freshDb, received } from './testing';

const BOB = 'bob@x.org';
const CAROL = 'carol@x.org';

async function twoChats() {
  const db = freshDb();
  await storeIncoming(db, received('b', { peer: BOB, at: 1000 }));
  await storeIncoming(db, received('c', { peer: CAROL, at: 2000 }));
  return db;
}
const syncTasks = async (db: Awaited<ReturnType<typeof twoChats>>) =>
  (await db.tasks.toArray())
    .filter((t) => t.kind === 'syncChat')
    .map((t) => t.kind === 'syncChat' && t.peer);

describe('local choices', () => {
  it('stamp the row and queue one publish per conversation', async () => {
    const db = await twoChats();
    await setPinned(db, BOB, true, 5000);
    await setMarkedUnread(db, BOB, true, 6000);
    await setArchived(db, CAROL, true, 7000);
    expect(await syncTasks(db)).toEqual([BOB, CAROL]);
    expect((await db.conversations.get(BOB))?.choicesAt).toBe(6000);
    expect(await chatChoicesOf(db, BOB)).toEqual({
      peer: BOB,
      at: 6000,
      pinnedAt: 5000,
      markedUnread: true,
    });
  });

  it('queue nothing for a room’s private conversation', async () => {
    const db = freshDb();
    await storeIncoming(db, received('p', { peer: 'room@muc.x.org/ann' }));
    await setPinned(db, 'room@muc.x.org/ann', true);
    expect(await syncTasks(db)).toEqual([]);
  });

  it('opening a chat marked unread takes the mark back, and that is published too', async () => {
    const db = await twoChats();
    await markConversationRead(db, BOB);
    expect(await syncTasks(db)).toEqual([]);
    await setMarkedUnread(db, BOB, true, 5000);
    await db.tasks.clear();
    await markConversationRead(db, BOB, 6000);
    expect(await syncTasks(db)).toEqual([BOB]);
    expect(await chatChoicesOf(db, BOB)).toBeNull();
  });

  it('a delete is published as the time it was deleted', async () => {
    const db = await twoChats();
    await deleteConversation(db, BOB, 8000);
    expect(await syncTasks(db)).toEqual([BOB]);
    expect(await chatChoicesOf(db, BOB)).toEqual({ peer: BOB, at: 8000, deletedAt: 8000 });
  });
});

describe('applyChatChoices', () => {
  it('takes a newer item and ignores an older one, per conversation', async () => {
    const db = await twoChats();
    await setPinned(db, BOB, true, 5000);
    await setPinned(db, CAROL, true, 5000);
    const changed = await applyChatChoices(db, {
      items: [
        { peer: BOB, at: 6000, archivedAt: 6000 }, // newer: archived, no longer pinned
        { peer: CAROL, at: 4000 }, // older than the pin here: ignored
      ],
      retracted: [],
    });
    expect(changed).toEqual([BOB]);
    const bob = await db.conversations.get(BOB);
    expect(bob?.archivedAt).toBe(6000);
    expect(bob?.pinnedAt).toBeUndefined();
    expect((await db.conversations.get(CAROL))?.pinnedAt).toBe(5000);
    // Merged, not made here: nothing to publish back.
    expect((await db.tasks.toArray()).length).toBe(2);
  });

  it('ignores the echo of our own publish', async () => {
    const db = await twoChats();
    await setPinned(db, BOB, true, 5000);
    const mine = await chatChoicesOf(db, BOB);
    expect(await applyChatChoices(db, { items: mine ? [mine] : [], retracted: [] })).toEqual([]);
  });

  it('deletes a conversation deleted elsewhere, and a later message brings it back', async () => {
    const db = await twoChats();
    await applyChatChoices(db, {
      items: [{ peer: BOB, at: 3000, deletedAt: 3000 }],
      retracted: [],
    });
    expect(await db.conversations.get(BOB)).toBeUndefined();
    expect(await db.messages.where('peer').equals(BOB).count()).toBe(0);
    expect((await getMeta(db, 'clearedChats'))?.[BOB]).toBe(3000);
    expect(await db.tasks.count()).toBe(0);
    await storeIncoming(db, received('b2', { peer: BOB, at: 4000 }));
    expect((await db.conversations.get(BOB))?.preview).toBe('m b2');
    // The same delete again (another fetch) changes nothing.
    await applyChatChoices(db, {
      items: [{ peer: BOB, at: 3000, deletedAt: 3000 }],
      retracted: [],
    });
    expect(await db.messages.where('peer').equals(BOB).count()).toBe(1);
  });

  it('keeps a conversation a newer message already brought back here', async () => {
    const db = await twoChats();
    await applyChatChoices(db, {
      items: [{ peer: CAROL, at: 1500, deletedAt: 1500 }],
      retracted: [],
    });
    expect(await db.messages.where('peer').equals(CAROL).count()).toBe(1);
  });

  it('clears retracted choices, unless a change here waits to go out', async () => {
    const db = await twoChats();
    await setPinned(db, BOB, true, 5000);
    await setPinned(db, CAROL, true, 5000);
    await db.tasks
      .where('seq')
      .above(0)
      .filter((t) => t.kind === 'syncChat' && t.peer === CAROL)
      .delete();
    await applyChatChoices(db, { items: [], retracted: [BOB, CAROL] });
    expect((await db.conversations.get(BOB))?.pinnedAt).toBe(5000);
    expect((await db.conversations.get(CAROL))?.pinnedAt).toBeUndefined();
  });

  it('on a whole fetch, clears choices the server had and no longer has; keeps unpublished ones', async () => {
    const db = await twoChats();
    await setPinned(db, BOB, true, 5000);
    await setPinned(db, CAROL, true, 5000);
    await db.tasks.clear();
    await markChoicesSynced(db, BOB, 5000); // Bob's pin went out; Carol's never did
    const changed = await applyChatChoices(db, { items: [], retracted: [], complete: true });
    expect(changed).toEqual([BOB]);
    expect((await db.conversations.get(BOB))?.pinnedAt).toBeUndefined();
    expect((await db.conversations.get(CAROL))?.pinnedAt).toBe(5000);
  });

  it('leaves alone a conversation that is not here, and loses nothing', async () => {
    const db = await twoChats();
    await applyChatChoices(db, {
      items: [{ peer: 'dan@x.org', at: 9000, pinnedAt: 9000 }],
      retracted: ['eve@x.org'],
    });
    expect(await db.conversations.count()).toBe(2);
    expect(await db.messages.count()).toBe(2);
  });
});

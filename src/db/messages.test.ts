import { describe, expect, it } from 'vitest';
import { accountDb, requestJoin, storeIncoming, storeIncomingMany } from '.';

const msg = (id: string, extra: object = {}) => ({
  id,
  peer: 'bob@x.org',
  direction: 'in' as const,
  body: `m ${id}`,
  at: 1000,
  state: 'delivered' as const,
  ...extra,
});

describe('received messages', () => {
  it('a new message keeps what the conversation knew: archive complete, marker sent', async () => {
    const db = accountDb(`a-${crypto.randomUUID()}@x.org`);
    await storeIncoming(db, msg('1', { originId: 'o1', at: 1000 }));
    await db.conversations.update('bob@x.org', { historyComplete: true, markedId: 'o1' });
    await storeIncoming(db, msg('2', { originId: 'o2', at: 2000 }));
    const c = await db.conversations.get('bob@x.org');
    expect(c).toMatchObject({ historyComplete: true, markedId: 'o1', preview: 'm 2', unread: 2 });
    db.close();
  });

  it('stores a batch as one by one would: duplicates dropped, order kept, receipts owed', async () => {
    const db = accountDb(`a-${crypto.randomUUID()}@x.org`);
    await storeIncoming(db, msg('0', { originId: 'o0', at: 5000 }));
    const added = await storeIncomingMany(db, [
      { row: msg('1', { originId: 'o0', at: 1000 }), receiptFor: 'o0' }, // here already
      { row: msg('2', { originId: 'o2', at: 1000 }), receiptFor: 'o2' }, // stamped earlier
      { row: msg('3', { originId: 'o3', at: 1000 }) },
      { row: msg('4', { originId: 'o3', at: 1000 }) }, // twice in the batch
      { row: msg('5', { peer: 'carol@x.org', originId: 'c5', at: 1000 }) },
    ]);
    expect(added.map((m) => m.id)).toEqual(['2', '3', '5']);
    const bob = await db.messages
      .where('[peer+at]')
      .between(['bob@x.org', 0], ['bob@x.org', Infinity])
      .toArray();
    expect(bob.map((m) => m.body)).toEqual(['m 0', 'm 2', 'm 3']);
    expect(bob[1]?.at).toBeGreaterThan(5000);
    // A receipt is owed for a duplicate too: the sender did not get the first one.
    const owed = await db.outbox.orderBy('createdAt').toArray();
    expect(owed.map((o) => o.ref)).toEqual(['o0', 'o2']);
    expect((await db.conversations.get('bob@x.org'))?.unread).toBe(3);
    expect((await db.conversations.get('carol@x.org'))?.unread).toBe(1);
    expect((await db.conversations.get('bob@x.org'))?.preview).toBe('m 3');
    db.close();
  });

  it('a batch counts every mention, and owes one displayed marker for the open conversation', async () => {
    const db = accountDb(`a-${crypto.randomUUID()}@x.org`);
    const room = 'room@conf.x.org';
    // A room's messages are stored only for a room we have a row for (joining or joined).
    await requestJoin(db, { jid: room, nick: 'me' });
    const said = (id: string, mention: boolean) =>
      msg(id, { peer: room, nick: 'ann', originId: id, ...(mention ? { mention: true } : {}) });
    await storeIncomingMany(db, [
      { row: said('r1', true) },
      { row: said('r2', false) },
      { row: said('r3', true) },
    ]);
    expect(await db.conversations.get(room)).toMatchObject({ unread: 3, mentions: 2 });
    // On screen: nothing counts, and the newest markable message is marked displayed, once.
    await db.meta.put('bob@x.org', 'openPeer');
    const markable = (id: string) => ({
      row: msg(id, { originId: id, remoteId: `remote-${id}`, markable: true }),
    });
    await storeIncomingMany(db, [markable('b1'), markable('b2')]);
    const bob = await db.conversations.get('bob@x.org');
    expect(bob).toMatchObject({ unread: 0, markedId: 'remote-b2' });
    const owed = await db.outbox.toArray();
    expect(owed.map((o) => [o.kind, o.ref])).toEqual([['displayed', 'remote-b2']]);
    db.close();
  });

  it('dedupes by origin-id in the conversation and by stanza-id', async () => {
    const db = accountDb(`a-${crypto.randomUUID()}@x.org`);
    expect(await storeIncoming(db, msg('1', { originId: 'o1' }))).toBe(true);
    expect(await storeIncoming(db, msg('2', { originId: 'o1' }))).toBe(false);
    expect(await storeIncoming(db, msg('3', { stanzaId: 's1' }))).toBe(true);
    expect(await storeIncoming(db, msg('4', { stanzaId: 's1' }))).toBe(false);
    expect(await db.messages.count()).toBe(2);
    expect((await db.conversations.get('bob@x.org'))?.unread).toBe(2);
  });

  it('keeps live arrival order when a late message carries a whole-second stamp', async () => {
    const db = accountDb(`g-${crypto.randomUUID()}@x.org`);
    const t = Date.now() - 5000;
    await storeIncoming(db, msg('first', { at: t + 700, originId: 'p1' }));
    // Resent after a resumed stream, stamped to the whole second before `first` arrived.
    await storeIncoming(db, msg('second', { at: t - (t % 1000), originId: 'p2' }));
    const rows = await db.messages
      .where('[peer+at]')
      .between(['bob@x.org', -Infinity], ['bob@x.org', Infinity])
      .toArray();
    expect(rows.map((r) => r.id)).toEqual(['first', 'second']);
  });
});

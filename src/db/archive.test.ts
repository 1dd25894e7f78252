import { describe, expect, it } from 'vitest';
import { queueOutgoing, requestJoin, storeArchivePage, storeIncoming } from '.';
import { freshDb, received as msg } from './testing';

const copy = (n: number, at: number, which = '') => ({
  id: `r${n}-${which}-${Math.random()}`,
  peer: 'bob@x.org',
  direction: 'in' as const,
  body: `history ${n}`,
  at,
  state: 'delivered' as const,
  originId: `o${n}`,
  stanzaId: `a${n}${which}`,
  remoteId: `o${n}`,
});

describe('archive pages', () => {
  it('history that lands in the conversation on screen is read there: the newest is marked displayed', async () => {
    // A new device: the person opened the chat before its history came from the archive.
    const db = freshDb('open');
    await db.meta.put('bob@x.org', 'openPeer');
    await storeArchivePage(
      db,
      [
        { ...copy(1, 1000), markable: true },
        { ...copy(2, 2000), markable: true },
      ],
      { countUnread: false },
    );
    expect((await db.conversations.get('bob@x.org'))?.markedId).toBe('o2');
    const owed = await db.outbox.toArray();
    expect(owed.map((o) => [o.kind, o.ref])).toEqual([['displayed', 'o2']]);
    // Not on screen: backfilled history is neither unread nor marked.
    await db.meta.put('', 'openPeer');
    await storeArchivePage(db, [{ ...copy(3, 500, 'c'), peer: 'carol@x.org', markable: true }], {
      countUnread: false,
    });
    expect((await db.outbox.toArray()).map((o) => o.ref)).toEqual(['o2']);
    db.close();
  });

  it('keeps archive order although archive stamps have whole seconds', async () => {
    const db = freshDb('e');
    // Seen live at 10:00:01.700; two later ones come from the archive stamped 10:00:01.
    const live = Date.UTC(2026, 0, 1, 10, 0, 1, 700);
    await storeIncoming(db, msg('live', { at: live, stanzaId: 'a1' }));
    const second = Date.UTC(2026, 0, 1, 10, 0, 1);
    await storeArchivePage(
      db,
      [msg('m2', { at: second, stanzaId: 'a2' }), msg('m3', { at: second, stanzaId: 'a3' })],
      {
        countUnread: true,
        order: { after: live },
      },
    );
    // Older history stamped in the same second as the oldest message goes before it, in order.
    await storeArchivePage(
      db,
      [
        msg('o1', { at: second, stanzaId: 'a0' }),
        msg('o2', { at: second + 2000, stanzaId: 'a01' }),
      ],
      {
        countUnread: false,
        order: { before: live },
      },
    );
    const rows = await db.messages
      .where('[peer+at]')
      .between(['bob@x.org', -Infinity], ['bob@x.org', Infinity])
      .toArray();
    expect(rows.map((r) => r.id)).toEqual(['o1', 'o2', 'live', 'm2', 'm3']);
  });

  it('moves a message already here into the archive order', async () => {
    const db = freshDb('f');
    const second = Date.UTC(2026, 0, 1, 10, 0, 1);
    // The newest came first, by offline delivery stamped to the whole second.
    await storeIncoming(db, msg('late', { at: second, originId: 'o3' }));
    await storeArchivePage(
      db,
      [
        msg('a1', { at: second, stanzaId: 's1', originId: 'o1' }),
        msg('a2', { at: second, stanzaId: 's2', originId: 'o2' }),
        msg('a3', { at: second, stanzaId: 's3', originId: 'o3' }),
      ],
      { countUnread: false },
    );
    const rows = await db.messages
      .where('[peer+at]')
      .between(['bob@x.org', -Infinity], ['bob@x.org', Infinity])
      .toArray();
    expect(rows.map((r) => r.originId)).toEqual(['o1', 'o2', 'o3']);
    expect((await db.conversations.get('bob@x.org'))?.preview).toBe('m late');
  });

  it('never moves a message typed here, whatever the archive says', async () => {
    const db = freshDb('h');
    await queueOutgoing(db, {
      ...msg('mine1'),
      direction: 'out',
      state: 'sent',
      at: 100,
      originId: 'mine1',
    });
    await queueOutgoing(db, {
      ...msg('mine2'),
      direction: 'out',
      state: 'sent',
      at: 200,
      originId: 'mine2',
    });
    // The server got mine1 late (a resend after a crash): archive order says mine1 after mine2.
    await storeArchivePage(
      db,
      [
        { ...msg('x2'), direction: 'out', at: 150, stanzaId: 's2', originId: 'mine2' },
        { ...msg('x1'), direction: 'out', at: 150, stanzaId: 's1', originId: 'mine1' },
      ],
      { countUnread: false, order: { after: 0 } },
    );
    const rows = await db.messages
      .where('[peer+at]')
      .between(['bob@x.org', -Infinity], ['bob@x.org', Infinity])
      .toArray();
    expect(rows.map((r) => r.id)).toEqual(['mine1', 'mine2']);
  });

  it('a second archive copy of a message (a resend) does not move it', async () => {
    const db = freshDb('i');
    await storeIncoming(db, msg('first', { at: 1000, originId: 'o1', stanzaId: 'copy1' }));
    await storeIncoming(db, msg('next', { at: 2000, originId: 'o2', stanzaId: 's2' }));
    await storeArchivePage(db, [msg('late', { at: 3000, originId: 'o1', stanzaId: 'copy2' })], {
      countUnread: true,
      order: { after: 2500 },
    });
    const rows = await db.messages
      .where('[peer+at]')
      .between(['bob@x.org', -Infinity], ['bob@x.org', Infinity])
      .toArray();
    expect(rows.map((r) => r.id)).toEqual(['first', 'next']);
  });

  it('a message archived twice ends up at its earliest place (offline re-route, then paging)', async () => {
    const db = freshDb('rep');
    const S = Date.UTC(2026, 0, 1, 10, 0, 0);
    const Tstore = S + 3000;
    // Offline delivery first: 1885..1910 and 2000, stamped when they were stored offline.
    // They were archived a second time when re-routed: those copies ('late') end the archive.
    const late = [...Array.from({ length: 26 }, (_, i) => 1885 + i), 2000];
    for (const n of late) await storeIncoming(db, copy(n, Tstore, 'late'));
    // The newest page: 1911..2000, then the late copies.
    await storeArchivePage(
      db,
      [
        ...Array.from({ length: 90 }, (_, i) => copy(1911 + i, S + 1000)),
        ...late.map((n) => copy(n, Tstore, 'late')),
      ],
      { countUnread: false },
    );
    // Scrolling up: the page before the oldest (1911): 1751..1910.
    const first = await db.messages
      .where('[peer+at]')
      .between(['bob@x.org', -Infinity], ['bob@x.org', Infinity])
      .first();
    await storeArchivePage(
      db,
      Array.from({ length: 160 }, (_, i) => copy(1751 + i, S)),
      {
        countUnread: false,
        order: { before: first?.at ?? Infinity },
      },
    );
    const rows = await db.messages
      .where('[peer+at]')
      .between(['bob@x.org', -Infinity], ['bob@x.org', Infinity])
      .toArray();
    const nums = rows.map((r) => Number(r.body.split(' ')[1]));
    expect(nums).toEqual(Array.from({ length: 250 }, (_, i) => 1751 + i));
  });

  it("a room's empty conversation (just bookmarked) takes its archive's last message", async () => {
    const db = freshDb('room');
    await requestJoin(db, { jid: 'team@muc.x.org', nick: 'me' });
    const room = (n: number, at: number) => ({
      ...msg(`g${n}`, { peer: 'team@muc.x.org', nick: 'ann', body: `said ${n}`, at }),
    });
    await storeArchivePage(db, [room(1, 1000), room(2, 2000)], { countUnread: false });
    expect(await db.conversations.get('team@muc.x.org')).toMatchObject({
      lastAt: 2000,
      preview: 'said 2',
      previewNick: 'ann',
    });
    db.close();
  });
});

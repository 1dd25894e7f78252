import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  accountDb,
  advanceMessage,
  applyRoster,
  currentSession,
  deleteUnsent,
  forgetAccount,
  markUpToByPeer,
  queueOutgoing,
  requestJoin,
  requeueMessage,
  setCurrentSession,
  storeArchivePage,
  storeIncoming,
  storeIncomingMany,
} from '.';

const msg = (id: string, extra: object = {}) => ({
  id,
  peer: 'bob@x.org',
  direction: 'in' as const,
  body: `m ${id}`,
  at: 1000,
  state: 'delivered' as const,
  ...extra,
});

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

describe('db writes', () => {
  it('a failed message deleted or retried here does not come back from the archive', async () => {
    const db = accountDb(`a-${crypto.randomUUID()}@x.org`);
    const mine = (id: string) => ({
      id,
      peer: 'bob@x.org',
      direction: 'out' as const,
      body: `mine ${id}`,
      at: 1000,
      state: 'queued' as const,
      originId: id,
    });
    await queueOutgoing(db, mine('x1'));
    await queueOutgoing(db, mine('x2'));
    await advanceMessage(db, 'x1', 'failed', { error: 'service-unavailable' });
    await advanceMessage(db, 'x2', 'failed', { error: 'service-unavailable' });
    await deleteUnsent(db, 'x1');
    const retry = await requeueMessage(db, 'x2');
    // The server archived both before refusing them; a history page brings them back.
    const archived = (id: string) => ({
      ...mine(`r-${id}`),
      originId: id,
      stanzaId: `s-${id}`,
      state: 'sent' as const,
    });
    const { added } = await storeArchivePage(db, [archived('x1'), archived('x2')], {
      countUnread: false,
    });
    expect(added).toBe(0);
    const left = await db.messages.toArray();
    expect(left.map((m) => m.id)).toEqual([retry]);
    db.close();
  });

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

  it('moves a message forward only, and never fails a delivered one', async () => {
    const db = accountDb(`b-${crypto.randomUUID()}@x.org`);
    await queueOutgoing(db, { ...msg('o'), direction: 'out', state: 'queued' });
    expect(await db.outbox.count()).toBe(1);
    expect(await advanceMessage(db, 'o', 'delivered')).toBe(true);
    expect(await advanceMessage(db, 'o', 'sent')).toBe(false);
    expect(await advanceMessage(db, 'o', 'failed')).toBe(false);
    expect((await db.messages.get('o'))?.state).toBe('delivered');
    expect(await db.outbox.count()).toBe(0);
  });

  it('marks our messages up to a marker, earlier ones too, and never back', async () => {
    const db = accountDb(`m-${crypto.randomUUID()}@x.org`);
    for (const n of [1, 2, 3, 4, 5])
      await db.messages.add({ ...msg(`m${n}`, { at: n }), direction: 'out', state: 'sent' });
    // A message the peer never got stays as it is.
    await db.messages.update('m3', { state: 'failed' });
    const states = async () =>
      (
        await db.messages.where('[peer+at]').between(['bob@x.org', 0], ['bob@x.org', 9]).toArray()
      ).map((m) => m.state);
    expect(await markUpToByPeer(db, 'bob@x.org', 'm2', 'displayed')).toBe(true);
    expect(await states()).toEqual(['displayed', 'displayed', 'failed', 'sent', 'sent']);
    await markUpToByPeer(db, 'bob@x.org', 'm5', 'delivered');
    expect(await states()).toEqual(['displayed', 'displayed', 'failed', 'delivered', 'delivered']);
    await markUpToByPeer(db, 'bob@x.org', 'm4', 'displayed');
    expect(await states()).toEqual(['displayed', 'displayed', 'failed', 'displayed', 'delivered']);
    // From anyone but the peer it went to: nothing.
    expect(await markUpToByPeer(db, 'eve@x.org', 'm5', 'displayed')).toBe(false);
    expect((await db.messages.get('m5'))?.state).toBe('delivered');
  });

  it('keeps the roster when the server says it is up to date', async () => {
    const db = accountDb(`c-${crypto.randomUUID()}@x.org`);
    await applyRoster(db, [{ jid: 'bob@x.org', groups: [], subscription: 'both' }], 'v1');
    await applyRoster(db, null, 'v2');
    expect(await db.contacts.count()).toBe(1);
    expect(await db.meta.get('rosterVer')).toBe('v2');
  });

  it('keeps archive order although archive stamps have whole seconds', async () => {
    const db = accountDb(`e-${crypto.randomUUID()}@x.org`);
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
    const db = accountDb(`f-${crypto.randomUUID()}@x.org`);
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

  it('never moves a message typed here, whatever the archive says', async () => {
    const db = accountDb(`h-${crypto.randomUUID()}@x.org`);
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
    const db = accountDb(`i-${crypto.randomUUID()}@x.org`);
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
    const db = accountDb(`rep-${crypto.randomUUID()}@x.org`);
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
    const db = accountDb(`room-${crypto.randomUUID()}@x.org`);
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

  it('forgetting an account deletes its whole database and the session row', async () => {
    const account = `d-${crypto.randomUUID()}@x.org`;
    const db = accountDb(account);
    await storeIncoming(db, msg('1'));
    await setCurrentSession(account, 'r1');
    expect(await Dexie.exists(db.name)).toBe(true);
    await forgetAccount(account);
    expect(await Dexie.exists(`parley:${account}`)).toBe(false);
    expect(await currentSession()).toBeUndefined();
  });
});

describe('media cache', () => {
  it('evicts the least recently used files past the cap, keeping what was just read', async () => {
    const { AccountDb, putMedia, getMedia, evictMedia } = await import('.');
    const mdb = new AccountDb(`media-${crypto.randomUUID()}`);
    const blob = (n: number) => new Blob([new Uint8Array(n)]);
    await mdb.media.bulkPut([
      { url: 'a', blob: blob(400), size: 400, usedAt: 1 },
      { url: 'b', blob: blob(400), size: 400, usedAt: 2 },
      { url: 'c', blob: blob(400), size: 400, usedAt: 3 },
    ]);
    // Reading 'a' makes it the most recently used.
    expect((await getMedia(mdb, 'a'))?.size).toBe(400);
    await putMedia(mdb, 'd', blob(400), 1000);
    expect((await mdb.media.toCollection().primaryKeys()).sort()).toEqual(['a', 'd']);
    await evictMedia(mdb, 0);
    expect(await mdb.media.count()).toBe(0);
    mdb.close();
  });
});

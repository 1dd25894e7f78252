import { describe, expect, it } from 'vitest';
import {
  accountDb,
  advanceMessage,
  deleteUnsent,
  markUpToByPeer,
  queueOutgoing,
  requeueMessage,
  storeArchivePage,
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

describe('our own messages', () => {
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
});

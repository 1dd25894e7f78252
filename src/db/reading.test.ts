import { describe, expect, it } from 'vitest';
import { accountDb, firstUnread, markReadUpTo, setMeta, storeIncomingMany } from '.';

const incoming = (n: number) => ({
  id: `m${n}`,
  peer: 'bob@x.org',
  direction: 'in' as const,
  body: `message ${n}`,
  at: 1000 + n,
  state: 'delivered' as const,
  remoteId: `r${n}`,
  markable: true,
});

async function withUnread(count: number) {
  const db = accountDb(`read-${crypto.randomUUID()}@x.org`);
  await storeIncomingMany(
    db,
    Array.from({ length: count }, (_, i) => ({ row: incoming(i + 1) })),
  );
  return db;
}

const markers = async (db: ReturnType<typeof accountDb>) =>
  (await db.outbox.toArray())
    .filter((o) => o.kind === 'displayed')
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((o) => o.ref);

describe('reading what was on screen', () => {
  it('counts messages unread while the conversation is not being read live', async () => {
    const db = await withUnread(5);
    expect((await db.conversations.get('bob@x.org'))?.unread).toBe(5);
    expect(await firstUnread(db, 'bob@x.org')).toEqual({ id: 'm1', at: 1001 });
    expect(await markers(db)).toEqual([]);
  });

  it('seen up to a message: the count drops to what is after it, one marker for it', async () => {
    const db = await withUnread(5);
    await markReadUpTo(db, 'bob@x.org', 1003);
    expect((await db.conversations.get('bob@x.org'))?.unread).toBe(2);
    expect(await markers(db)).toEqual(['r3']);
    expect(await firstUnread(db, 'bob@x.org')).toEqual({ id: 'm4', at: 1004 });
    // Seeing older messages again changes nothing and sends nothing.
    await markReadUpTo(db, 'bob@x.org', 1002);
    expect((await db.conversations.get('bob@x.org'))?.unread).toBe(2);
    expect(await markers(db)).toEqual(['r3']);
    await markReadUpTo(db, 'bob@x.org', 1005);
    expect((await db.conversations.get('bob@x.org'))?.unread).toBe(0);
    expect(await markers(db)).toEqual(['r3', 'r5']);
    expect(await firstUnread(db, 'bob@x.org')).toBeNull();
  });

  it('a conversation read live marks at once and counts nothing', async () => {
    const db = accountDb(`read-${crypto.randomUUID()}@x.org`);
    await setMeta(db, 'openPeer', 'bob@x.org');
    await storeIncomingMany(db, [{ row: incoming(1) }]);
    expect((await db.conversations.get('bob@x.org'))?.unread).toBe(0);
    expect(await markers(db)).toEqual(['r1']);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { accountDb, type Message } from '../db';

// The signed-in account's database, without a connection.
const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('./session', () => ({ currentDb: () => session.db }));

const { messageWindowQuery, windowStepBackQuery } = await import('./queries');

const PEER = 'bob@x.org';
const message = (n: number): Message => ({
  id: `m${n}`,
  peer: PEER,
  direction: 'in',
  body: `message ${n}`,
  at: 1_000 + n,
  state: 'delivered',
});

/** A conversation of messages 1–10 (and one with someone else, which no window shows). */
async function conversation(hidden: number[] = []) {
  const db = accountDb(`w-${crypto.randomUUID()}@x.org`);
  session.db = db;
  await db.messages.bulkPut([
    ...Array.from({ length: 10 }, (_, i) => ({
      ...message(i + 1),
      ...(hidden.includes(i + 1) ? { hidden: true } : {}),
    })),
    { ...message(99), peer: 'eve@x.org', at: 1_005 },
  ]);
  return db;
}
const bodies = (rows: Message[]) => rows.map((m) => m.id);

describe('a window of a conversation', () => {
  it('at the newest: the newest messages, and whether older ones are stored', async () => {
    await conversation();
    const w = await messageWindowQuery(PEER, 4);
    expect(bodies(w.rows)).toEqual(['m7', 'm8', 'm9', 'm10']);
    expect(w).toMatchObject({ newest: true, oldest: false, complete: false });
    const all = await messageWindowQuery(PEER, 20);
    expect(bodies(all.rows)).toHaveLength(10);
    expect(all).toMatchObject({ newest: true, oldest: true });
  });

  it('read back: at most `limit` messages from where it starts, neither end reached', async () => {
    await conversation();
    const w = await messageWindowQuery(PEER, 4, 1_003);
    expect(bodies(w.rows)).toEqual(['m3', 'm4', 'm5', 'm6']);
    expect(w).toMatchObject({ newest: false, oldest: false });
    const first = await messageWindowQuery(PEER, 4, 1_001);
    expect(bodies(first.rows)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(first).toMatchObject({ newest: false, oldest: true });
  });

  it('read back to within `limit` of the newest: the newest `limit`, following new ones', async () => {
    await conversation();
    const w = await messageWindowQuery(PEER, 4, 1_008);
    expect(bodies(w.rows)).toEqual(['m7', 'm8', 'm9', 'm10']);
    expect(w.newest).toBe(true);
    // Exactly `limit` from there on: still the newest.
    const exact = await messageWindowQuery(PEER, 4, 1_007);
    expect(bodies(exact.rows)).toEqual(['m7', 'm8', 'm9', 'm10']);
    expect(exact.newest).toBe(true);
  });

  it('messages deleted here are skipped, and the window reads on for as many', async () => {
    await conversation([4, 5, 9]);
    const w = await messageWindowQuery(PEER, 4, 1_003);
    expect(bodies(w.rows)).toEqual(['m3', 'm6', 'm7', 'm8']);
    expect(w.newest).toBe(false);
    const newest = await messageWindowQuery(PEER, 3);
    expect(bodies(newest.rows)).toEqual(['m7', 'm8', 'm10']);
  });

  it('steps back a given number of shown messages, to the oldest at most', async () => {
    await conversation([5]);
    expect(await windowStepBackQuery(PEER, 1_007, 3)).toBe(1_003);
    expect(await windowStepBackQuery(PEER, 1_003, 5)).toBe(1_001);
    expect(await windowStepBackQuery(PEER, 1_001, 5)).toBeNull();
  });
});

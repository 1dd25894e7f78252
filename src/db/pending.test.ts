import { describe, expect, it, vi } from 'vitest';
import {
  accountDb,
  type Message,
  PENDING_KEEP_MS,
  PENDING_MAX_ROWS,
  pendingMessages,
  queueOutgoing,
  storeIncoming,
  storeIncomingMany,
  withPending,
} from '.';

const PEER = 'bob@x.org';
const msg = (id: string, extra: Partial<Message> = {}): Message => ({
  id,
  peer: PEER,
  direction: 'in',
  body: `m ${id}`,
  at: 1000,
  state: 'delivered',
  ...extra,
});
const freshDb = () => accountDb(`p-${crypto.randomUUID()}@x.org`);

/** What a screen showing the conversation would see at each change, by message body. */
function watch(db: object) {
  const seen: string[][] = [];
  const pending = pendingMessages(db);
  const stop = pending.subscribe((peer) => {
    if (peer === PEER) seen.push(pending.rows(PEER).map((m) => m.body));
  });
  return { seen, stop, pending };
}

describe('messages being written (pending)', () => {
  it('shows an incoming message as its transaction starts, before it is stored', async () => {
    const db = freshDb();
    const { seen, pending } = watch(db);
    const storing = storeIncoming(db, msg('a', { originId: 'oa' }));
    // Nothing awaited: it is pending, and the screen is told in this task (a microtask), while
    // the database has not even begun.
    expect(pending.rows(PEER).map((m) => m.body)).toEqual(['m a']);
    await Promise.resolve();
    expect(seen).toEqual([['m a']]);
    expect(await storing).toBe(true);
    // Written: still shown from memory until the screen's query has read it back.
    pending.release([]);
    expect(pending.rows(PEER).map((m) => m.id)).toEqual(['a']);
    pending.release(['a']);
    expect(pending.rows(PEER)).toEqual([]);
    expect(await db.messages.get('a')).toMatchObject({ body: 'm a' });
  });

  it('drops a message the write finds already stored, so it never shows twice', async () => {
    const db = freshDb();
    await storeIncoming(db, msg('first', { originId: 'same' }));
    pendingMessages(db).release(['first']);
    const { seen, pending } = watch(db);
    expect(await storeIncoming(db, msg('again', { originId: 'same' }))).toBe(false);
    expect(seen).toEqual([['m again'], []]);
    expect(pending.rows(PEER)).toEqual([]);
  });

  it('drops the messages of a write that fails, and stores none of them', async () => {
    const db = freshDb();
    await storeIncoming(db, msg('taken'));
    pendingMessages(db).release(['taken']);
    const { seen, pending } = watch(db);
    // The second row's id is taken: the whole transaction fails.
    await expect(
      storeIncomingMany(db, [{ row: msg('new1') }, { row: msg('taken') }]),
    ).rejects.toThrow();
    expect(seen).toEqual([['m new1', 'm taken'], []]);
    expect(pending.rows(PEER)).toEqual([]);
    expect(await db.messages.get('new1')).toBeUndefined();
  });

  it('shows a message being sent, and forgets written rows nobody read back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const db = freshDb();
      const { pending } = watch(db);
      const mine = msg('out1', { direction: 'out', state: 'queued', originId: 'out1' });
      const writing = queueOutgoing(db, mine);
      expect(pending.rows(PEER).map((m) => m.state)).toEqual(['queued']);
      await writing;
      expect(pending.rows(PEER)).toHaveLength(1);
      vi.advanceTimersByTime(PENDING_KEEP_MS + 1);
      expect(pending.rows(PEER)).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a batch read back in part leaves whole: the rest is outside the window', async () => {
    const db = freshDb();
    const { pending } = watch(db);
    await storeIncomingMany(db, [{ row: msg('b1') }, { row: msg('b2') }, { row: msg('b3') }]);
    await storeIncoming(db, msg('later'));
    expect(pending.rows(PEER).map((m) => m.id)).toEqual(['b1', 'b2', 'b3', 'later']);
    pending.release(['b3']); // the window holds only the newest of the batch
    expect(pending.rows(PEER).map((m) => m.id)).toEqual(['later']);
  });

  it('a row read back before its writer hears of the commit leaves all the same', async () => {
    const db = freshDb();
    const { pending } = watch(db);
    const storing = storeIncomingMany(db, [{ row: msg('r1') }, { row: msg('r2') }]);
    // A live query read it back first (its emission can come before the writer resumes).
    pending.release(['r2']);
    expect(pending.rows(PEER)).toEqual([]);
    await storing;
    expect(pending.rows(PEER)).toEqual([]); // not brought back as written
  });

  it('does not show a big batch from memory: it shows once stored', async () => {
    const db = freshDb();
    const { seen, pending } = watch(db);
    const many = Array.from({ length: PENDING_MAX_ROWS + 1 }, (_, i) => ({ row: msg(`x${i}`) }));
    const storing = storeIncomingMany(db, many);
    await Promise.resolve();
    expect(pending.rows(PEER)).toEqual([]);
    expect(seen).toEqual([]);
    expect(await storing).toHaveLength(PENDING_MAX_ROWS + 1);
  });

  it('keeps its own copy: the writer changing its row does not change what is shown', async () => {
    const db = freshDb();
    const row = msg('c', { at: 5 });
    const storing = storeIncoming(db, row);
    row.body = 'changed';
    expect(pendingMessages(db).rows(PEER)[0]?.body).toBe('m c');
    await storing;
  });
});

describe('withPending', () => {
  const live = [msg('1', { originId: 'o1', stanzaId: 's1' }), msg('2')];

  it('adds what is not read yet after the window, in arrival order', () => {
    const shown = withPending(live, [msg('3'), msg('4')]);
    expect(shown.map((m) => m.id)).toEqual(['1', '2', '3', '4']);
  });

  it('leaves out what the window has, by id, origin-id or stanza-id, and copies of each other', () => {
    const shown = withPending(live, [
      msg('2'),
      msg('x', { originId: 'o1' }),
      msg('y', { stanzaId: 's1' }),
      msg('z', { originId: 'oz' }),
      msg('z2', { originId: 'oz' }),
    ]);
    expect(shown.map((m) => m.id)).toEqual(['1', '2', 'z']);
  });

  it('shows at most the newest few of a burst (what the window holds)', () => {
    const burst = ['a', 'b', 'c', 'd'].map((id) => msg(id));
    expect(withPending(live, burst, 2).map((m) => m.id)).toEqual(['1', '2', 'c', 'd']);
  });

  it('leaves out what is older than the window (stored, outside it): never at the bottom', () => {
    const shown = withPending(live, [msg('old', { at: 999 }), msg('3', { at: 1001 })]);
    expect(shown.map((m) => m.id)).toEqual(['1', '2', '3']);
  });

  it('returns the window itself when nothing is pending', () => {
    expect(withPending(live, [])).toBe(live);
  });
});

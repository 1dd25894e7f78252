import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountDb, getDraft, putDraft } from '../db';
import { recoverStashedDraft } from './draftStash';
import { createDraftKeeper } from './drafts';
import { mergeDrafts } from './queries';

/** A composer's box, and the keeper of its drafts, as the Composer wires them. */
function composer(db: AccountDb) {
  const box = { value: '' };
  const errors: unknown[] = [];
  const keeper = createDraftKeeper({
    db,
    text: () => box.value,
    onError: (e) => errors.push(e),
    delayMs: 400,
  });
  const open = (peer: string) =>
    keeper.open(peer, (text) => {
      if (box.value) return false;
      box.value = text;
      return true;
    });
  const type = (text: string) => {
    box.value = text;
    keeper.changed();
  };
  return { box, keeper, open, type, errors };
}

/** Let IndexedDB (fake-indexeddb, on timers) finish what was asked. */
const settle = () => vi.advanceTimersByTimeAsync(50);

describe('drafts', () => {
  let db: AccountDb;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    db = new AccountDb(`d-${crypto.randomUUID()}@x.org`);
  });
  afterEach(() => {
    db.close();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('saves once typing pauses, and at once on switching; each conversation gets its own back', async () => {
    const c = composer(db);
    c.open('ann@x.org');
    await settle();
    c.type('secret');
    c.type('secret plan');
    await vi.advanceTimersByTimeAsync(300);
    expect(await getDraft(db, 'ann@x.org')).toBe('');
    await vi.advanceTimersByTimeAsync(200);
    expect(await getDraft(db, 'ann@x.org')).toBe('secret plan');

    c.type('secret plan, v2');
    // Switching: the box empties for Ben (the Composer does so) and Ann's text is saved now.
    c.open('ben@x.org');
    c.box.value = '';
    await settle();
    expect(c.box.value).toBe('');
    expect(await getDraft(db, 'ann@x.org')).toBe('secret plan, v2');

    c.open('ann@x.org');
    c.box.value = '';
    await settle();
    expect(c.box.value).toBe('secret plan, v2');
    expect(c.errors).toEqual([]);
  });

  it('an unchanged box does not overwrite a draft another tab wrote meanwhile', async () => {
    const c = composer(db);
    c.open('ann@x.org');
    await settle();
    await putDraft(db, 'ann@x.org', 'from the other tab');
    c.open('ben@x.org');
    c.box.value = '';
    await settle();
    expect(await getDraft(db, 'ann@x.org')).toBe('from the other tab');
  });

  it('sending clears the draft; text typed before the draft arrived is kept, not replaced', async () => {
    await putDraft(db, 'ann@x.org', 'old draft');
    const c = composer(db);
    c.open('ann@x.org');
    await settle();
    expect(c.box.value).toBe('old draft');
    c.box.value = '';
    c.keeper.sent();
    await settle();
    expect(await getDraft(db, 'ann@x.org')).toBe('');

    await putDraft(db, 'ben@x.org', 'ben draft');
    c.open('ben@x.org');
    c.box.value = 'typed fast';
    await settle();
    expect(c.box.value).toBe('typed fast');
  });

  it('as the page goes, the draft is also kept in sessionStorage and recovered at the next start, never over a newer one', async () => {
    const store = new Map<string, string>();
    vi.stubGlobal('sessionStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
      removeItem: (k: string) => store.delete(k),
    });
    const c = composer(db);
    c.open('ann@x.org');
    await settle();
    c.type('half a thought');
    c.keeper.leave();
    expect(store.size).toBe(1);
    // The reload aborted the IndexedDB write: only the stash has it.
    await db.drafts.clear();
    await recoverStashedDraft(db);
    expect(await getDraft(db, 'ann@x.org')).toBe('half a thought');
    expect(store.size).toBe(0);

    // A stash older than what the database has (written since, in another tab) loses.
    c.type('stashed');
    c.keeper.leave();
    await settle();
    await vi.advanceTimersByTimeAsync(1000);
    await putDraft(db, 'ann@x.org', 'newer elsewhere');
    await recoverStashedDraft(db);
    expect(await getDraft(db, 'ann@x.org')).toBe('newer elsewhere');
  });

  it('the chat list: drafts on their conversations, a draft alone placed by its time, on one line', async () => {
    const conv = (peer: string, lastAt: number) => ({
      peer,
      lastAt,
      preview: `hi ${peer}`,
      previewDirection: 'in' as const,
      unread: 0,
      kind: 'contact' as const,
    });
    await putDraft(db, 'ann@x.org', 'secret\n  plan');
    await vi.advanceTimersByTimeAsync(1000);
    await putDraft(db, 'new@x.org', 'first words');
    const now = Date.now();
    const rows = mergeDrafts(
      [conv('ben@x.org', now + 5000), conv('ann@x.org', now - 5000)],
      await db.drafts.toArray(),
      new Set(),
    );
    expect(rows.map((r) => [r.peer, r.draft])).toEqual([
      ['ben@x.org', undefined],
      ['new@x.org', 'first words'],
      ['ann@x.org', 'secret plan'],
    ]);
    // Ann keeps her place (her last message's time), whatever the draft's time.
    expect(rows[2]?.lastAt).toBe(now - 5000);
  });

  it('a draft alone shows as what its conversation will be: room, private, or contact', async () => {
    await putDraft(db, 'team@muc.x.org', 'agenda');
    await putDraft(db, 'team@muc.x.org/ann', 'psst');
    await putDraft(db, 'new@x.org', 'hello');
    const rows = mergeDrafts([], await db.drafts.toArray(), new Set(['team@muc.x.org']));
    const kinds = Object.fromEntries(rows.map((r) => [r.peer, r.kind]));
    expect(kinds).toEqual({
      'team@muc.x.org': 'room',
      'team@muc.x.org/ann': 'private',
      'new@x.org': 'contact',
    });
  });
});

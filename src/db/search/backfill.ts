import type { AccountDb } from '../schema';
import { entriesOf, type SearchRow } from './indexer';

/** Where the background indexing of stored messages has got to (kept in `meta`). */
export interface BackfillState {
  /** The last message id (primary key order) indexed; absent at the start. */
  after?: string;
  done: boolean;
}

const KEY = 'searchBackfill';

export async function backfillState(db: AccountDb): Promise<BackfillState> {
  return ((await db.meta.get(KEY)) as BackfillState | undefined) ?? { done: false };
}

/**
 * Index the next `chunk` stored messages (in id order) that were written before the index
 * existed, and remember where it stopped, in one transaction. Returns whether all are done.
 * Messages written meanwhile are indexed by the indexer anyway; doing one twice is harmless.
 */
export async function backfillStep(db: AccountDb, chunk: number): Promise<boolean> {
  return db.transaction('rw', [db.messages, db.searchIndex, db.meta], async () => {
    const state = await backfillState(db);
    if (state.done) return true;
    const from = state.after;
    const coll =
      from === undefined ? db.messages.orderBy(':id') : db.messages.where(':id').above(from);
    const msgs = await coll.limit(chunk).toArray();
    const rows: SearchRow[] = [];
    for (const m of msgs) {
      const entries = entriesOf(m);
      if (entries.length) rows.push({ id: m.id, terms: entries });
    }
    if (rows.length) await db.searchIndex.bulkPut(rows);
    const last = msgs[msgs.length - 1];
    const next: BackfillState =
      msgs.length < chunk ? { done: true } : { after: last?.id ?? from, done: false };
    await db.meta.put(next, KEY);
    return next.done;
  });
}

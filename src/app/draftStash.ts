// A draft that was being written as the page went (see app/drafts.ts), kept where it survives
// a reload, and written to IndexedDB when the account starts again in this tab.
import { type AccountDb, recoverDraft } from '../db';

/**
 * The draft being written as the page goes, in this tab's sessionStorage: IndexedDB may not
 * finish a write started then (a reload aborts it), sessionStorage is written at once. It
 * lives as long as the tab, like the session keys beside it.
 */
const STASH = 'parley:draftStash';

interface Stash {
  account: string;
  peer: string;
  text: string;
  at: number;
}

export function stash(value: Stash | null) {
  const store = globalThis.sessionStorage;
  if (!store) return;
  try {
    if (value) store.setItem(STASH, JSON.stringify(value));
    else store.removeItem(STASH);
  } catch {
    // Full or refused: the IndexedDB write asked for at the same time is all there is.
  }
}

/**
 * At the start of an account in this tab: a draft stashed as the page went is written to
 * IndexedDB (unless a newer one is there). Call before anything reads drafts.
 */
export function recoverStashedDraft(db: AccountDb): Promise<void> {
  const raw = globalThis.sessionStorage?.getItem(STASH);
  if (!raw) return Promise.resolve();
  stash(null);
  let s: Partial<Stash>;
  try {
    s = JSON.parse(raw) as Partial<Stash>;
  } catch {
    return Promise.resolve();
  }
  if (s.account !== db.account || typeof s.peer !== 'string' || typeof s.text !== 'string')
    return Promise.resolve();
  return recoverDraft(db, { peer: s.peer, text: s.text, at: Number(s.at) || 0 });
}

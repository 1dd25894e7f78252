// Drafts (issue 13, bug 1): each conversation keeps what was typed in it and not sent, in
// IndexedDB, so it survives switching, leaving, a reload, and shows in every tab's chat list.
import { type AccountDb, getDraft, putDraft } from '../db';
import { stash } from './draftStash';
import { currentDb } from './session';

/** Keep `text` as the draft of `peer` (blank: no draft). */
export async function saveDraft(peer: string, text: string) {
  await putDraft(currentDb(), peer, text);
}

/** Typing stops this long before the draft is written (switching or leaving writes at once). */
export const DRAFT_SAVE_MS = 400;

export interface DraftKeeper {
  /**
   * The composer now shows `peer`: what was typed for the previous conversation is saved
   * first, then `peer`'s draft is read and given to `show`, which puts it in the box and
   * says whether it did (it does not when something was typed meanwhile).
   */
  open(peer: string, show: (text: string) => boolean): void;
  /** The text changed: saved once typing pauses. */
  changed(): void;
  /** Save now what changed (switching, the page hidden). */
  flush(): void;
  /** The page is going (pagehide): save what changed where it survives a reload too. */
  leave(): void;
  /** The page stayed after all (back from the back-forward cache): forget that copy. */
  stay(): void;
  /** The text went out as a message: the conversation has no draft any more. */
  sent(): void;
  /** Save what changed and stop. */
  stop(): void;
}

/**
 * One composer's drafts. `text` reads what the box holds when it is saved. Only a change is
 * written: a box still holding the draft it was given writes nothing, so a draft another tab
 * wrote meanwhile is not overwritten by an unchanged box. Bound to the account signed in when
 * made, so a composer closing as its account signs out writes nowhere else.
 */
export function createDraftKeeper(opts: {
  text: () => string;
  onError: (err: unknown) => void;
  db?: AccountDb;
  delayMs?: number;
}): DraftKeeper {
  const db = opts.db ?? currentDb();
  let peer: string | null = null;
  /** What the database holds for `peer`, as far as this composer knows. */
  let saved = '';
  let timer: ReturnType<typeof setTimeout> | undefined;

  const write = (to: string, text: string) => {
    putDraft(db, to, text).catch(opts.onError);
  };

  function flush() {
    clearTimeout(timer);
    timer = undefined;
    if (peer === null) return;
    const text = opts.text();
    if (text === saved) return;
    saved = text;
    write(peer, text);
  }

  return {
    open(next, show) {
      flush();
      peer = next;
      saved = '';
      // Written above before it is read here: IndexedDB runs the two in the order asked.
      getDraft(db, next).then((text) => {
        if (peer === next && text && show(text)) saved = text;
      }, opts.onError);
    },
    changed() {
      clearTimeout(timer);
      timer = setTimeout(flush, opts.delayMs ?? DRAFT_SAVE_MS);
    },
    flush,
    leave() {
      if (peer !== null && opts.text() !== saved)
        stash({ account: db.account, peer, text: opts.text(), at: Date.now() });
      flush();
    },
    stay() {
      stash(null);
    },
    sent() {
      clearTimeout(timer);
      timer = undefined;
      if (peer !== null && saved !== '') write(peer, '');
      saved = '';
    },
    stop() {
      flush();
      peer = null;
    },
  };
}

// Drafts: what was typed in a conversation and not sent, one per conversation, kept across
// switching, reloads and tabs. A row of its own, not a field of the conversation row: the
// engine rewrites that row on every message, and a draft may exist before any message does.
import type { AccountDb } from './schema';

/** The conversation's draft; '' when there is none. */
export async function getDraft(db: AccountDb, peer: string): Promise<string> {
  return (await db.drafts.get(peer))?.text ?? '';
}

/** Keep `text` as the conversation's draft; text that is only blank deletes it. */
export async function putDraft(db: AccountDb, peer: string, text: string) {
  if (text.trim()) await db.drafts.put({ peer, text, at: Date.now() });
  else await db.drafts.delete(peer);
}

/**
 * A draft kept elsewhere while IndexedDB could not take it (the page was going), written here
 * unless the conversation has a newer one. One transaction, so a read asked after it sees it.
 */
export async function recoverDraft(
  db: AccountDb,
  draft: { peer: string; text: string; at: number },
) {
  await db.transaction('rw', db.drafts, async () => {
    const now = await db.drafts.get(draft.peer);
    if (now && now.at > draft.at) return;
    if (draft.text.trim())
      await db.drafts.put({ peer: draft.peer, text: draft.text, at: draft.at });
    else await db.drafts.delete(draft.peer);
  });
}

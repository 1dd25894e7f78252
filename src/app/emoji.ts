// The emoji picker's "recently used" row, kept in the account's database (meta), so every
// tab and every visit of this account shows the same, and another account here its own.
import { getMeta, setMeta } from '../db';
import { currentDb } from './session';

const MAX_RECENT = 24;

export async function recentEmojiQuery(): Promise<string[]> {
  return (await getMeta(currentDb(), 'recentEmoji')) ?? [];
}

/** `emoji` was just picked: first in the row, once. */
export async function noteRecentEmoji(emoji: string): Promise<void> {
  const db = currentDb();
  await db.transaction('rw', db.meta, async () => {
    const list = (await getMeta(db, 'recentEmoji')) ?? [];
    await setMeta(
      db,
      'recentEmoji',
      [emoji, ...list.filter((e) => e !== emoji)].slice(0, MAX_RECENT),
    );
  });
}

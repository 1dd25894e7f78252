import { getMeta, type MuteSetting, type NotifyPrefs } from '../../db';
import { currentDb } from '../session';
import { countedUnread, isMuted } from './decide';

// Notification choices live in the account's database (`meta`), so every tab, and the leader
// tab that notifies, follows a change made in any of them at once (live queries).

export type { MuteSetting, NotifyPrefs };

export async function notifyPrefsQuery(): Promise<NotifyPrefs> {
  return (await getMeta(currentDb(), 'notifyPrefs')) ?? {};
}

export async function mutesQuery(): Promise<Record<string, MuteSetting>> {
  return (await getMeta(currentDb(), 'mutes')) ?? {};
}

/** Change some notification choices; read and written in one transaction, so tabs do not race. */
export async function setNotifyPrefs(change: Partial<NotifyPrefs>): Promise<void> {
  const db = currentDb();
  await db.transaction('rw', db.meta, async () => {
    const cur = ((await db.meta.get('notifyPrefs')) as NotifyPrefs | undefined) ?? {};
    await db.meta.put({ ...cur, ...change }, 'notifyPrefs');
  });
}

export const MUTE_FOR = { hour: 3_600_000, eightHours: 8 * 3_600_000, day: 86_400_000 } as const;
export type MuteChoice = keyof typeof MUTE_FOR | 'forever' | 'mentions' | 'all';

/** Mute a conversation for a while or for good, a room on mentions only, or all back on. */
export async function setMute(peer: string, choice: MuteChoice, now = Date.now()): Promise<void> {
  const db = currentDb();
  await db.transaction('rw', db.meta, async () => {
    const mutes = { ...(((await db.meta.get('mutes')) as Record<string, MuteSetting>) ?? {}) };
    if (choice === 'all') delete mutes[peer];
    else if (choice === 'mentions') mutes[peer] = { mode: 'mentions' };
    else if (choice === 'forever') mutes[peer] = { mode: 'muted', until: null };
    else mutes[peer] = { mode: 'muted', until: now + MUTE_FOR[choice] };
    // Lapsed timed mutes are dropped here rather than kept forever.
    for (const [p, m] of Object.entries(mutes))
      if (m.mode === 'muted' && !isMuted(m, now)) delete mutes[p];
    await db.meta.put(mutes, 'mutes');
  });
}

/** The count the title, favicon and app badge show: muted conversations left out. */
export async function countedUnreadQuery(now = Date.now()): Promise<number> {
  const db = currentDb();
  const [convs, mutes] = await db.transaction('r', [db.conversations, db.meta], () =>
    Promise.all([db.conversations.toArray(), getMeta(db, 'mutes')]),
  );
  return convs.reduce((n, c) => n + countedUnread(c, mutes?.[c.peer], now), 0);
}

// Writes for people: profiles (nickname, avatar id), pictures, and the blocklist mirror.
import type { AccountDb } from './schema';
import type { AvatarRow, BlockedRow } from './types';

/** Set what `jid` says of itself; `undefined` leaves a field, '' clears it. */
export async function updateProfile(
  db: AccountDb,
  jid: string,
  change: { nick?: string; avatar?: string },
): Promise<void> {
  await db.transaction('rw', db.profiles, async () => {
    const row = (await db.profiles.get(jid)) ?? { jid };
    const next = { ...row };
    if (change.nick !== undefined) {
      if (change.nick) next.nick = change.nick;
      else delete next.nick;
    }
    if (change.avatar !== undefined) {
      if (change.avatar) next.avatar = change.avatar;
      else delete next.avatar;
    }
    await db.profiles.put(next);
  });
}

export async function putAvatar(db: AccountDb, row: AvatarRow): Promise<void> {
  await db.avatars.put(row);
}

/** The server's blocklist, as fetched on a new session: replaces ours. */
export async function replaceBlocked(db: AccountDb, jids: string[]): Promise<void> {
  const at = Date.now();
  await db.transaction('rw', db.blocked, async () => {
    const before = new Map((await db.blocked.toArray()).map((r) => [r.jid, r]));
    await db.blocked.clear();
    await db.blocked.bulkPut(jids.map((jid): BlockedRow => before.get(jid) ?? { jid, at }));
  });
}

/** A block or unblock push; an unblock of no address is of everyone. */
export async function applyBlockPush(
  db: AccountDb,
  action: 'block' | 'unblock',
  jids: string[],
): Promise<void> {
  if (action === 'block') {
    const at = Date.now();
    await db.blocked.bulkPut(jids.map((jid) => ({ jid, at })));
  } else if (jids.length === 0) {
    await db.blocked.clear();
  } else {
    await db.blocked.bulkDelete(jids);
  }
}

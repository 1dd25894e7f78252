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

/** Our new picture, kept here and queued for publishing (engine/people.ts), in one step. */
export async function queueOwnAvatar(db: AccountDb, row: AvatarRow, account: string) {
  await db.transaction('rw', [db.avatars, db.profiles, db.tasks], async () => {
    await db.avatars.put(row);
    const p = (await db.profiles.get(account)) ?? { jid: account };
    // Shown at once; the engine confirms it once published.
    await db.profiles.put({ ...p, avatar: row.id });
    await db.tasks.add({ kind: 'publishAvatar', id: row.id, createdAt: Date.now() });
  });
}

/** Our new nickname, shown at once and queued for publishing. */
export async function queueOwnNick(db: AccountDb, nick: string, account: string) {
  await db.transaction('rw', [db.profiles, db.tasks], async () => {
    const p = (await db.profiles.get(account)) ?? { jid: account };
    const next = { ...p };
    if (nick) next.nick = nick;
    else delete next.nick;
    await db.profiles.put(next);
    await db.tasks.add({ kind: 'publishNick', nick, createdAt: Date.now() });
  });
}

/** A contact's groups, shown at once; the roster push from the server confirms them. */
export async function queueGroups(db: AccountDb, jid: string, groups: string[]) {
  await db.transaction('rw', [db.contacts, db.tasks], async () => {
    const c = await db.contacts.get(jid);
    if (!c) return;
    await db.contacts.put({ ...c, groups });
    await db.tasks.add({ kind: 'setContactGroups', jid, groups, createdAt: Date.now() });
  });
}

/** A contact's new name, shown at once; the roster push from the server confirms it. */
export async function queueRename(db: AccountDb, jid: string, name: string) {
  await db.transaction('rw', [db.contacts, db.tasks], async () => {
    const c = await db.contacts.get(jid);
    if (!c) return;
    const next = { ...c };
    if (name) next.name = name;
    else delete next.name;
    await db.contacts.put(next);
    await db.tasks.add({ kind: 'renameContact', jid, name, createdAt: Date.now() });
  });
}

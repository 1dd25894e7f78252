// Group chat (XEP-0045) writes: the rooms we are in, their occupants, invitations.

import { newConversation } from './conversations';
import type { AccountDb } from './schema';
import type { Occupant, Room, RoomInvite, Task } from './types';

/** A room's conversation exists from the moment we ask to join, so it shows at once. */
export async function ensureRoomConversation(db: AccountDb, room: string) {
  const old = await db.conversations.get(room);
  if (!old) await db.conversations.put(newConversation(room, 'room', Date.now()));
  // Written to before we knew it for a room (a draft, a chat with its address): now it is one.
  else if (old.kind !== 'room') await db.conversations.update(room, { kind: 'room', mentions: 0 });
}

/**
 * The person asks to join (or create) a room: the room row (status joining), its conversation
 * and the join task, in one transaction. What we knew of the room before (its archive
 * position, name, features) is kept.
 */
export async function requestJoin(db: AccountDb, room: Pick<Room, 'jid' | 'nick'> & Partial<Room>) {
  await db.transaction('rw', [db.rooms, db.conversations, db.tasks, db.invites], async () => {
    const old = await db.rooms.get(room.jid);
    const next: Room = {
      ...old,
      ...room,
      autojoin: room.autojoin ?? true,
      status: 'joining',
    };
    delete next.error;
    delete next.suggestedNick;
    delete next.reason;
    delete next.actor;
    await db.rooms.put(next);
    await ensureRoomConversation(db, room.jid);
    await db.invites.delete(room.jid);
    await db.tasks.add({ kind: 'joinRoom', room: room.jid, createdAt: Date.now() });
  });
}

/** The person leaves: not joined again automatically, the leave task queued. */
export async function requestLeave(db: AccountDb, room: string) {
  await db.transaction('rw', [db.rooms, db.tasks, db.occupants], async () => {
    await db.rooms.update(room, { status: 'left', autojoin: false });
    await db.occupants.where('room').equals(room).delete();
    await db.tasks.add({ kind: 'leaveRoom', room, createdAt: Date.now() });
  });
}

/**
 * Change a room; returns the row as stored. Leaving is the person's own decision, and only
 * their own join (requestJoin) undoes it: a status the engine works out (joining again after
 * an exit, joined, kicked) never replaces 'left'. The person may have left while the engine
 * still thought itself in the room (offline, or while a join was on its way).
 */
export async function updateRoom(
  db: AccountDb,
  jid: string,
  changes: Partial<Room>,
): Promise<Room | undefined> {
  return db.transaction('rw', db.rooms, async () => {
    const old = await db.rooms.get(jid);
    if (!old) return undefined;
    const next: Room = { ...old, ...changes };
    // As Dexie's update does: a change to undefined removes the field.
    for (const [key, value] of Object.entries(changes))
      if (value === undefined) delete next[key as keyof Room];
    if (old.status === 'left') next.status = 'left';
    await db.rooms.put(next);
    return next;
  });
}

/** An occupant's presence: stored, or removed when they left. */
export async function putOccupant(db: AccountDb, o: Occupant) {
  await db.occupants.put(o);
}

/** Many occupant changes in arrival order, in one transaction: a pair [room, nick] = gone. */
export async function applyOccupants(db: AccountDb, changes: Array<Occupant | [string, string]>) {
  // Each room/nick appears once (its newest change), so puts and deletes never collide.
  const puts = changes.filter((c): c is Occupant => !Array.isArray(c));
  const gone = changes.filter((c): c is [string, string] => Array.isArray(c));
  await db.transaction('rw', db.occupants, async () => {
    if (puts.length) await db.occupants.bulkPut(puts);
    if (gone.length) await db.occupants.bulkDelete(gone);
  });
}

export async function removeOccupant(db: AccountDb, room: string, nick: string) {
  await db.occupants.delete([room, nick]);
}

/** A nickname change (status 303): the occupant moves to the new nick in one step. */
export async function renameOccupant(db: AccountDb, room: string, from: string, to: string) {
  await db.transaction('rw', db.occupants, async () => {
    const o = await db.occupants.get([room, from]);
    await db.occupants.delete([room, from]);
    if (o) await db.occupants.put({ ...o, nick: to });
  });
}

/** Everyone in a room is gone from our view (we left, were kicked, or the link dropped). */
export async function clearOccupants(db: AccountDb, room: string) {
  await db.occupants.where('room').equals(room).delete();
}

/**
 * A fresh join: the room's presences are sent anew, so the occupant list starts empty and
 * fills as they arrive.
 */
/** A join goes out: the old occupant list is dropped. False if the person left meanwhile. */
export async function startJoin(db: AccountDb, room: string): Promise<boolean> {
  return db.transaction('rw', db.rooms, db.occupants, async () => {
    const old = await db.rooms.get(room);
    if (!old || old.status === 'left') return false;
    await db.occupants.where('room').equals(room).delete();
    await db.rooms.put({ ...old, status: 'joining' });
    return true;
  });
}

export async function putInvite(db: AccountDb, invite: RoomInvite) {
  await db.transaction('rw', db.invites, db.rooms, async () => {
    // Already in it: nothing to accept.
    if ((await db.rooms.get(invite.room))?.status === 'joined') return;
    await db.invites.put(invite);
  });
}

export async function removeInvite(db: AccountDb, room: string, then?: Task) {
  await db.transaction('rw', db.invites, db.tasks, async () => {
    await db.invites.delete(room);
    if (then) await db.tasks.add({ ...then, createdAt: Date.now() });
  });
}

// People: what the UI reads of profiles, pictures and the blocklist, and the commands that
// rename, block and publish. Everything goes through the mirror: a command writes intent (a
// task row) and shows its effect at once; the engine tells the server.
import {
  type AvatarRow,
  addTask,
  type Contact,
  type Message,
  type PresenceRow,
  type Profile,
  queueGroups,
  queueOwnAvatar,
  queueOwnNick,
  queueRename,
} from '../db';
import { sha1, toHex } from '../shared/sha1';
import {
  changePasswordHere,
  currentAccount,
  currentDb,
  engineCall,
  signIn,
  signOut,
  verifyPassword,
} from './session';

export const MAX_NICK = 64;

function account(): string {
  const a = currentAccount();
  if (!a) throw new Error('not signed in');
  return a;
}
export const MAX_CONTACT_NAME = 256;
/** A group's name, and how many groups one contact can be in. */
export const MAX_GROUP_NAME = 64;
export const MAX_GROUPS = 20;

/** A group name as typed: spaces collapsed, trimmed, capped; '' if nothing is left. */
export function cleanGroupName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, MAX_GROUP_NAME).trim();
}

/** The name to show for someone: ours for them, then theirs (XEP-0172), then the address. */
export function personName(jid: string, contact?: { name?: string }, nick?: string): string {
  return contact?.name?.trim() || nick?.trim() || jid.split('@')[0] || jid;
}

/** Someone's picture (null: none, or not fetched yet) and the nickname they gave themselves. */
export interface PersonLook {
  nick?: string;
  picture: Blob | null;
  /** The picture's id (its SHA-1): the same id is the same picture. */
  pictureId?: string;
}

/**
 * Everyone's look at once, by bare JID (only those with a nickname or a picture): what the
 * pictures on screen read, in one read however many of them there are.
 */
export async function looksQuery(): Promise<Map<string, PersonLook>> {
  const db = currentDb();
  return db.transaction('r', [db.profiles, db.avatars], async () => {
    const profiles = await db.profiles.toArray();
    const ids = [...new Set(profiles.flatMap((p) => (p.avatar ? [p.avatar] : [])))];
    const rows = ids.length ? await db.avatars.bulkGet(ids) : [];
    const blobs = new Map(rows.flatMap((a) => (a ? [[a.id, a.blob] as const] : [])));
    return new Map(profiles.map((p) => [p.jid, lookOf(p, p.avatar && blobs.get(p.avatar))]));
  });
}

/** A profile as it is shown, with its picture's bytes when they have been fetched. */
function lookOf(profile: Profile | undefined, picture: Blob | undefined | ''): PersonLook {
  return {
    ...(profile?.nick ? { nick: profile.nick } : {}),
    picture: picture || null,
    ...(picture && profile?.avatar ? { pictureId: profile.avatar } : {}),
  };
}

export async function personLookQuery(jid: string): Promise<PersonLook> {
  const db = currentDb();
  const profile = await db.profiles.get(jid);
  const row = profile?.avatar ? await db.avatars.get(profile.avatar) : undefined;
  return lookOf(profile, row?.blob);
}

/** Nicknames by bare JID, for lists that show many people. */
export async function nicknames(jids: readonly string[]): Promise<Map<string, string>> {
  const rows = await currentDb().profiles.bulkGet([...jids]);
  return new Map(rows.flatMap((p) => (p?.nick ? [[p.jid, p.nick] as const] : [])));
}

export interface OwnProfile {
  account: string;
  nick: string;
  picture: Blob | null;
}

export async function ownProfileQuery(): Promise<OwnProfile> {
  const me = account();
  const look = await personLookQuery(me);
  return { account: me, nick: look.nick ?? '', picture: look.picture };
}

export interface ContactDetails {
  contact: Contact | null;
  nick?: string;
  blocked: boolean;
  /** The devices (resources) online now, best first. */
  devices: PresenceRow[];
}

export async function contactDetailsQuery(jid: string): Promise<ContactDetails> {
  const db = currentDb();
  const [contact, profile, blocked, devices] = await Promise.all([
    db.contacts.get(jid),
    db.profiles.get(jid),
    db.blocked.get(jid),
    db.presences.where('jid').equals(jid).toArray(),
  ]);
  return {
    contact: contact ?? null,
    ...(profile?.nick ? { nick: profile.nick } : {}),
    blocked: Boolean(blocked),
    devices: devices.sort(
      (a, b) => b.priority - a.priority || a.resource.localeCompare(b.resource),
    ),
  };
}

export interface SharedWith {
  /** The newest pictures and videos of the chat with them, newest first. */
  media: Message[];
  /** The newest other files (documents), newest first. */
  files: Message[];
  /** Rooms where they are now beside us (a room that shows real addresses), by name. */
  rooms: Array<{ jid: string; name: string }>;
}

/**
 * What the person shares with a contact: the chat's pictures, videos and files (those still
 * there: not deleted, not still uploading), and the rooms both are in. Read from the mirror.
 */
export function sharedWithQuery(jid: string, limit = 12) {
  const db = currentDb();
  return async (): Promise<SharedWith> => {
    const [withFiles, occupants] = await Promise.all([
      db.messages
        .where('[peer+at]')
        .between([jid, -Infinity], [jid, Infinity])
        .reverse()
        .filter(
          (m) =>
            !!m.file?.url &&
            !m.retracted &&
            !m.hidden &&
            m.file.kind !== 'audio' &&
            m.file.kind !== 'voice',
        )
        .limit(limit * 4)
        .toArray(),
      db.occupants.filter((o) => o.jid === jid).toArray(),
    ]);
    const visual = (m: Message) => m.file?.kind === 'image' || m.file?.kind === 'video';
    const roomJids = [...new Set(occupants.map((o) => o.room))];
    const rooms = (await db.rooms.bulkGet(roomJids)).flatMap((r) =>
      r && r.status === 'joined' ? [{ jid: r.jid, name: r.name?.trim() || r.jid }] : [],
    );
    return {
      media: withFiles.filter(visual).slice(0, limit),
      files: withFiles.filter((m) => !visual(m)).slice(0, limit),
      rooms: rooms.sort((a, b) => a.name.localeCompare(b.name)),
    };
  };
}

export async function blockedQuery(): Promise<Array<{ jid: string; at: number }>> {
  return (await currentDb().blocked.toArray()).sort((a, b) => a.jid.localeCompare(b.jid));
}

export async function isBlockedQuery(jid: string): Promise<boolean> {
  return Boolean(await currentDb().blocked.get(jid));
}

/** Put a contact in these groups (and out of any other); the contact list files it there. */
export async function setContactGroups(jid: string, groups: readonly string[]): Promise<void> {
  const clean = [...new Set(groups.map(cleanGroupName).filter(Boolean))].slice(0, MAX_GROUPS);
  await queueGroups(currentDb(), jid, clean);
}

/** Every group name in use in the roster, in the person's language's order. */
export async function groupNamesQuery(): Promise<string[]> {
  const names = new Set<string>();
  await currentDb().contacts.each((c) => {
    for (const g of c.groups) names.add(g);
  });
  return [...names].sort((a, b) => a.localeCompare(b));
}

export async function renameContact(jid: string, name: string): Promise<void> {
  await queueRename(currentDb(), jid, name.trim().slice(0, MAX_CONTACT_NAME));
}

/** Block an address; with `report`, also report it to our server's operator (XEP-0377). */
export async function blockAddress(jid: string, report?: 'spam'): Promise<void> {
  await addTask(currentDb(), { kind: 'block', jid, ...(report ? { report } : {}) });
}

export async function unblockAddress(jid: string): Promise<void> {
  await addTask(currentDb(), { kind: 'unblock', jid });
}

export async function setNickname(nick: string): Promise<void> {
  const one = nick.replace(/\s+/g, ' ').trim().slice(0, MAX_NICK);
  await queueOwnNick(currentDb(), one, account());
}

/** Our new picture: already cropped and encoded (ui/lib/avatarImage.ts). */
export async function setAvatar(picture: {
  bytes: Uint8Array;
  type: AvatarRow['type'];
  width: number;
  height: number;
}): Promise<void> {
  const id = toHex(sha1(picture.bytes));
  const blob = new Blob([picture.bytes as Uint8Array<ArrayBuffer>], { type: picture.type });
  const row: AvatarRow = {
    id,
    blob,
    type: picture.type,
    width: picture.width,
    height: picture.height,
  };
  await queueOwnAvatar(currentDb(), row, account());
}

/**
 * Change the account's password (XEP-0077). Unlike the commands above this waits for the
 * server: the person must know whether the new password took.
 */
export async function changePassword(current: string, password: string): Promise<void> {
  if (!password) throw new Error('empty password');
  await changePasswordHere(current, password);
  // The kept sign-in (SCRAM keys, and the session's own for reconnecting) fit the old password:
  // sign in again with the new one, which keeps this device signed in as it chose before.
  await signIn(account(), password);
}

/**
 * Delete the account on its server (XEP-0077) for good: the password typed is checked in this
 * tab first (a passer-by at an unlocked screen cannot do it), the server removes the account,
 * and every tab of this browser signs out and forgets it. Rejects with the reason (a wrong
 * password: ConnectError 'auth'; the server's refusal) and then nothing has changed.
 */
export async function deleteAccount(password: string): Promise<void> {
  await verifyPassword(password);
  await engineCall('deleteAccount');
  await signOut({ forget: true });
}

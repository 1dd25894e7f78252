// Group chat for the UI: commands that record intent (the engine joins, sends, moderates)
// and read functions over the mirror for live queries.
import { useQuery } from '@tanstack/solid-query';
import {
  addTask,
  type MucAffiliation,
  type MucRole,
  type Occupant,
  type Room,
  type RoomConfig,
  type RoomInvite,
  removeInvite,
  requestJoin,
  requestLeave,
} from '../db';
import { CommandError, normalizeAddress, sendMessage } from './commands';
import { queryClient } from './queryClient';
import { currentAccount, currentDb, engineCall } from './session';

export type { MucAffiliation, MucRole, Occupant, Room, RoomConfig, RoomInvite };

const MAX_NICK = 64;

function cleanNick(nick: string): string {
  const n = nick.trim().replace(/\s+/g, ' ');
  if (!n) throw new CommandError('empty');
  if (n.length > MAX_NICK) throw new CommandError('too-long');
  return n;
}

/** The nickname offered by default: the local part of the account's address. */
export function defaultNick(): string {
  return currentAccount()?.split('@')[0] ?? '';
}

/** A room's name for people: its configured name, else the local part of its address. */
export function roomDisplayName(room: { name?: string } | undefined, jid: string): string {
  return room?.name?.trim() || jid.split('@')[0] || jid;
}

/** A private conversation's peer (room/nick) split in two; null for any other peer. */
export function splitPrivate(peer: string): { room: string; nick: string } | null {
  const i = peer.indexOf('/');
  if (i <= 0 || i === peer.length - 1) return null;
  return { room: peer.slice(0, i), nick: peer.slice(i + 1) };
}

/**
 * The room and nick of a private conversation with someone in a room, as the conversation's
 * stored kind says (db/kind.ts decides it once); null for any other kind, whatever the address.
 */
export function privateOf(
  kind: 'contact' | 'room' | 'private' | undefined,
  peer: string,
): { room: string; nick: string } | null {
  return kind === 'private' ? splitPrivate(peer) : null;
}

/**
 * A room address: `room@service`, or a bare name on the server's group-chat service.
 * Throws CommandError('bad-address').
 */
export function roomAddress(input: string, service: string | undefined): string {
  const a = input
    .trim()
    .replace(/^xmpp:/i, '')
    .replace(/\?join$/i, '');
  if (a.includes('@')) return normalizeAddress(a);
  if (!service) throw new CommandError('bad-address');
  return normalizeAddress(`${a}@${service}`);
}

/** Join a room with a nickname (and its password, if it has one). */
export async function joinRoom(room: string, nick: string, password?: string) {
  const pw = password?.trim();
  await requestJoin(currentDb(), {
    jid: room.toLowerCase(),
    nick: cleanNick(nick),
    autojoin: true,
    ...(pw ? { password: pw } : {}),
  });
}

/** Create a room: joined like any other, configured by the engine once the server made it. */
export async function createRoom(room: string, nick: string, config: RoomConfig) {
  await requestJoin(currentDb(), {
    jid: room.toLowerCase(),
    nick: cleanNick(nick),
    autojoin: true,
    create: config,
    ...(config.name?.trim() ? { name: config.name.trim() } : {}),
    ...(config.password ? { password: config.password } : {}),
  });
}

export async function leaveRoom(room: string) {
  await requestLeave(currentDb(), room);
}

/** Invite contacts (XEP-0249 direct invitations, and mediated through the room). */
export async function inviteToRoom(room: string, jids: string[], reason?: string) {
  const db = currentDb();
  for (const to of jids) {
    await addTask(db, { kind: 'roomInvite', room, to, ...(reason?.trim() ? { reason } : {}) });
  }
}

export async function acceptInvite(invite: RoomInvite, nick: string) {
  await joinRoom(invite.room, nick, invite.password);
}

export async function declineInvite(invite: RoomInvite) {
  await removeInvite(currentDb(), invite.room, {
    kind: 'declineInvite',
    room: invite.room,
    to: invite.from,
  });
}

export async function setRoomSubject(room: string, subject: string) {
  await addTask(currentDb(), { kind: 'setSubject', room, subject: subject.slice(0, 1000) });
}

export async function changeNick(room: string, nick: string) {
  await addTask(currentDb(), { kind: 'changeNick', room, nick: cleanNick(nick) });
}

/** Kick (role none), grant voice (participant) or revoke it (visitor). */
export async function setRole(room: string, nick: string, role: MucRole, reason?: string) {
  await addTask(currentDb(), {
    kind: 'setRole',
    room,
    nick,
    role,
    ...(reason?.trim() ? { reason: reason.trim() } : {}),
  });
}

/** Ban: needs the occupant's real address, which moderators see. */
export async function banFromRoom(room: string, jid: string, reason?: string) {
  await addTask(currentDb(), {
    kind: 'setAffiliation',
    room,
    jid,
    affiliation: 'outcast',
    ...(reason?.trim() ? { reason: reason.trim() } : {}),
  });
}

/** A private message to one occupant: its own conversation, never a contact's. */
export async function sendPrivate(room: string, nick: string, body: string) {
  return sendMessage(`${room}/${nick}`, body);
}

// Reads for live queries.

export function roomQuery(jid: string) {
  const db = currentDb();
  return () => db.rooms.get(jid);
}

export function roomsQuery() {
  const db = currentDb();
  return () => db.rooms.toArray();
}

/** The addresses of every room we have a row for: tells a room's conversation from a chat. */
export function roomJidsQuery() {
  const db = currentDb();
  return () => db.rooms.toCollection().primaryKeys();
}

/** One occupant (a private conversation's peer), or undefined when not in the room. */
export function occupantQuery(room: string, nick: string) {
  const db = currentDb();
  return () => db.occupants.get([room, nick]);
}

const ROLE_RANK: Record<MucRole, number> = { moderator: 0, participant: 1, visitor: 2, none: 3 };

/** A room's occupants: moderators first, then by nickname. */
export function occupantsQuery(room: string) {
  const db = currentDb();
  return async () => {
    const list = await db.occupants.where('room').equals(room).toArray();
    return list.sort(
      (a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role] || a.nick.localeCompare(b.nick),
    );
  };
}

/** An invitation as people read it: the room's name and who invites, by their names. */
export interface InviteView extends RoomInvite {
  roomLabel: string;
  inviterName: string;
}

export function invitesQuery() {
  const db = currentDb();
  return async (): Promise<InviteView[]> => {
    const invites = await db.invites.orderBy('room').toArray();
    const inviters = await db.contacts.bulkGet(invites.map((i) => i.from));
    return invites.map((inv, i) => ({
      ...inv,
      roomLabel: roomDisplayName({ name: inv.roomName }, inv.room),
      // A contact by the name we gave them, else (a room member we do not know) the local part.
      inviterName: inviters[i]?.name?.trim() || inv.from.split('@')[0] || inv.from,
    }));
  };
}

// Request/response reads (disco), through the engine.

/** The server's group-chat service (disco), e.g. conference.example.com; null when none. */
export function useMucService() {
  return useQuery(
    () => ({
      queryKey: ['mucService', currentAccount()],
      queryFn: () => engineCall('mucService'),
      enabled: currentAccount() !== null,
    }),
    () => queryClient,
  );
}

/** The public rooms on a group-chat service (disco#items), with names. */
export function useRoomDirectory(service: () => string | null | undefined) {
  return useQuery(
    () => ({
      queryKey: ['rooms', currentAccount(), service()],
      queryFn: () => engineCall('roomDirectory', service() ?? ''),
      enabled: currentAccount() !== null && Boolean(service()),
      staleTime: 60_000,
    }),
    () => queryClient,
  );
}

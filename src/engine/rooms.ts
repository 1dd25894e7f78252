// Group chat (XEP-0045) in the engine: this factory joins, rejoins and leaves rooms, and
// composes the parts that do the rest, one concern each: the rooms we know (roomState),
// presences and exits (roomPresences), messages (roomMessages), invitations (roomInvites),
// bookmarks (roomBookmarks), self-ping (roomSelfPing). A room's archive is read by the one
// archive service (archive.ts), which asks for it through catchUp.
//
// Trust: a room's messages and presences count only from a room in our rooms table (see
// xmpp/incoming.ts); group messages only from the room's own address; a private message from
// an occupant is filed under `room/nick`, never under a contact.
import { clearOccupants, getOwnPresence, type Room, startJoin } from '../db';
import {
  buildConfigRequest,
  buildConfigSubmit,
  buildInstantRoom,
  buildJoin,
  buildLeave,
  buildModerateRequest,
  buildNickChange,
  buildOccupantPresence,
  buildSetAffiliation,
  buildSetRole,
  buildSubject,
  parseConfigForm,
  suggestNick,
} from '../xmpp';
import type { EngineContext } from './context';
import { createRoomBookmarks } from './roomBookmarks';
import { discoRoom, featuresOf } from './roomDisco';
import { createRoomInvites } from './roomInvites';
import { createRoomMessages } from './roomMessages';
import { roomPresence } from './roomPresence';
import { createRoomPresences } from './roomPresences';
import { createRoomSelfPing } from './roomSelfPing';
import { createRoomState } from './roomState';

export { discoverMucService, roomDirectory } from './roomDisco';

const JOIN_TIMEOUT_MS = 30_000;

export function createRooms(
  ctx: EngineContext,
  hooks: {
    /** A room was joined: what waited for it (the outbox) may go. */
    joined?: () => void;
    /** Read what the room said while we were away, from its archive. */
    catchUp(jid: string): Promise<void>;
  },
) {
  const { db, session } = ctx;
  const state = createRoomState(ctx);
  const { known } = state;
  const bookmarks = createRoomBookmarks(ctx, state);
  const publishBookmark = (room: Room) =>
    bookmarks.publish(room).catch((err) => ctx.log('bookmark not saved', err));
  const presences = createRoomPresences(ctx, state, { join, publishBookmark });
  const messages = createRoomMessages(ctx, state, { flushOccupants: presences.flushOccupants });
  const invites = createRoomInvites(ctx, state);
  const selfPing = createRoomSelfPing(ctx, state, { join });

  const inFlight = new Map<string, Promise<void>>();
  /** Join (or create) a room and catch up; one join per room at a time. */
  function join(jid: string): Promise<void> {
    const running = inFlight.get(jid);
    if (running) return running;
    const p = joinOnce(jid).finally(() => inFlight.delete(jid));
    inFlight.set(jid, p);
    return p;
  }

  async function joinOnce(jid: string) {
    await state.ready;
    await messages.flushLast();
    const room = await db.rooms.get(jid);
    if (!room || room.status === 'left') return;
    known.set(jid, room);
    const info = await discoRoom(ctx, jid);
    if (info) {
      const changes: Partial<Room> = { features: featuresOf(info) };
      if (info.name && !room.name) changes.name = info.name;
      changes.description = info.description;
      await state.setRoom(jid, changes);
    }
    await presences.flushOccupants();
    if (!(await startJoin(db, jid))) {
      known.set(jid, { ...room, status: 'left' });
      return;
    }
    const withArchive = known.get(jid)?.features?.mam ?? false;
    const answer = presences.awaitJoin(jid, JOIN_TIMEOUT_MS);
    messages.archiveUnread(jid);
    // With the room's archive, no join history: the archive has it, without duplicates.
    await session.send(
      buildJoin({
        room: jid,
        nick: room.nick,
        history: withArchive || !info ? 'none' : { maxstanzas: 20 },
        ...(room.password ? { password: room.password } : {}),
        ...roomPresence(await getOwnPresence(db)),
      }),
    );
    const p = await answer;
    if (!p) {
      await state.setRoom(jid, { status: 'error', error: 'remote-server-timeout' });
      return;
    }
    if (p.type === 'error') {
      const condition = p.error?.condition ?? 'error';
      const changes: Partial<Room> = { status: 'error', error: condition };
      if (condition === 'conflict') {
        const taken = new Set(
          (await db.occupants.where('room').equals(jid).toArray()).map((o) => o.nick),
        );
        changes.suggestedNick = suggestNick(room.nick, taken);
      }
      await state.setRoom(jid, changes);
      return;
    }
    if (p.created || room.create) await configure(jid, room);
    await state.setRoom(jid, {
      status: 'joined',
      role: p.role,
      affiliation: p.affiliation,
      create: undefined,
    });
    // The person left while the join was on its way: their leave task takes us out again.
    if (known.get(jid)?.status !== 'joined') return;
    hooks.joined?.();
    await publishBookmark({ ...room, autojoin: true });
    // The archive may have been switched on by the configuration just submitted.
    if (p.created) {
      const after = await discoRoom(ctx, jid);
      if (after)
        await state.setRoom(jid, { features: featuresOf(after), description: after.description });
    }
    await hooks.catchUp(jid).catch((err) => ctx.log('room archive catch-up failed', err));
  }

  /** A room we just created: configured as asked, or accepted as it is (instant room). */
  async function configure(jid: string, room: Room) {
    if (!room.create) {
      await session.request(buildInstantRoom(jid));
      return;
    }
    const form = parseConfigForm(await session.request(buildConfigRequest(jid)));
    if (!form) {
      await session.request(buildInstantRoom(jid));
      return;
    }
    const c = room.create;
    await session.request(
      buildConfigSubmit(jid, form, {
        ...(c.name ? { name: c.name } : {}),
        ...(c.description ? { description: c.description } : {}),
        persistent: c.persistent,
        membersOnly: c.membersOnly,
        password: c.password ?? '',
        allowInvites: c.allowInvites,
        archive: c.archive,
        public: c.public,
        ...(c.nonAnonymous ? { whois: 'anyone' as const } : {}),
      }),
    );
  }

  async function leave(jid: string) {
    presences.leaving(jid);
    const room = known.get(jid) ?? (await db.rooms.get(jid));
    if (!room) return;
    // Marked left before asking, so the room's answer reads as the exit we asked for.
    known.set(jid, { ...room, status: 'left', autojoin: false });
    await state.failWaiting(jid);
    await session.send(buildLeave(jid, room.nick));
    await clearOccupants(db, jid);
    await publishBookmark({ ...room, autojoin: false });
  }

  /** A new session: every room we mean to be in is joined again. */
  async function rejoinAll() {
    await state.ready;
    await bookmarks.fetch().catch((err) => ctx.log('bookmarks not read', err));
    const rooms = await db.rooms.toArray();
    await Promise.all(
      rooms
        .filter(
          (r) =>
            r.autojoin && r.status !== 'left' && r.status !== 'kicked' && r.status !== 'banned',
        )
        .map((r) => join(r.jid).catch((err) => ctx.log('rejoin failed', err))),
    );
  }

  /** Our show and status changed: every room we are in is told (XEP-0045 §7.7). */
  async function sendPresence() {
    const presence = roomPresence(await getOwnPresence(db));
    for (const room of known.values()) {
      // A room we are going back into gets our presence with the join.
      if (room.status !== 'joined' || presences.isReentering(room.jid)) continue;
      await session.send(buildOccupantPresence(room.jid, room.nick, presence));
    }
  }

  return {
    ready: state.ready,
    isRoom: state.isRoom,
    /** We are an occupant now (joined, not joining again after a new session or a reload). */
    isJoined: (jid: string): boolean => known.get(jid)?.status === 'joined',
    /** What the archive service needs to read a room's archive. */
    archive: {
      get: (jid: string) => known.get(jid),
      rowOf: messages.archivedRow,
      actOf: messages.archivedAct,
      setPosition: (jid: string, id: string | undefined) => state.setRoom(jid, { mamLastId: id }),
      flushPositions: messages.flushLast,
      archiveRead: messages.archiveRead,
    },
    handlePresence: presences.handlePresence,
    handleGroupchat: messages.handleGroupchat,
    handlePrivate: messages.handlePrivate,
    handleError: messages.handleError,
    handleInvitation: invites.handleInvitation,
    join,
    leave,
    invite: invites.invite,
    declineInvite: invites.declineInvite,
    expectExit: presences.expectExit,
    sendPresence,
    // Moderation (XEP-0045 §8-10): the room enforces who may; we only ask.
    setSubject: (room: string, subject: string) => session.send(buildSubject(room, subject)),
    changeNick: async (room: string, nick: string) => {
      await session.send(buildNickChange(room, nick, roomPresence(await getOwnPresence(db))));
    },
    setRole: (
      room: string,
      nick: string,
      role: Parameters<typeof buildSetRole>[2],
      reason?: string,
    ) => session.request(buildSetRole(room, nick, role, reason)),
    moderate: (room: string, id: string, reason?: string) =>
      session.request(buildModerateRequest(room, id, reason)),
    setAffiliation: (
      room: string,
      jid: string,
      affiliation: Parameters<typeof buildSetAffiliation>[2],
      reason?: string,
    ) => session.request(buildSetAffiliation(room, jid, affiliation, reason)),
    /**
     * A new session is in no room yet. A room the last session (or the last page, for the
     * leader of a new page) left 'joined' is 'joining' until it is joined again, so the outbox
     * holds its messages instead of sending them into a room that answers "not in this room".
     */
    async beforeSession() {
      await state.ready;
      for (const r of await db.rooms.toArray())
        if (r.status === 'joined') await state.setRoom(r.jid, { status: 'joining' });
    },
    async onSession(resumed: boolean) {
      selfPing.start(resumed);
      if (resumed) return;
      presences.newSession();
      await rejoinAll();
    },
    offline() {
      void messages.flushLast();
      presences.offline();
    },
    stop() {
      selfPing.stop();
      presences.stop();
      void messages.flushLast();
    },
  };
}

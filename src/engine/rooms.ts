// Group chat (XEP-0045) in the engine: joining and rejoining rooms, occupants, room messages
// with their archive (XEP-0313 on the room), invitations, moderation, bookmarks (XEP-0402)
// and self-ping (XEP-0410).
//
// Trust: a room's messages and presences count only from a room in our rooms table; group
// messages only from the room's own address; a private message from an occupant is filed
// under `room/nick`, never under a contact.
import {
  advanceMessage,
  applyOccupants,
  clearOccupants,
  conversationMessages,
  getOwnPresence,
  type Message,
  type Occupant,
  putInvite,
  putOccupant,
  type Room,
  removeOccupant,
  renameOccupant,
  setMeta,
  startJoin,
  storeArchivePage,
  storeIncoming,
  updateRoom,
} from '../db';
import {
  bareJid,
  buildConfigRequest,
  buildConfigSubmit,
  buildDirectInvite,
  buildDiscoInfo,
  buildDiscoItems,
  buildInstantRoom,
  buildJoin,
  buildLeave,
  buildMamQuery,
  buildMediatedDecline,
  buildMediatedInvite,
  buildNickChange,
  buildOccupantPresence,
  buildSelfPing,
  buildSetAffiliation,
  buildSetRole,
  buildSubject,
  type ChatMessage,
  classifySelfPing,
  findMentions,
  type MucPresence,
  parseConfigForm,
  parseDirectInvite,
  parseDiscoInfo,
  parseDiscoItems,
  parseMamFin,
  parseMamResult,
  parseMediatedInvite,
  parseOccupantId,
  parseSubject,
  resourceOf,
  roomInfo,
  suggestNick,
  type XmlElement,
} from '../xmpp';
import { XmppRequestError } from '../xmpp/session';
import { createBookmarkStore } from './bookmarks';
import type { EngineContext } from './context';
import { hasBody, toRow } from './messages';
import { classifySelfExit, createRejoiner } from './roomExits';
import { roomPresence } from './roomPresence';

const JOIN_TIMEOUT_MS = 30_000;
const SELF_PING_MS = 5 * 60_000;
const ROOM_PAGE = 100;
/** On a first join, how much of the room's archive to show. */
const FIRST_JOIN_PAGE = 50;

/** The first item of the server that is a text conference service. */
export async function discoverMucService(ctx: EngineContext): Promise<string | null> {
  const { session } = ctx;
  const domain = bareJid(session.jid).split('@')[1] ?? '';
  const items = parseDiscoItems(await session.request(buildDiscoItems(domain))) ?? [];
  for (const item of items) {
    if (item.node) continue;
    const info = parseDiscoInfo(await session.request(buildDiscoInfo(item.jid)).catch(() => null));
    if (
      info?.identities.some((i) => i.category === 'conference' && i.type === 'text') &&
      info.features.includes('http://jabber.org/protocol/muc')
    )
      return item.jid;
  }
  return null;
}

/** The rooms a service lists (public ones), sorted by name. */
export async function roomDirectory(
  ctx: EngineContext,
  service: string,
): Promise<Array<{ jid: string; name?: string }>> {
  const items = parseDiscoItems(await ctx.session.request(buildDiscoItems(service))) ?? [];
  return items
    .filter((i) => !i.node && i.jid.includes('@'))
    .map((i) =>
      i.name ? { jid: i.jid.toLowerCase(), name: i.name } : { jid: i.jid.toLowerCase() },
    )
    .sort((a, b) => (a.name ?? a.jid).localeCompare(b.name ?? b.jid));
}

interface Joining {
  resolve: (p: MucPresence) => void;
}

export function createRooms(ctx: EngineContext, hooks: { joined?: () => void } = {}) {
  const { db, session, account } = ctx;
  /** Rooms we know, by JID: kept in memory so stanza routing needs no database read. */
  const known = new Map<string, Room>();
  /** Our own occupant id per room (XEP-0421), to recognise our reflected messages. */
  const ownOccupantId = new Map<string, string>();
  const joining = new Map<string, Joining>();
  const archivePages = new Map<string, { room: string; rows: Message[] }>();
  /**
   * Rooms the server is about to take us out of: going invisible sends an unavailable
   * broadcast, which the server also passes to every room we sent presence to (RFC 6121
   * §4.6.3), and a room takes that as leaving. We go straight back in (see expectExit).
   */
  const reentering = new Set<string>();
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  /** Rooms whose join was answered with our self-presence in this session. */
  const present = new Set<string>();
  const rejoiner = createRejoiner((jid) => {
    if (known.get(jid)?.status === 'joining')
      void join(jid).catch((err) => ctx.log('rejoin failed', err));
  });

  async function refresh() {
    known.clear();
    for (const r of await db.rooms.toArray()) known.set(r.jid, r);
  }
  const ready = refresh();

  function isRoom(jid: string): boolean {
    return known.has(jid);
  }

  async function setRoom(jid: string, changes: Partial<Room>) {
    await updateRoom(db, jid, changes);
    const r = known.get(jid);
    if (r) known.set(jid, { ...r, ...changes });
  }

  // Presences

  function occupantOf(room: Room, p: MucPresence): Occupant {
    return {
      room: p.room,
      nick: p.nick,
      role: p.role,
      affiliation: p.affiliation,
      show: p.show,
      ...(p.jid ? { jid: bareJid(p.jid) } : {}),
      ...(p.status ? { status: p.status } : {}),
      ...(p.occupantId && room.features?.occupantId ? { occupantId: p.occupantId } : {}),
    };
  }

  /** Occupant changes not yet written: the newest per room and nick; a pair = gone. */
  const occupantBuffer = new Map<string, Occupant | [string, string]>();
  let occupantTimer: ReturnType<typeof setTimeout> | undefined;
  function bufferOccupant(o: Occupant | [string, string]) {
    const key = Array.isArray(o) ? `${o[0]}/${o[1]}` : `${o.room}/${o.nick}`;
    occupantBuffer.delete(key); // keep arrival order
    occupantBuffer.set(key, o);
    occupantTimer ??= setTimeout(() => void flushOccupants(), 50);
  }
  async function flushOccupants() {
    clearTimeout(occupantTimer);
    occupantTimer = undefined;
    if (occupantBuffer.size === 0) return;
    const batch = [...occupantBuffer.values()];
    occupantBuffer.clear();
    await applyOccupants(db, batch).catch((err) => ctx.log('occupants not stored', err));
  }

  async function handlePresence(p: MucPresence) {
    const room = known.get(p.room);
    if (!room) return;
    const wait = joining.get(p.room);
    if (p.type === 'error') {
      if (wait && room.status === 'joining') {
        joining.delete(p.room);
        wait.resolve(p);
        return;
      }
      // A refused nickname change while joined.
      if (p.error?.condition === 'conflict' && room.status === 'joined') {
        await setMeta(db, 'lastTaskError', {
          kind: 'changeNick',
          error: 'conflict',
          at: Date.now(),
        });
      }
      return;
    }
    const self = p.self || (p.occupantId && p.occupantId === ownOccupantId.get(p.room));
    // Someone else coming or going: written with the others in one transaction (a join into
    // a room of a thousand is a thousand presences in a row).
    if (!self && !p.newNick) {
      bufferOccupant(p.type === 'unavailable' ? [p.room, p.nick] : occupantOf(room, p));
      return;
    }
    await flushOccupants();
    if (p.type === 'unavailable') {
      if (p.newNick) {
        await renameOccupant(db, p.room, p.nick, p.newNick);
        if (self) await setRoom(p.room, { nick: p.newNick });
        return;
      }
      const exit = classifySelfExit(p, {
        present: present.has(p.room),
        leaving: room.status === 'left',
      });
      if (exit === 'stale') {
        ctx.log('room exit from before our join ignored', p.room);
        return;
      }
      present.delete(p.room);
      const invisible = reentering.delete(p.room);
      if (exit === 'unasked' && invisible) {
        // Our invisible presence took us out, not the person: back in at once, as they left it.
        void join(p.room).catch((err) => ctx.log('rejoin failed', err));
        return;
      }
      if (exit === 'unasked') {
        ctx.log('out of the room without asking, joining again', p.room);
        await clearOccupants(db, p.room);
        await setRoom(p.room, { status: 'joining' });
        rejoiner.exited(p.room);
        return;
      }
      await removeOccupant(db, p.room, p.nick);
      // We are out: kicked, banned, removed, or the room is gone.
      const status: Room['status'] = p.banned
        ? 'banned'
        : p.kicked || p.removedAffiliation || p.removedMembersOnly
          ? 'kicked'
          : p.destroy
            ? 'destroyed'
            : room.status === 'left'
              ? 'left'
              : 'left';
      const changes: Partial<Room> = { status };
      const reason = p.reason ?? p.destroy?.reason;
      if (reason) changes.reason = reason;
      if (p.actor) changes.actor = p.actor;
      if (status !== 'left') changes.autojoin = false;
      await clearOccupants(db, p.room);
      await setRoom(p.room, changes);
      if (status !== 'left') await publishBookmark({ ...room, ...changes, autojoin: false });
      return;
    }
    await putOccupant(db, occupantOf(room, p));
    if (self) {
      present.add(p.room);
      if (p.occupantId) ownOccupantId.set(p.room, p.occupantId);
      if (wait) {
        joining.delete(p.room);
        wait.resolve(p);
      } else await setRoom(p.room, { role: p.role, affiliation: p.affiliation });
    }
  }

  // Messages

  /** A room's message, subject, invitation or private message. True when handled here. */
  async function handleMessage(msg: ChatMessage, el: XmlElement): Promise<boolean> {
    const fromBare = bareJid(msg.from);
    const mediated = parseMediatedInvite(el);
    if (mediated) {
      await putInvite(db, {
        room: mediated.room,
        from: bareJid(mediated.from),
        at: Date.now(),
        ...(mediated.reason ? { reason: mediated.reason } : {}),
        ...(mediated.password ? { password: mediated.password } : {}),
      });
      void describeInvite(mediated.room);
      return true;
    }
    const direct = parseDirectInvite(el);
    if (direct) {
      // Direct invitations only from people in our roster: anyone else's are spam.
      if (await db.contacts.get(fromBare)) {
        await putInvite(db, {
          room: direct.room,
          from: fromBare,
          at: Date.now(),
          ...(direct.reason ? { reason: direct.reason } : {}),
          ...(direct.password ? { password: direct.password } : {}),
        });
        void describeInvite(direct.room);
      } else ctx.log('invitation from a stranger dropped', fromBare);
      return true;
    }
    const room = known.get(fromBare);
    if (!room) return false;
    const nick = resourceOf(msg.from);
    if (msg.type === 'error') {
      if (msg.id)
        await advanceMessage(db, msg.id, 'failed', { error: msg.error?.condition ?? 'error' });
      if (!msg.id || !(await db.messages.get(msg.id)))
        await setMeta(db, 'lastTaskError', {
          kind: 'room',
          error: msg.error?.text ?? msg.error?.condition ?? 'error',
          at: Date.now(),
        });
      return true;
    }
    if (msg.type === 'groupchat') {
      const subject = parseSubject(el);
      if (subject) {
        await setRoom(room.jid, { subject: subject.subject });
        return true;
      }
      if (!nick || !hasBody(msg)) return true; // the room's own notices, chat states
      await storeRoomMessage(room, msg, nick, parseOccupantId(el));
      return true;
    }
    // A private message from an occupant (chat, or normal with a body).
    if (nick && hasBody(msg)) {
      const row = toRow(
        msg,
        `${room.jid}/${nick}`,
        'in',
        account,
        msg.delay?.stamp.getTime() ?? Date.now(),
      );
      await storeIncoming(db, row);
    }
    return true;
  }

  function isOurs(room: Room, nick: string, occupantId?: string): boolean {
    const own = ownOccupantId.get(room.jid);
    if (room.features?.occupantId && own && occupantId) return occupantId === own;
    return nick === room.nick;
  }

  function roomRow(
    room: Room,
    msg: ChatMessage,
    nick: string,
    at: number,
    occupantId?: string,
  ): Message {
    const ours = isOurs(room, nick, occupantId);
    const row = toRow(msg, room.jid, ours ? 'out' : 'in', room.jid, at);
    row.nick = nick;
    if (occupantId && room.features?.occupantId) row.occupantId = occupantId;
    if (ours) row.state = 'delivered';
    else if (findMentions(row.body, room.nick).length > 0) row.mention = true;
    // The room's own stanza-id (by = the room) is the one its archive pages by.
    const sid = msg.stanzaIds.find((s) => s.by === room.jid)?.id;
    if (sid) row.stanzaId = sid;
    else delete row.stanzaId;
    delete row.remoteId;
    delete row.markable;
    return row;
  }

  async function storeRoomMessage(room: Room, msg: ChatMessage, nick: string, occupantId?: string) {
    const row = roomRow(room, msg, nick, msg.delay?.stamp.getTime() ?? Date.now(), occupantId);
    // Our own message reflected by the room: it reached everyone.
    if (row.direction === 'out' && row.originId) {
      const mine = await db.messages
        .where('[peer+originId]')
        .equals([room.jid, row.originId])
        .first();
      if (mine) {
        await advanceMessage(db, mine.id, 'delivered');
        if (row.stanzaId && !mine.stanzaId)
          await db.messages.update(mine.id, { stanzaId: row.stanzaId });
        if (row.stanzaId) noteLast(room.jid, row.stanzaId);
        return;
      }
    }
    await storeIncoming(db, row);
    if (row.stanzaId) noteLast(room.jid, row.stanzaId);
  }

  // The newest archive id per room, written at most twice a second: a busy room must not cost
  // a second transaction per message. Lost on a crash, it only means a few messages are
  // fetched again, and dropped as duplicates.
  const lastIds = new Map<string, string>();
  let lastTimer: ReturnType<typeof setTimeout> | undefined;
  function noteLast(jid: string, id: string) {
    lastIds.set(jid, id);
    const r = known.get(jid);
    if (r) known.set(jid, { ...r, mamLastId: id });
    lastTimer ??= setTimeout(() => void flushLast(), 500);
  }
  async function flushLast() {
    clearTimeout(lastTimer);
    lastTimer = undefined;
    const batch = [...lastIds];
    lastIds.clear();
    for (const [jid, id] of batch)
      await updateRoom(db, jid, { mamLastId: id }).catch((err) => ctx.log('room position', err));
  }

  // The room's archive

  /** Collect a result of one of our room archive queries; true when it was one. */
  function collect(el: XmlElement): boolean {
    const result = parseMamResult(el);
    if (!result) return false;
    const page = archivePages.get(result.queryId);
    if (!page) return false;
    // Trust: only from the room we asked.
    if (bareJid(result.outerFrom) !== page.room) {
      ctx.log('room archive result refused', el.toString().slice(0, 300));
      return true;
    }
    const room = known.get(page.room);
    const msg = result.message;
    const nick = resourceOf(msg.from);
    if (
      !room ||
      msg.type !== 'groupchat' ||
      !nick ||
      !hasBody(msg) ||
      bareJid(msg.from) !== room.jid
    )
      return true;
    const row = roomRow(room, msg, nick, (result.stamp ?? new Date()).getTime());
    row.stanzaId = result.archiveId;
    page.rows.push(row);
    return true;
  }

  async function queryRoom(room: string, opts: { after?: string; before?: true; max: number }) {
    const queryId = crypto.randomUUID();
    const page = { room, rows: [] as Message[] };
    archivePages.set(queryId, page);
    try {
      const reply = await session.request(buildMamQuery({ queryId, to: room, ...opts }), 60_000);
      return { rows: page.rows, fin: parseMamFin(reply) ?? { complete: true } };
    } finally {
      archivePages.delete(queryId);
    }
  }

  /**
   * What was said since the last message this browser saw, page by page, without duplicates
   * (same stanza-id or origin-id) and in the archive's order. A first join shows the newest page.
   */
  async function catchUp(jid: string) {
    await flushLast();
    const room = known.get(jid);
    if (!room?.features?.mam) return;
    let after = room.mamLastId;
    if (!after) {
      const { rows, fin } = await queryRoom(jid, { before: true, max: FIRST_JOIN_PAGE });
      const res = await storeArchivePage(db, rows, { countUnread: false });
      void res;
      const last = fin.last ?? rows.at(-1)?.stanzaId;
      if (last) await setRoom(jid, { mamLastId: last });
      return;
    }
    const lastSeen = await db.messages.where('stanzaId').equals(after).first();
    let edge = lastSeen?.at ?? Number.NEGATIVE_INFINITY;
    for (;;) {
      let res: Awaited<ReturnType<typeof queryRoom>>;
      try {
        res = await queryRoom(jid, { after, max: ROOM_PAGE });
      } catch (err) {
        // The id we knew is gone from the archive: start over from the newest page.
        if (err instanceof XmppRequestError && err.condition === 'item-not-found') {
          await setRoom(jid, { mamLastId: undefined });
          return catchUp(jid);
        }
        throw err;
      }
      const stored = await storeArchivePage(db, res.rows, {
        countUnread: true,
        order: { after: edge },
      });
      if (stored.edge !== undefined) edge = stored.edge;
      const last = res.fin.last ?? res.rows.at(-1)?.stanzaId;
      if (last) {
        after = last;
        await setRoom(jid, { mamLastId: last });
      }
      if (res.fin.complete || res.rows.length === 0 || !last) return;
    }
  }

  /** The next older page of a room's history, from the room's archive. */
  async function loadOlder(jid: string) {
    await setMeta(db, 'loadingOlder', jid);
    try {
      const oldest = await conversationMessages(db, jid)
        .filter((m) => m.stanzaId !== undefined)
        .first();
      const firstLocal = await conversationMessages(db, jid).first();
      if (!known.get(jid)?.features?.mam) {
        await storeArchivePage(db, [], { countUnread: false, completePeer: jid });
        return;
      }
      const queryId = crypto.randomUUID();
      const page = { room: jid, rows: [] as Message[] };
      archivePages.set(queryId, page);
      let fin: ReturnType<typeof parseMamFin>;
      try {
        const reply = await session.request(
          buildMamQuery({
            queryId,
            to: jid,
            max: ROOM_PAGE,
            ...(oldest?.stanzaId ? { before: oldest.stanzaId } : { before: true as const }),
            ...(!oldest?.stanzaId && firstLocal ? { end: new Date(firstLocal.at - 1) } : {}),
          }),
          60_000,
        );
        fin = parseMamFin(reply) ?? { complete: true };
      } finally {
        archivePages.delete(queryId);
      }
      await storeArchivePage(db, page.rows, {
        countUnread: false,
        order: { before: firstLocal?.at ?? Number.POSITIVE_INFINITY },
        ...(fin.complete || page.rows.length === 0 ? { completePeer: jid } : {}),
      });
    } catch (err) {
      ctx.log('older room history not loaded', err);
    } finally {
      await setMeta(db, 'loadingOlder', '');
    }
  }

  // Joining

  async function discoRoom(jid: string) {
    try {
      const info = roomInfo(parseDiscoInfo(await session.request(buildDiscoInfo(jid))));
      return info;
    } catch (err) {
      if (err instanceof XmppRequestError && err.condition === 'item-not-found') return null;
      throw err;
    }
  }

  /** An invitation names its room by address only: its name and description, from the room. */
  async function describeInvite(jid: string) {
    const info = await discoRoom(jid).catch(() => null);
    if (!info?.name && !info?.description) return;
    await db.invites
      .update(jid, {
        ...(info.name ? { roomName: info.name } : {}),
        ...(info.description ? { description: info.description } : {}),
      })
      .catch((err) => ctx.log('invitation not described', err));
  }

  function featuresOf(info: NonNullable<Awaited<ReturnType<typeof discoRoom>>>): Room['features'] {
    return {
      mam: info.mam,
      occupantId: info.occupantId,
      membersOnly: info.features.membersOnly,
      passwordProtected: info.features.passwordProtected,
      persistent: info.features.persistent,
      moderated: info.features.moderated,
      nonAnonymous: info.features.nonAnonymous,
    };
  }

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
    await ready;
    await flushLast();
    const room = await db.rooms.get(jid);
    if (!room || room.status === 'left') return;
    known.set(jid, room);
    const info = await discoRoom(jid);
    if (info) {
      const changes: Partial<Room> = { features: featuresOf(info) };
      if (info.name && !room.name) changes.name = info.name;
      changes.description = info.description;
      await setRoom(jid, changes);
    }
    await flushOccupants();
    await startJoin(db, jid);
    present.delete(jid); // exits from before this join are not about it
    const withArchive = known.get(jid)?.features?.mam ?? false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const answer = new Promise<MucPresence | null>((resolve) => {
      joining.set(jid, { resolve });
      timer = setTimeout(() => {
        if (joining.get(jid)?.resolve === resolve) joining.delete(jid);
        resolve(null);
      }, JOIN_TIMEOUT_MS);
    }).finally(() => clearTimeout(timer));
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
      await setRoom(jid, { status: 'error', error: 'remote-server-timeout' });
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
      await setRoom(jid, changes);
      return;
    }
    if (p.created || room.create) await configure(jid, room);
    await setRoom(jid, {
      status: 'joined',
      role: p.role,
      affiliation: p.affiliation,
      create: undefined,
    });
    hooks.joined?.();
    await publishBookmark({ ...room, autojoin: true }).catch((err) =>
      ctx.log('bookmark not saved', err),
    );
    // The archive may have been switched on by the configuration just submitted.
    if (p.created) {
      const after = await discoRoom(jid);
      if (after)
        await setRoom(jid, { features: featuresOf(after), description: after.description });
    }
    await catchUp(jid).catch((err) => ctx.log('room archive catch-up failed', err));
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
      }),
    );
  }

  async function leave(jid: string) {
    reentering.delete(jid);
    const room = known.get(jid) ?? (await db.rooms.get(jid));
    if (!room) return;
    // Marked left before asking, so the room's answer reads as the exit we asked for.
    known.set(jid, { ...room, status: 'left', autojoin: false });
    rejoiner.cancel(jid);
    await session.send(buildLeave(jid, room.nick));
    await clearOccupants(db, jid);
    await publishBookmark({ ...room, autojoin: false }).catch((err) =>
      ctx.log('bookmark not saved', err),
    );
  }

  // Bookmarks (XEP-0402): the rooms to join on every device.

  const bookmarks = createBookmarkStore(ctx);
  async function publishBookmark(room: Room) {
    await bookmarks.publish({
      room: room.jid,
      autojoin: room.autojoin,
      nick: room.nick,
      ...(room.name ? { name: room.name } : {}),
      ...(room.password ? { password: room.password } : {}),
    });
  }

  /** Rooms bookmarked on any device join us here too. */
  async function fetchBookmarks() {
    const list = await bookmarks.fetch();
    const defaultNick = account.split('@')[0] ?? 'me';
    for (const b of list) {
      if (!b.autojoin) continue;
      const old = await db.rooms.get(b.room);
      if (old && old.status !== 'left') continue;
      if (old?.status === 'left' && old.autojoin === false && !b.autojoin) continue;
      const row: Room = {
        ...(old ?? {}),
        jid: b.room,
        nick: b.nick ?? old?.nick ?? defaultNick,
        autojoin: true,
        status: 'joining',
        ...(b.name ? { name: b.name } : {}),
        ...(b.password ? { password: b.password } : {}),
      };
      await db.rooms.put(row);
      if (!(await db.conversations.get(b.room)))
        await db.conversations.put({
          peer: b.room,
          kind: 'room',
          lastAt: Date.now(),
          preview: '',
          previewDirection: 'in',
          unread: 0,
          mentions: 0,
        });
    }
    await refresh();
  }

  /** A new session: every room we mean to be in is joined again. */
  async function rejoinAll() {
    await ready;
    await fetchBookmarks().catch((err) => ctx.log('bookmarks not read', err));
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

  /** XEP-0410: are we still in each joined room? Join again where not. */
  async function selfPingAll() {
    for (const room of known.values()) {
      if (room.status !== 'joined') continue;
      let result: ReturnType<typeof classifySelfPing>;
      try {
        result = classifySelfPing(
          await session.request(buildSelfPing(room.jid, room.nick), 20_000),
        );
      } catch (err) {
        const e = err as { error?: XmlElement };
        result = e.error
          ? classifySelfPing(
              // a refusal: classify it as the iq error it was
              (() => {
                const iq = buildSelfPing(room.jid, room.nick);
                iq.attrs['type'] = 'error';
                iq.children = [e.error];
                return iq;
              })(),
            )
          : 'unknown';
      }
      if (result === 'not-joined') {
        ctx.log('self-ping: not in room any more, joining again', room.jid);
        void join(room.jid).catch((err) => ctx.log('rejoin failed', err));
      }
    }
  }

  // Our own presence in rooms (XEP-0045 §7.7)

  /** An unavailable broadcast is about to go: every room we are in will let us out. */
  function expectExit() {
    for (const room of known.values()) if (room.status === 'joined') reentering.add(room.jid);
  }

  /** Our show and status changed: every room we are in is told. */
  async function sendPresence() {
    const presence = roomPresence(await getOwnPresence(db));
    for (const room of known.values()) {
      // A room we are going back into gets our presence with the join.
      if (room.status !== 'joined' || reentering.has(room.jid)) continue;
      await session.send(buildOccupantPresence(room.jid, room.nick, presence));
    }
  }

  // Tasks from the app

  async function invite(roomJid: string, to: string, reason?: string) {
    const room = known.get(roomJid);
    // Members-only rooms need the room to invite (it makes the invitee a member); elsewhere a
    // direct invitation (XEP-0249) reaches any client.
    if (room?.features?.membersOnly) await session.send(buildMediatedInvite(roomJid, to, reason));
    else
      await session.send(
        buildDirectInvite(to, {
          room: roomJid,
          ...(reason ? { reason } : {}),
          ...(room?.password ? { password: room.password } : {}),
        }),
      );
  }

  return {
    ready,
    isRoom,
    collect,
    handlePresence,
    handleMessage,
    join,
    leave,
    loadOlder,
    invite,
    declineInvite: (room: string, to: string) => session.send(buildMediatedDecline(room, to)),
    setSubject: (room: string, subject: string) => session.send(buildSubject(room, subject)),
    changeNick: async (room: string, nick: string) => {
      await session.send(buildNickChange(room, nick, roomPresence(await getOwnPresence(db))));
    },
    expectExit,
    sendPresence,
    setRole: (
      room: string,
      nick: string,
      role: Parameters<typeof buildSetRole>[2],
      reason?: string,
    ) => session.request(buildSetRole(room, nick, role, reason)),
    setAffiliation: (
      room: string,
      jid: string,
      affiliation: Parameters<typeof buildSetAffiliation>[2],
      reason?: string,
    ) => session.request(buildSetAffiliation(room, jid, affiliation, reason)),
    refresh,
    async onSession(resumed: boolean) {
      // A new session's rooms are joined afresh: no exit from the old one is coming.
      if (!resumed) reentering.clear();
      clearInterval(pingTimer);
      pingTimer = setInterval(() => void selfPingAll(), SELF_PING_MS);
      if (resumed) void selfPingAll();
      else {
        present.clear();
        rejoiner.cancel();
        await rejoinAll();
      }
    },
    offline() {
      void flushLast();
      // Joins in progress will not be answered on this link.
      for (const [jid, w] of joining) {
        joining.delete(jid);
        w.resolve({
          type: 'error',
          error: { condition: 'remote-server-timeout', type: 'wait' },
        } as MucPresence);
      }
    },
    stop() {
      clearInterval(pingTimer);
      rejoiner.stop();
      void flushLast();
    },
  };
}

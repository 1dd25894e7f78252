// Presences from our rooms (XEP-0045 §7.2): the occupants coming, going and changing, the
// room's answer to our join, and our own exits (asked for, or not: kicked, banned, the room
// gone, or a restart that dropped us).
import {
  applyOccupants,
  clearOccupants,
  type Occupant,
  putOccupant,
  type Room,
  removeOccupant,
  renameOccupant,
  setMeta,
} from '../db';
import { bareJid, type MucPresence } from '../xmpp';
import type { EngineContext } from './context';
import { classifySelfExit, createRejoiner } from './roomExits';
import type { RoomState } from './roomState';

/** How long occupant changes wait to be written together. */
const OCCUPANTS_EVERY_MS = 50;

export function createRoomPresences(
  ctx: EngineContext,
  state: RoomState,
  deps: {
    join(jid: string): Promise<void>;
    /** We are out for good (kicked, banned, destroyed): the bookmark stops auto-joining. */
    publishBookmark(room: Room): Promise<void>;
  },
) {
  const { db } = ctx;
  const { known } = state;
  /** Joins waiting for the room's answer: our self-presence, or an error. */
  const joining = new Map<string, (p: MucPresence) => void>();
  /** Rooms whose join was answered with our self-presence in this session. */
  const present = new Set<string>();
  /**
   * Rooms the server is about to take us out of: going invisible sends an unavailable
   * broadcast, which the server also passes to every room we sent presence to (RFC 6121
   * §4.6.3), and a room takes that as leaving. We go straight back in (see expectExit).
   */
  const reentering = new Set<string>();
  const rejoiner = createRejoiner((jid) => {
    if (known.get(jid)?.status === 'joining')
      void deps.join(jid).catch((err) => ctx.log('rejoin failed', err));
  });

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
    occupantTimer ??= setTimeout(() => void flushOccupants(), OCCUPANTS_EVERY_MS);
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
        wait(p);
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
    const self = p.self || (p.occupantId && p.occupantId === state.ownOccupantId.get(p.room));
    // Someone else coming or going: written with the others in one transaction (a join into
    // a room of a thousand is a thousand presences in a row).
    if (!self && !p.newNick) {
      bufferOccupant(p.type === 'unavailable' ? [p.room, p.nick] : occupantOf(room, p));
      return;
    }
    await flushOccupants();
    if (p.type === 'unavailable') return selfGone(room, p, !!self);
    await putOccupant(db, occupantOf(room, p));
    if (self) {
      present.add(p.room);
      if (p.occupantId) state.ownOccupantId.set(p.room, p.occupantId);
      if (wait) {
        joining.delete(p.room);
        wait(p);
      } else await state.setRoom(p.room, { role: p.role, affiliation: p.affiliation });
    }
  }

  /** An unavailable presence about us, or a nick change (ours or another's). */
  async function selfGone(room: Room, p: MucPresence, self: boolean) {
    if (p.newNick) {
      await renameOccupant(db, p.room, p.nick, p.newNick);
      if (self) await state.setRoom(p.room, { nick: p.newNick });
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
      void deps.join(p.room).catch((err) => ctx.log('rejoin failed', err));
      return;
    }
    if (exit === 'unasked') {
      ctx.log('out of the room without asking, joining again', p.room);
      await clearOccupants(db, p.room);
      await state.setRoom(p.room, { status: 'joining' });
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
          : 'left';
    const changes: Partial<Room> = { status };
    const reason = p.reason ?? p.destroy?.reason;
    if (reason) changes.reason = reason;
    if (p.actor) changes.actor = p.actor;
    if (status !== 'left') changes.autojoin = false;
    await clearOccupants(db, p.room);
    await state.setRoom(p.room, changes);
    if (status !== 'left') await deps.publishBookmark({ ...room, ...changes, autojoin: false });
  }

  return {
    handlePresence,
    flushOccupants,
    /** Wait for the room's answer to the join about to be sent; null after `timeoutMs`. */
    awaitJoin(jid: string, timeoutMs: number): Promise<MucPresence | null> {
      present.delete(jid); // exits from before this join are not about it
      let timer: ReturnType<typeof setTimeout> | undefined;
      return new Promise<MucPresence | null>((resolve) => {
        joining.set(jid, resolve);
        timer = setTimeout(() => {
          if (joining.get(jid) === resolve) joining.delete(jid);
          resolve(null);
        }, timeoutMs);
      }).finally(() => clearTimeout(timer));
    },
    /** An unavailable broadcast is about to go: every room we are in will let us out. */
    expectExit() {
      for (const room of known.values()) if (room.status === 'joined') reentering.add(room.jid);
    },
    isReentering: (jid: string) => reentering.has(jid),
    /** We leave on purpose: no going back in, no rejoining. */
    leaving(jid: string) {
      reentering.delete(jid);
      rejoiner.cancel(jid);
    },
    /** A new session: rooms are joined afresh, no exit from the old one is coming. */
    newSession() {
      reentering.clear();
      present.clear();
      rejoiner.cancel();
    },
    /** Joins in progress will not be answered on this link. */
    offline() {
      for (const [jid, resolve] of joining) {
        joining.delete(jid);
        resolve({
          type: 'error',
          error: { condition: 'remote-server-timeout', type: 'wait' },
        } as MucPresence);
      }
    },
    stop: () => rejoiner.stop(),
  };
}

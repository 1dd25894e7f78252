// Message Archive Management (XEP-0313), one service for every archive: ours (catch-up after
// a new session, the newest page on a first sign-in) and each room's (catch-up after a join),
// and older pages of any conversation, a chat or a room, as the person scrolls up.
import {
  conversationMessages,
  getMeta,
  inheritDisplayed,
  type Message,
  oweReceivedMarkers,
  setMeta,
  storeArchivePage,
} from '../db';
import { XmppRequestError } from '../xmpp/session';
import { applyAcks } from './acks';
import { createActs } from './acts';
import { createArchiveFind } from './archiveFind';
import { type ArchiveRooms, createArchiveQueries, type Page } from './archiveQueries';
import type { EngineContext } from './context';
import { createRecent } from './recent';

export type { ArchiveRooms, Page } from './archiveQueries';

export const CATCH_UP_PAGE = 250;
export const OLDER_PAGE = 100;
/** A room's catch-up pages, and how much of its archive a first join shows. */
const ROOM_PAGE = 100;
const FIRST_JOIN_PAGE = 50;

/** What the archive needs of our rooms, beyond reading their messages. */
export interface ArchiveRoomHooks extends ArchiveRooms {
  /** Remember the newest archive id seen in a room (undefined: start over from the newest). */
  setPosition(jid: string, id: string | undefined): Promise<void>;
  /** Write the positions noted from live messages, so catch-up starts after them. */
  flushPositions(): Promise<void>;
  /** The room's archive has been read in this session: live messages may move its position. */
  archiveRead(jid: string): void;
}

/** How a server without an archive answers a query to it. */
const NO_ARCHIVE = ['feature-not-implemented', 'service-unavailable'];

/** How often, at most, the newest live archive id is written (see noteLive). */
export const LIVE_ID_EVERY_MS = 500;

export function createArchive(ctx: EngineContext, rooms: () => ArchiveRoomHooks) {
  const { db } = ctx;
  const queries = createArchiveQueries(ctx, rooms);
  const query = (opts: Parameters<typeof queries.query>[0]) => queries.query(opts);
  let catchingUp = false;
  let liveLastId: string | null = null;
  let liveTimer: ReturnType<typeof setTimeout> | undefined;
  // Older history the person scrolls to goes first: the look for conversations waits for it.
  let olderRunning = 0;
  const olderDone: Array<() => void> = [];
  const whenNoOlder = () =>
    olderRunning === 0 ? Promise.resolve() : new Promise<void>((r) => olderDone.push(r));
  const recent = createRecent(ctx, { query, whenIdle: whenNoOlder });
  // Acts name messages stored before them (the same page or an earlier one): applied after.
  const acts = createActs(ctx);
  const applyActs = (page: Page) => acts.applyAll(page.acts);

  const applyMarkers = (page: Page) => applyAcks(db, page.acks);

  /**
   * Whether this session's catch-up has finished. Until it has, the archive is the only copy of
   * what was missed, and a live message's id must not move the position past it (see noteLive):
   * a catch-up that starts late, or fails, or is cut off, would skip what came before that id,
   * for good.
   */
  let caughtUp = false;
  let running: Promise<void> | null = null;

  /** Everything archived since the last id this browser saw, page by page (once at a time). */
  function catchUp(): Promise<void> {
    running ??= catchUpOnce()
      .then(
        () => {
          caughtUp = true;
        },
        (err: unknown) => {
          // A server without an archive (XEP-0313) has nothing to catch up from: asking again
          // on every resume, or retrying, would only fail again.
          if (err instanceof XmppRequestError && NO_ARCHIVE.includes(err.condition)) {
            caughtUp = true;
            return;
          }
          throw err;
        },
      )
      .finally(() => {
        running = null;
      });
    return running;
  }

  async function catchUpOnce() {
    catchingUp = true;
    const started = performance.now();
    let total = 0;
    let pages = 0;
    let queryMs = 0;
    let storeMs = 0;
    const acks = new Map<string, Message>();
    const timedQuery: typeof query = async (o) => {
      const t = performance.now();
      try {
        return await query(o);
      } finally {
        queryMs += performance.now() - t;
        pages++;
      }
    };
    try {
      void recent.resume().catch((err) => ctx.log('conversation scan not resumed', err));
      // From the last archive id seen; or, if the archive was empty then, from that time.
      const lastId = await getMeta(db, 'mamLastId');
      const since = lastId ? undefined : await getMeta(db, 'mamSince');
      if (!lastId && !since) return await backfillNewest();
      // Everything caught up is newer, in the archive's order, than the last message seen.
      const lastSeen = lastId
        ? await db.messages.where('stanzaId').equals(lastId).first()
        : undefined;
      let edge = lastSeen?.at ?? Number.NEGATIVE_INFINITY;
      // The next page is asked for while this one is stored.
      let next: ReturnType<typeof query> | null = timedQuery(
        lastId
          ? { after: lastId, max: CATCH_UP_PAGE }
          : { start: new Date(since ?? 0), max: CATCH_UP_PAGE },
      );
      while (next) {
        let res: Awaited<ReturnType<typeof query>>;
        try {
          res = await next;
        } catch (err) {
          // The id we knew has expired from the archive: start from the newest instead.
          if (
            lastId &&
            err instanceof XmppRequestError &&
            err.condition === 'item-not-found' &&
            pages <= 1
          )
            return await backfillNewest();
          throw err;
        }
        const last = res.fin.last;
        const done =
          res.fin.complete ||
          !last ||
          res.page.rows.length + res.page.acks.length + res.page.acts.length === 0;
        next = done ? null : timedQuery({ after: last, max: CATCH_UP_PAGE });
        next?.catch(() => {});
        const t = performance.now();
        const stored = await storeArchivePage(db, res.page.rows, {
          countUnread: true,
          order: { after: edge },
          ...(last ? { lastId: last } : {}),
          // What we missed while away was never acknowledged to its sender: do it now.
          owedReceipts: res.page.wantReceipt,
          markerSink: acks,
        });
        storeMs += performance.now() - t;
        total += stored.added;
        edge = stored.edge ?? edge;
        await applyActs(res.page);
        await applyMarkers(res.page);
      }
    } finally {
      if (acks.size)
        await oweReceivedMarkers(db, acks).catch((err) => ctx.log('markers not owed', err));
      catchingUp = false;
      performance.measure('parley:mam:catch-up', { start: started, end: performance.now() });
      performance.mark('parley:mam:caught-up', {
        detail: { total, pages, queryMs: Math.round(queryMs), storeMs: Math.round(storeMs) },
      });
    }
  }

  /** A browser that saw nothing yet: the newest page, newest conversations first. */
  async function backfillNewest() {
    const { page, fin } = await query({ before: true, max: CATCH_UP_PAGE });
    const newest = fin.last;
    await storeArchivePage(db, page.rows, {
      countUnread: false,
      ...(newest ? { lastId: newest } : {}),
    });
    // Nothing archived yet: next time, everything from now on is new.
    if (!newest) await setMeta(db, 'mamSince', new Date(Date.now() - 60_000).toISOString());
    await applyActs(page);
    await applyMarkers(page);
    // The conversations behind this page are looked for in the background.
    await recent.begin(fin.first);
  }

  /**
   * What was said in a room since the last message this browser saw, page by page, without
   * duplicates (same stanza-id or origin-id) and in the archive's order. A first join shows
   * the room's newest page. Until this has read to the end, live messages do not move where
   * it starts (engine/roomMessages.ts noteLast).
   */
  async function catchUpRoom(jid: string): Promise<void> {
    await rooms().flushPositions();
    const room = rooms().get(jid);
    if (!room?.features?.mam) return;
    let after = room.mamLastId;
    if (!after) {
      const { page, fin } = await queries.query({ before: true, max: FIRST_JOIN_PAGE }, room);
      await storeArchivePage(db, page.rows, { countUnread: false });
      await applyActs(page);
      const last = fin.last ?? page.rows.at(-1)?.stanzaId;
      if (last) await rooms().setPosition(jid, last);
      rooms().archiveRead(jid);
      return;
    }
    const lastSeen = await db.messages.where('stanzaId').equals(after).first();
    let edge = lastSeen?.at ?? Number.NEGATIVE_INFINITY;
    for (;;) {
      let res: Awaited<ReturnType<typeof queries.query>>;
      try {
        res = await queries.query({ after, max: ROOM_PAGE }, room);
      } catch (err) {
        // The id we knew is gone from the archive: start over from the newest page.
        if (err instanceof XmppRequestError && err.condition === 'item-not-found') {
          await rooms().setPosition(jid, undefined);
          return catchUpRoom(jid);
        }
        throw err;
      }
      const stored = await storeArchivePage(db, res.page.rows, {
        countUnread: true,
        order: { after: edge },
      });
      if (stored.edge !== undefined) edge = stored.edge;
      await applyActs(res.page);
      const last = res.fin.last ?? res.page.rows.at(-1)?.stanzaId;
      if (last) {
        after = last;
        await rooms().setPosition(jid, last);
      }
      if (res.fin.complete || res.page.rows.length + res.page.acts.length === 0 || !last) break;
    }
    rooms().archiveRead(jid);
  }

  /**
   * The next older page of one conversation, before its oldest message here: from our archive
   * for a chat (with the receipts and markers on it), from the room's own for a room.
   */
  async function loadOlder(peer: string) {
    olderRunning++;
    await setMeta(db, 'loadingOlder', peer);
    try {
      const room = rooms().get(peer);
      // A room without an archive has nothing older to give.
      if (room && !room.features?.mam) {
        await storeArchivePage(db, [], { countUnread: false, completePeer: peer });
        return;
      }
      const oldest = await conversationMessages(db, peer)
        .filter((m) => m.stanzaId !== undefined)
        .first();
      const firstLocal = await conversationMessages(db, peer).first();
      const byTime = {
        before: true as const,
        ...(firstLocal ? { end: new Date(firstLocal.at - 1) } : {}),
      };
      const ask = (bound: { before: string | true; end?: Date }) =>
        room
          ? queries.query({ max: OLDER_PAGE, ...bound }, room)
          : query({ with: peer, max: OLDER_PAGE, ...bound });
      const { page, fin } = oldest?.stanzaId
        ? await ask({ before: oldest.stanzaId }).catch((err: unknown) => {
            // The archive does not know that id (it expired, or another archive gave it):
            // page back by time instead, from the oldest message here.
            if (err instanceof XmppRequestError && err.condition === 'item-not-found')
              return ask(byTime);
            throw err;
          })
        : await ask(byTime);
      const below = firstLocal?.at ?? Number.POSITIVE_INFINITY;
      await storeArchivePage(db, page.rows, {
        countUnread: false,
        order: { before: below },
        ...(fin.complete || page.rows.length === 0 ? { completePeer: peer } : {}),
      });
      await applyActs(page);
      if (room) return;
      await applyAcks(db, page.acks);
      // A later displayed marker covered these too (one may be on a newer page, read before).
      if (page.rows.some((r) => r.direction === 'out' && r.state !== 'displayed'))
        await inheritDisplayed(db, peer, below);
    } catch (err) {
      ctx.log('older history not loaded', err);
      // A server without an archive has nothing older: stop asking. So does one that answers
      // item-not-found even to a page by time: asked again, it would answer the same, in a loop.
      if (
        err instanceof XmppRequestError &&
        ['feature-not-implemented', 'service-unavailable', 'item-not-found'].includes(err.condition)
      )
        await storeArchivePage(db, [], { countUnread: false, completePeer: peer });
    } finally {
      olderRunning--;
      if (olderRunning === 0) for (const done of olderDone.splice(0)) done();
      await setMeta(db, 'loadingOlder', '');
    }
  }

  const finder = createArchiveFind(ctx, { loadOlder });

  return {
    /** Page back until the message a reply names is here (see archiveFind). */
    findMessage: finder.find,
    /** Take one archived message for the query it answers (see archiveQueries). */
    collect: queries.collect,
    catchUp,
    /** A new session (not resumed): what it missed is to be caught up before live ids count. */
    newSession() {
      caughtUp = false;
      liveLastId = null;
    },
    /** This session's catch-up has finished (a resumed session whose catch-up failed has not). */
    caughtUp: () => caughtUp,
    catchUpRoom,
    loadOlder,
    /** "Show older conversations": look further back in the archive. */
    olderConversations: () => recent.more(),
    /**
     * A live message's archive id: catch-up starts after it next time (once this session has
     * caught up: before, the archive may hold older messages this browser never got). Written at most every
     * half second (the newest), not once per message: a tab gone in between only asks the
     * archive again for those few, which are already here and are recognised.
     */
    noteLive(id: string) {
      if (catchingUp || !caughtUp) return;
      liveLastId = id;
      liveTimer ??= setTimeout(() => {
        liveTimer = undefined;
        const last = liveLastId;
        liveLastId = null;
        if (last && !catchingUp) void setMeta(db, 'mamLastId', last).catch(() => {});
      }, LIVE_ID_EVERY_MS);
    },
    /** The engine stops (sign-out): nothing more is written, least of all to a forgotten account. */
    stop() {
      recent.stop();
      clearTimeout(liveTimer);
      liveTimer = undefined;
    },
  };
}

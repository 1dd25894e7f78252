import {
  conversationMessages,
  getMeta,
  inheritDisplayed,
  type Message,
  oweReceivedMarkers,
  setMeta,
  storeArchivePage,
} from '../db';
import {
  bareJid,
  buildMamQuery,
  type ChatMessage,
  parseMamFin,
  parseMamResult,
  type XmlElement,
} from '../xmpp';
import { XmppRequestError } from '../xmpp/session';
import { type Ack, acksOf, applyAcks } from './acks';
import type { EngineContext } from './context';
import { hasBody, toRow } from './messages';
import { createRecent } from './recent';

export const CATCH_UP_PAGE = 250;
export const OLDER_PAGE = 100;

export interface Page {
  rows: Message[];
  /** Rows whose sender asked for a receipt (XEP-0184). */
  wantReceipt: Set<string>;
  /** Chat markers (XEP-0333) and receipts (XEP-0184), archived like messages, oldest first. */
  acks: Ack[];
}

/** How often, at most, the newest live archive id is written (see noteLive). */
const LIVE_ID_EVERY_MS = 500;

/** Message Archive Management (XEP-0313): catch-up after a new session, and older pages. */
export function createArchive(
  ctx: EngineContext,
  hooks: { isRoom?: (jid: string) => boolean } = {},
) {
  const { db, session, account } = ctx;
  const open = new Map<string, Page>();
  let catchingUp = false;
  let liveLastId: string | null = null;
  let liveTimer: ReturnType<typeof setTimeout> | undefined;
  // Older history the person scrolls to goes first: the look for conversations waits for it.
  let olderRunning = 0;
  const olderDone: Array<() => void> = [];
  const whenNoOlder = () =>
    olderRunning === 0 ? Promise.resolve() : new Promise<void>((r) => olderDone.push(r));
  const recent = createRecent(ctx, { query, whenIdle: whenNoOlder });

  /** Collect one archived message; called synchronously, before the query's result IQ. */
  function collect(el: XmlElement): boolean {
    const result = parseMamResult(el);
    if (!result) return false;
    const page = open.get(result.queryId);
    // Trust: only for a query we have open, and only from the archive we asked (our own).
    if (!page || (result.outerFrom !== '' && bareJid(result.outerFrom) !== account)) {
      ctx.log('archive result refused', el.toString().slice(0, 300));
      return true;
    }
    addToPage(page, result.message, result.archiveId, result.stamp);
    return true;
  }

  function addToPage(page: Page, msg: ChatMessage, archiveId: string, stamp?: Date) {
    if (msg.type === 'groupchat' || msg.type === 'error') return;
    const from = bareJid(msg.from);
    const ours = from === account;
    // A private message with a room occupant stays under room/nick, never under the room.
    const other = ours ? msg.to : msg.from;
    const inRoom = hooks.isRoom?.(bareJid(other)) ?? false;
    if (inRoom && !other.includes('/')) return;
    const peer = inRoom
      ? `${bareJid(other)}/${other.slice(other.indexOf('/') + 1)}`
      : bareJid(other);
    if (!peer || peer === account) return;
    page.acks.push(...acksOf(msg, peer, ours));
    if (!hasBody(msg)) return;
    const row = toRow(msg, peer, ours ? 'out' : 'in', account, (stamp ?? new Date()).getTime());
    row.stanzaId = archiveId;
    page.rows.push(row);
    if (!ours && msg.receiptRequest && msg.id) page.wantReceipt.add(row.id);
  }

  async function query(opts: Omit<Parameters<typeof buildMamQuery>[0], 'queryId'>) {
    const queryId = crypto.randomUUID();
    const page: Page = { rows: [], acks: [], wantReceipt: new Set() };
    open.set(queryId, page);
    try {
      const reply = await session.request(buildMamQuery({ ...opts, queryId }), 60_000);
      const fin = parseMamFin(reply) ?? { complete: true };
      return { page, fin };
    } finally {
      open.delete(queryId);
    }
  }

  const applyMarkers = (page: Page) => applyAcks(db, page.acks);

  /** Everything archived since the last id this browser saw, page by page. */
  async function catchUp() {
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
        const done = res.fin.complete || !last || res.page.rows.length + res.page.acks.length === 0;
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
    await applyMarkers(page);
    // The conversations behind this page are looked for in the background.
    await recent.begin(fin.first);
  }

  /** The next older page of one conversation, before its oldest message here. */
  async function loadOlder(peer: string) {
    olderRunning++;
    await setMeta(db, 'loadingOlder', peer);
    try {
      const oldest = await conversationMessages(db, peer)
        .filter((m) => m.stanzaId !== undefined)
        .first();
      const firstLocal = await conversationMessages(db, peer).first();
      const bound = oldest?.stanzaId
        ? { before: oldest.stanzaId }
        : { before: true as const, ...(firstLocal ? { end: new Date(firstLocal.at - 1) } : {}) };
      const { page, fin } = await query({ with: peer, max: OLDER_PAGE, ...bound });
      const below = firstLocal?.at ?? Number.POSITIVE_INFINITY;
      await storeArchivePage(db, page.rows, {
        countUnread: false,
        order: { before: below },
        ...(fin.complete || page.rows.length === 0 ? { completePeer: peer } : {}),
      });
      await applyAcks(db, page.acks);
      // A later displayed marker covered these too (one may be on a newer page, read before).
      if (page.rows.some((r) => r.direction === 'out' && r.state !== 'displayed'))
        await inheritDisplayed(db, peer, below);
    } catch (err) {
      ctx.log('older history not loaded', err);
      // A server without an archive has nothing older: stop asking.
      if (
        err instanceof XmppRequestError &&
        ['feature-not-implemented', 'service-unavailable'].includes(err.condition)
      )
        await storeArchivePage(db, [], { countUnread: false, completePeer: peer });
    } finally {
      olderRunning--;
      if (olderRunning === 0) for (const done of olderDone.splice(0)) done();
      await setMeta(db, 'loadingOlder', '');
    }
  }

  return {
    collect,
    catchUp,
    loadOlder,
    /** "Show older conversations": look further back in the archive. */
    olderConversations: () => recent.more(),
    /**
     * A live message's archive id: catch-up starts after it next time. Written at most every
     * half second (the newest), not once per message: a tab gone in between only asks the
     * archive again for those few, which are already here and are recognised.
     */
    noteLive(id: string) {
      if (catchingUp) return;
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

// A new browser learns which conversations there were (XEP-0313). The archive has no list of
// conversations, so its pages are read backwards from the newest page and only the newest
// message of each conversation is kept (its history loads when it is opened). Contacts'
// conversations are also asked for one by one (`with`), in parallel, so they show early.
import { getMeta, type Message, type MetaRows, setMeta, storeArchivePage } from '../db';
import type { MamFin, MamQueryOptions } from '../xmpp';
import { type Ack, applyAcks } from './acks';
import type { EngineContext } from './context';

export const RECENT_DAYS = 30;
const DAY_MS = 24 * 60 * 60_000;
/** Asked for per page: the server answers with at most its own limit (RSM max). */
export const SCAN_PAGE = 1000;
/** One contact's newest archived items: the newest may be a marker or a receipt. */
const PER_PEER_PAGE = 10;
/** With more contacts than this, the scan alone finds them (one query each would cost more). */
const PER_PEER_MAX = 200;
const PER_PEER_PARALLEL = 4;
/** "Show older conversations" stops once it found at least this many. */
const MORE_AT_LEAST = 10;

type Query = (
  opts: Omit<MamQueryOptions, 'queryId'>,
) => Promise<{ page: { rows: Message[]; acks: Ack[] }; fin: MamFin }>;
type Scan = MetaRows['conversationScan'];

export function createRecent(
  ctx: EngineContext,
  deps: { query: Query; whenIdle?: () => Promise<void> },
) {
  const { db } = ctx;
  /** Conversations whose newest message is here: nothing older of them is written. */
  const seen = new Set<string>();
  /** Acknowledgements met before (newer than) their conversation's newest message. */
  const waiting = new Map<string, Ack[]>();
  let running: Promise<void> | null = null;
  let stopped = false;

  async function noteKnown() {
    for (const peer of await db.conversations.toCollection().primaryKeys()) seen.add(peer);
  }

  /** Of rows (oldest first), the newest of each conversation not seen yet; marks them seen. */
  function newestUnseen(rows: readonly Message[]): Message[] {
    const chosen: Message[] = [];
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i];
      if (!row || seen.has(row.peer)) continue;
      seen.add(row.peer);
      chosen.unshift(row);
    }
    return chosen;
  }

  async function store(rows: Message[], acks: readonly Ack[]) {
    if (rows.length) await storeArchivePage(db, rows, { countUnread: false });
    if (acks.length) await applyAcks(db, acks);
  }

  /** One page of the scan, newest conversations first; the acks are kept until their row. */
  async function takePage(rows: readonly Message[], acks: readonly Ack[]): Promise<number> {
    const unseenBefore = new Set(acks.filter((a) => !seen.has(a.peer)).map((a) => a.peer));
    const chosen = newestUnseen(rows);
    for (const peer of unseenBefore) {
      const mine = acks.filter((a) => a.peer === peer);
      waiting.set(peer, [...mine, ...(waiting.get(peer) ?? [])]);
    }
    const ready = chosen.flatMap((r) => waiting.get(r.peer) ?? []);
    for (const r of chosen) waiting.delete(r.peer);
    await store(chosen, ready);
    return chosen.length;
  }

  /** Pages backwards from scan.before; stops at scan.since, the archive's start, or `want`. */
  async function scan(want = Number.POSITIVE_INFINITY) {
    let state = await getMeta(db, 'conversationScan');
    let found = 0;
    const started = performance.now();
    let pages = 0;
    let queryMs = 0;
    while (state?.before && !state.complete && !stopped && found < want) {
      // What the person asked for (older history of a conversation) goes before this.
      await deps.whenIdle?.();
      const asked = performance.now();
      const { page, fin } = await deps.query({
        before: state.before,
        max: SCAN_PAGE,
        ...(state.since !== undefined ? { start: new Date(state.since) } : {}),
      });
      if (stopped) return;
      pages++;
      queryMs += performance.now() - asked;
      found += await takePage(page.rows, page.acks);
      const next: Scan = { before: fin.first ?? state.before };
      if (state.loading) next.loading = true;
      const end = fin.complete || !fin.first || page.rows.length + page.acks.length === 0;
      // The end of a window (since) is not the archive's start: older ones may be asked for.
      if (end && state.since === undefined) next.complete = true;
      if (!end && state.since !== undefined) next.since = state.since;
      await setMeta(db, 'conversationScan', next);
      state = next;
      if (end) break;
    }
    // For benchmarks: how long the look took, and how many pages it read.
    performance.mark('parley:recent:scanned', {
      detail: {
        pages,
        found,
        ms: Math.round(performance.now() - started),
        queryMs: Math.round(queryMs),
      },
    });
  }

  /** Contacts' conversations, each asked for on its own: they show before the scan gets there. */
  async function perContact(since: number) {
    const contacts = await db.contacts.toCollection().primaryKeys();
    if (contacts.length > PER_PEER_MAX) return;
    const todo = contacts.filter((jid) => !seen.has(jid));
    const worker = async () => {
      for (let jid = todo.shift(); jid && !stopped; jid = todo.shift()) {
        if (seen.has(jid)) continue;
        const { page } = await deps.query({
          with: jid,
          before: true,
          max: PER_PEER_PAGE,
          start: new Date(since),
        });
        const rows = newestUnseen(page.rows.filter((r) => r.peer === jid));
        if (rows.length) await store(rows, page.acks);
      }
    };
    await Promise.all(Array.from({ length: PER_PEER_PARALLEL }, worker));
  }

  function run(work: () => Promise<void>): Promise<void> {
    running ??= (async () => {
      try {
        await noteKnown();
        await work();
      } catch (err) {
        ctx.log('conversations not found in the archive', err);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    /**
     * A new browser stored the archive's newest page, whose oldest item is `first` (none: the
     * archive is empty). Every conversation of the last RECENT_DAYS is looked for behind it.
     */
    async begin(first: string | undefined) {
      if (!first) {
        await setMeta(db, 'conversationScan', { complete: true });
        return;
      }
      const since = Date.now() - RECENT_DAYS * DAY_MS;
      await setMeta(db, 'conversationScan', { before: first, since });
      void run(() => Promise.all([scan(), perContact(since)]).then(() => {}));
    },
    /** A new session: a scan cut short (a reload, a lost link) goes on where it was. */
    async resume() {
      const state = await getMeta(db, 'conversationScan');
      // A look the person asked for, cut short: they may ask again.
      if (state?.loading) {
        delete state.loading;
        await setMeta(db, 'conversationScan', state);
      }
      if (state?.since !== undefined && !state.complete) void run(() => scan());
    },
    /** The person asks for older conversations: at least a few more, or the archive's start. */
    more(): Promise<void> {
      if (running) return running;
      return run(async () => {
        await setMeta(db, 'conversationScan', {
          ...(await getMeta(db, 'conversationScan')),
          loading: true,
        });
        try {
          await scan(MORE_AT_LEAST);
        } finally {
          const s = await getMeta(db, 'conversationScan');
          if (s) {
            delete s.loading;
            await setMeta(db, 'conversationScan', s);
          }
        }
      });
    },
    stop() {
      stopped = true;
    },
  };
}

// The queries open on message archives (XEP-0313), ours and our rooms', and the one check
// every archived message passes before it counts: it answers a query we have open, and comes
// from the archive that query asked.
import type { Message, Room } from '../db';
import {
  bareJid,
  buildMamQuery,
  type MamFin,
  type MamQueryOptions,
  type MamResult,
  parseMamFin,
} from '../xmpp';
import { type Ack, acksOf } from './acks';
import type { EngineContext } from './context';
import { hasBody, toRow } from './messages';

/** How long one page may take to arrive: a big page from a slow archive is still a page. */
const QUERY_MS = 60_000;

export interface Page {
  rows: Message[];
  /** Rows whose sender asked for a receipt (XEP-0184). */
  wantReceipt: Set<string>;
  /** Chat markers (XEP-0333) and receipts (XEP-0184), archived like messages, oldest first. */
  acks: Ack[];
}

/** What the archive needs to know of our rooms. */
export interface ArchiveRooms {
  /** The room with this bare JID, when it is one of ours. */
  get(jid: string): Room | undefined;
  /** An archived message of `room`, as a row; null when it is nothing to show. */
  rowOf(room: Room, result: MamResult): Message | null;
}

export function createArchiveQueries(ctx: EngineContext, rooms: () => ArchiveRooms) {
  const { session, account } = ctx;
  /** By query id: whose archive it asked (our bare JID or a room's), and where results go. */
  const open = new Map<string, { archive: string; add(r: MamResult): void }>();

  /** Take one archived message; when it answers no query of ours or comes from elsewhere, why not. */
  function collect(result: MamResult): 'taken' | 'refused' | 'room refused' {
    const query = open.get(result.queryId);
    if (!query) return 'refused';
    // Trust: only from the archive we asked: ours ('' is our account's), or the room's.
    const from = result.outerFrom === '' ? account : bareJid(result.outerFrom);
    if (from !== query.archive) return query.archive === account ? 'refused' : 'room refused';
    query.add(result);
    return 'taken';
  }

  /** A one-to-one archived message (ours): its row and what it acknowledges. */
  function addChat(page: Page, result: MamResult) {
    const msg = result.message;
    if (msg.type === 'groupchat' || msg.type === 'error') return;
    const from = bareJid(msg.from);
    const ours = from === account;
    // A private message with a room occupant stays under room/nick, never under the room.
    const other = ours ? msg.to : msg.from;
    const inRoom = rooms().get(bareJid(other)) !== undefined;
    if (inRoom && !other.includes('/')) return;
    const peer = inRoom
      ? `${bareJid(other)}/${other.slice(other.indexOf('/') + 1)}`
      : bareJid(other);
    if (!peer || peer === account) return;
    page.acks.push(...acksOf(msg, peer, ours));
    if (!hasBody(msg)) return;
    const at = (result.stamp ?? new Date()).getTime();
    const row = toRow(msg, peer, ours ? 'out' : 'in', account, at);
    row.stanzaId = result.archiveId;
    page.rows.push(row);
    if (!ours && msg.receiptRequest && msg.id) page.wantReceipt.add(row.id);
  }

  /**
   * One page of an archive: ours (`room` absent), or a room's. Results are collected as they
   * come, before the query's answer, which gives the page's end.
   */
  async function query(
    opts: Omit<MamQueryOptions, 'queryId' | 'to'>,
    room?: Room,
  ): Promise<{ page: Page; fin: MamFin }> {
    const queryId = crypto.randomUUID();
    const page: Page = { rows: [], acks: [], wantReceipt: new Set() };
    const add = room
      ? (r: MamResult) => {
          // The room as it is now (our nick may have changed since the query went out).
          const now = rooms().get(room.jid);
          const row = now && rooms().rowOf(now, r);
          if (row) page.rows.push(row);
        }
      : (r: MamResult) => addChat(page, r);
    open.set(queryId, { archive: room?.jid ?? account, add });
    try {
      const to = room ? { to: room.jid } : {};
      const reply = await session.request(buildMamQuery({ ...opts, ...to, queryId }), QUERY_MS);
      return { page, fin: parseMamFin(reply) ?? { complete: true } };
    } finally {
      open.delete(queryId);
    }
  }

  return { collect, query };
}

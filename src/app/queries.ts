import type {
  AccountDb,
  ConnectionInfo,
  Contact,
  Conversation,
  ConversationKind,
  Draft,
  Message,
  OwnPresence,
  PresenceRow,
  Show,
  SubscriptionRequest,
} from '../db';
import {
  chatOrder,
  conversationMessages,
  firstUnread,
  getMeta,
  getOwnPresence,
  peerKind,
  pendingMessages,
  withPending,
} from '../db';
import { roomDisplayName, splitPrivate } from './rooms';
import { currentDb } from './session';

// Read functions for live queries (ui/lib/live.ts). They read the mirror only.

export { TYPING_FRESH_MS, typingNow } from '../db';
export type {
  ConnectionInfo,
  Contact,
  Conversation,
  ConversationKind,
  Message,
  OwnPresence,
  SubscriptionRequest,
};

export type PresenceShow = Show | 'offline';

export interface ContactView extends Contact {
  displayName: string;
  show: PresenceShow;
  status?: string;
}

/** Our name for them, else the one they gave themselves (XEP-0172 `nick`), else the address. */
export function displayName(
  c: { jid: string; name?: string } | undefined,
  jid: string,
  nick?: string,
): string {
  return c?.name?.trim() || nick?.trim() || jid.split('@')[0] || jid;
}

/** Nicknames people gave themselves, by bare JID. */
async function nicksOf(db: ReturnType<typeof currentDb>, jids?: string[]) {
  const rows = jids ? await db.profiles.bulkGet(jids) : await db.profiles.toArray();
  return new Map(rows.flatMap((p) => (p?.nick ? [[p.jid, p.nick] as const] : [])));
}

const SHOW_RANK: Record<PresenceShow, number> = {
  chat: 0,
  online: 0,
  away: 2,
  xa: 3,
  dnd: 1,
  offline: 4,
};

/** The best resource wins: highest priority, then most available. */
function better(a: PresenceRow, b: PresenceRow): boolean {
  return (
    a.priority - b.priority > 0 ||
    (a.priority === b.priority && SHOW_RANK[a.show] < SHOW_RANK[b.show])
  );
}

/** Each contact's best presence, from all their resources. */
export function bestPresenceByJid(rows: PresenceRow[]): Map<string, PresenceRow> {
  const best = new Map<string, PresenceRow>();
  for (const p of rows) {
    const cur = best.get(p.jid);
    if (!cur || better(p, cur)) best.set(p.jid, p);
  }
  return best;
}

export async function contactsQuery(): Promise<ContactView[]> {
  const db = currentDb();
  const [contacts, presences, nicks] = await Promise.all([
    db.contacts.toArray(),
    db.presences.toArray(),
    nicksOf(db),
  ]);
  const bestOf = bestPresenceByJid(presences);
  return contacts
    .map((c) => contactView(c, bestOf.get(c.jid), nicks.get(c.jid)))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** A contact as the roster shows it, with its best presence. */
function contactView(c: Contact, best: PresenceRow | undefined, nick?: string): ContactView {
  const v: ContactView = {
    ...c,
    displayName: displayName(c, c.jid, nick),
    show: best?.show ?? 'offline',
  };
  if (best?.status) v.status = best.status;
  return v;
}

export interface ConversationView extends Conversation {
  displayName: string;
  show: PresenceShow;
  /** Rooms and private messages in them: the room's name. */
  roomName?: string;
  /** Private messages: the occupant's nickname. */
  privateNick?: string;
  /** What was typed here and not sent, on one line. */
  draft?: string;
}

const DRAFT_PREVIEW_CHARS = 140;

/** A draft as the chat list shows it: one line, its start. */
function draftLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > DRAFT_PREVIEW_CHARS ? `${flat.slice(0, DRAFT_PREVIEW_CHARS - 1)}…` : flat;
}

/**
 * The conversations with their drafts. A draft never moves its conversation in the list (as in
 * WeChat; Telegram lifts it to the top): only messages do. A draft in a conversation without
 * any message yet places it by the draft's time, the only time it has.
 */
export function mergeDrafts(
  convs: Conversation[],
  drafts: Draft[],
  rooms: ReadonlySet<string>,
): Array<Conversation & { draft?: string }> {
  if (!drafts.length) return convs;
  const byPeer = new Map(drafts.map((d) => [d.peer, d]));
  const rows: Array<Conversation & { draft?: string }> = convs.map((c) => {
    const d = byPeer.get(c.peer);
    byPeer.delete(c.peer);
    return d ? { ...c, draft: draftLine(d.text) } : c;
  });
  if (!byPeer.size) return rows;
  for (const d of byPeer.values()) {
    rows.push({
      peer: d.peer,
      // No row yet: the kind its row will have when its first message is written.
      kind: peerKind(d.peer, rooms.has(d.peer)),
      lastAt: d.at,
      preview: '',
      previewDirection: 'out',
      unread: 0,
      draft: draftLine(d.text),
    });
  }
  return rows.sort((a, b) => b.lastAt - a.lastAt);
}

/** The chat list: every conversation but the archived ones, pinned first (db/chatActions.ts). */
export async function conversationsQuery(): Promise<ConversationView[]> {
  return (await allConversationsQuery()).filter((c) => c.archivedAt === undefined);
}

/** Every conversation, archived ones too (search, forward, share), in the list's order. */
export async function allConversationsQuery(): Promise<ConversationView[]> {
  const db = currentDb();
  // One read transaction for the five tables, not one per read: this runs on every message.
  const tables = [
    db.conversations,
    db.rooms,
    db.contacts,
    db.presences,
    db.occupants,
    db.drafts,
    db.profiles,
  ];
  const all = await db.transaction('r', tables, () => readConversations(db));
  return all.sort(chatOrder);
}

async function readConversations(db: ReturnType<typeof currentDb>): Promise<ConversationView[]> {
  // Two rounds of reads, each asked for at once: at a start, with the other views' queries
  // beside it, every round trip waits its turn (four rounds took about 100 ms there).
  const [stored, rooms, drafts] = await Promise.all([
    db.conversations.orderBy('lastAt').reverse().toArray(),
    db.rooms.toArray(),
    db.drafts.toArray(),
  ]);
  const rs = new Map(rooms.map((r) => [r.jid, r]));
  const convs = mergeDrafts(stored, drafts, new Set(rs.keys()));
  // Only the contacts in the list: a roster of thousands is not read for every new message.
  const peers = convs.map((c) => c.peer);
  const privates = convs.flatMap((c) => {
    const p = c.kind === 'private' ? splitPrivate(c.peer) : null;
    return p ? [[p.room, p.nick] as [string, string]] : [];
  });
  const [contacts, presences, nicks, occupantRows] = await Promise.all([
    db.contacts.bulkGet(peers),
    db.presences.where('jid').anyOf(peers).toArray(),
    nicksOf(db, peers),
    privates.length ? db.occupants.bulkGet(privates) : [],
  ]);
  const cs = new Map(contacts.flatMap((c) => (c ? [[c.jid, c] as const] : [])));
  const bestOf = bestPresenceByJid(presences);
  const occupants = new Map(occupantRows.flatMap((o) => (o ? [[`${o.room}/${o.nick}`, o]] : [])));
  return convs.map((c): ConversationView => {
    if (c.kind === 'room') {
      const roomName = roomDisplayName(rs.get(c.peer), c.peer);
      return { ...c, displayName: roomName, roomName, show: 'offline' };
    }
    const p = c.kind === 'private' ? splitPrivate(c.peer) : null;
    if (p) {
      return {
        ...c,
        displayName: p.nick,
        roomName: roomDisplayName(rs.get(p.room), p.room),
        privateNick: p.nick,
        show: occupants.get(c.peer)?.show ?? 'offline',
      };
    }
    return {
      ...c,
      displayName: displayName(cs.get(c.peer), c.peer, nicks.get(c.peer)),
      show: bestOf.get(c.peer)?.show ?? 'offline',
    };
  });
}

export async function totalUnreadQuery(): Promise<number> {
  // One request for all rows (getAll) rather than a cursor stepping through them.
  const convs = await currentDb().conversations.toArray();
  return convs.reduce((n, c) => n + c.unread, 0);
}

/** Where a conversation's unread messages start (read once, when it opens), or null. */
export async function firstUnreadQuery(peer: string) {
  return firstUnread(currentDb(), peer);
}

export async function conversationQuery(peer: string): Promise<Conversation | undefined> {
  return currentDb().conversations.get(peer);
}

/**
 * What the conversation with `peer` is: the kind stored on its row, or for a peer with no row
 * yet (a contact opened for the first time) the kind its row will get (db/kind.ts).
 */
export async function peerKindQuery(peer: string): Promise<ConversationKind> {
  const db = currentDb();
  return db.transaction('r', [db.conversations, db.rooms], async () => {
    const conv = await db.conversations.get(peer);
    return conv?.kind ?? peerKind(peer, (await db.rooms.get(peer)) !== undefined);
  });
}

/** One contact as the roster shows it: reads that contact and its presences, not the roster. */
export async function contactQuery(jid: string): Promise<ContactView | undefined> {
  const db = currentDb();
  return db.transaction('r', [db.contacts, db.presences, db.profiles], async () => {
    const [c, presences, profile] = await Promise.all([
      db.contacts.get(jid),
      db.presences.where('jid').equals(jid).toArray(),
      db.profiles.get(jid),
    ]);
    return c && contactView(c, bestPresenceByJid(presences).get(jid), profile?.nick);
  });
}

/** Not deleted here ("delete for me" keeps a tombstone row). */
const shown = (m: Message) => !m.hidden;

/** A window of a conversation, with where it stands in the history (read together). */
export interface MessageWindow {
  rows: Message[];
  /** The archive has nothing older than what is stored (Conversation.historyComplete). */
  complete: boolean;
  /** Nothing older is stored here: the window starts at the oldest message kept. */
  oldest: boolean;
  /** Nothing newer is stored: the window ends at the newest message, and follows new ones. */
  newest: boolean;
}

/**
 * A window of a conversation, oldest first, never the whole history: the newest `limit`
 * messages, or, while the reader is away from the bottom, the `limit` messages from `fromAt`
 * on (so new arrivals do not push what is on screen out of the window, and a long read back
 * holds no more rows than one window). A window from `fromAt` that reaches the newest message
 * is the newest `limit`. Read in one transaction with the conversation's "history complete":
 * the last older page and that mark are stored together, so a window that has the mark has
 * that page too, and "This is the start of your conversation" never shows above a window still
 * missing it.
 */
export async function messageWindowQuery(
  peer: string,
  limit = 200,
  fromAt?: number | null,
): Promise<MessageWindow> {
  const db = currentDb();
  return db.transaction('r', [db.messages, db.conversations], async () => {
    const complete = (await db.conversations.get(peer))?.historyComplete === true;
    return { ...(await windowRows(db, peer, limit, fromAt)), complete };
  });
}

async function windowRows(
  db: AccountDb,
  peer: string,
  limit: number,
  fromAt: number | null | undefined,
): Promise<Omit<MessageWindow, 'complete'>> {
  if (fromAt !== undefined && fromAt !== null) {
    const range = (lower: unknown, upper: unknown) =>
      db.messages.where('[peer+at]').between(lower, upper, true, true);
    const since = await takeShown(() => range([peer, fromAt], [peer, Infinity]), limit);
    if (since.more) {
      const before = await takeShown(
        () => db.messages.where('[peer+at]').between([peer, -Infinity], [peer, fromAt]).reverse(),
        1,
      );
      return { rows: since.rows, oldest: before.rows.length === 0, newest: false };
    }
  }
  const newest = await takeShown(() => conversationMessages(db, peer).reverse(), limit);
  return { rows: newest.rows.reverse(), oldest: !newest.more, newest: true };
}

/**
 * Up to `limit` shown rows of a range, in its order, and whether it holds more. Tombstones
 * ("delete for me") are skipped, reading further for as many as were skipped. Not
 * `.filter().limit()` on the collection: combined on this compound-index range (reversed),
 * Dexie gave fewer rows than there were.
 */
async function takeShown(
  range: () => { limit(n: number): { toArray(): PromiseLike<Message[]> } },
  limit: number,
): Promise<{ rows: Message[]; more: boolean }> {
  let want = limit + 1;
  for (;;) {
    const raw = await range().limit(want).toArray();
    const kept = raw.filter(shown);
    if (kept.length > limit) return { rows: kept.slice(0, limit), more: true };
    if (raw.length < want) return { rows: kept, more: false };
    want += limit + 1 - kept.length;
  }
}

/**
 * When the window that starts at `at` starts `n` messages earlier: the time of the `n`th shown
 * message before it (of the oldest, if fewer are stored), or null when none is older.
 */
export async function windowStepBackQuery(
  peer: string,
  at: number,
  n: number,
): Promise<number | null> {
  const db = currentDb();
  const { rows } = await takeShown(
    () => db.messages.where('[peer+at]').between([peer, -Infinity], [peer, at]).reverse(),
    n,
  );
  return rows.at(-1)?.at ?? null;
}

/**
 * Messages of a conversation being written in this tab (db/pending.ts): `onChange` is called
 * when they change; `messagesWithPending` gives them with the window read by messageWindowQuery.
 */
export function watchPendingMessages(peer: string, onChange: () => void): () => void {
  return pendingMessages(currentDb()).subscribe((p) => {
    if (p === peer) onChange();
  });
}

/**
 * The window as read, followed by the messages of the conversation still being written (or
 * written, their write not read back yet): at most `max` of them, the newest.
 */
export function messagesWithPending(
  peer: string,
  read: readonly Message[],
  max: number,
): Message[] {
  const pending = pendingMessages(currentDb());
  pending.release(read.map((m) => m.id));
  return withPending(read, pending.rows(peer), max);
}

/** The conversation whose older history is being fetched, or ''. */
export async function loadingOlderQuery(): Promise<string> {
  return (await getMeta(currentDb(), 'loadingOlder')) ?? '';
}

/** Where the look for conversations in the archive stands (a new browser; older ones). */
export async function conversationScanQuery(): Promise<{
  scanning: boolean;
  loading: boolean;
  more: boolean;
}> {
  const s = await getMeta(currentDb(), 'conversationScan');
  return {
    scanning: s?.since !== undefined && !s.complete,
    loading: s?.loading === true,
    more: s !== undefined && !s.complete,
  };
}

export async function requestsQuery(): Promise<SubscriptionRequest[]> {
  return currentDb().requests.orderBy('jid').toArray();
}

export async function requestCountQuery(): Promise<number> {
  return currentDb().requests.count();
}

export async function connectionQuery(): Promise<ConnectionInfo> {
  return (await getMeta(currentDb(), 'connection')) ?? { status: 'offline', at: 0 };
}

export async function ownPresenceQuery(): Promise<OwnPresence> {
  return getOwnPresence(currentDb());
}

export interface TaskErrorView {
  kind: string;
  error: string;
  at: number;
}

/** The last refused request, unless the person dismissed it. */
export async function taskErrorQuery(): Promise<TaskErrorView | null> {
  const db = currentDb();
  const [err, seen] = await Promise.all([
    getMeta(db, 'lastTaskError'),
    getMeta(db, 'taskErrorSeenAt'),
  ]);
  return err && err.at > (seen ?? 0) ? err : null;
}

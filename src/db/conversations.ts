// The conversation list's rows: preview, time and counts, kept in step with their messages.
// The preview is of the conversation's last message as stored, read in the writer's own
// transaction: that is why it is decided here and not in engine/ (issue 14, item 3).
import { peerKind } from './kind';
import type { AccountDb } from './schema';
import type { ChatStateName, Conversation, ConversationKind, Message } from './types';

const PREVIEW_CHARS = 140;

/** All messages of one conversation, by time: the range every windowed read starts from. */
export function conversationMessages(db: AccountDb, peer: string) {
  return db.messages.where('[peer+at]').between([peer, -Infinity], [peer, Infinity]);
}

function preview(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat;
}

/** A file shows as its kind and name (the body is only its URL). */
function previewOf(msg: Message): Pick<Conversation, 'preview' | 'previewFile' | 'previewDeleted'> {
  if (msg.retracted) return { preview: '', previewDeleted: true };
  return msg.file
    ? { preview: preview(msg.file.name), previewFile: msg.file.kind }
    : { preview: preview(msg.body) };
}

/** What new messages change in a conversation: unread ones, mentions of us among them. */
export interface Counts {
  unread: number;
  mentions?: number;
  /** One of them is from the peer: it ends their "typing…". */
  fromPeer?: boolean;
}

/**
 * Whether `a` comes after `b` in a conversation, by the message list's own order: the
 * `[peer+at]` index, where equal times are ordered by id (IndexedDB's order of primary keys).
 */
export function comesAfter(a: Pick<Message, 'at' | 'id'>, b: Pick<Message, 'at' | 'id'>) {
  return a.at > b.at || (a.at === b.at && a.id > b.id);
}

/** The last of these messages in the conversation's order. */
export function lastOf(...ms: ReadonlyArray<Message | undefined>): Message | undefined {
  let last: Message | undefined;
  for (const m of ms) if (m && (!last || comesAfter(m, last))) last = m;
  return last;
}

/** The conversation's last message as stored (in this transaction, after its writes). */
export function lastMessage(db: AccountDb, peer: string): Promise<Message | undefined> {
  // A message deleted here only (a tombstone) is not the conversation's last word.
  return conversationMessages(db, peer)
    .filter((m) => !m.hidden)
    .last();
}

/** The row's preview, time and sender become those of `last`, its last message. */
function showLast(c: Conversation, last: Message) {
  delete c.previewFile;
  delete c.previewDeleted;
  delete c.previewNick;
  Object.assign(c, previewOf(last));
  c.lastAt = last.at;
  c.previewDirection = last.direction;
  if (last.nick !== undefined) c.previewNick = last.nick;
}

/** A conversation's row as it is made: empty, of the kind decided for it once. */
export function newConversation(peer: string, kind: ConversationKind, at: number): Conversation {
  const row: Conversation = {
    peer,
    kind,
    lastAt: at,
    preview: '',
    previewDirection: 'in',
    unread: 0,
  };
  if (kind === 'room') row.mentions = 0;
  return row;
}

/**
 * The kind of a conversation about to be made, by the rule in db/kind.ts. Read only when the
 * row is new (in the writer's transaction, which names `rooms`), so the hot path of a known
 * conversation reads nothing more.
 */
async function kindOfNew(db: AccountDb, peer: string): Promise<ConversationKind> {
  const room = peer.includes('/') ? undefined : await db.rooms.get(peer);
  return peerKind(peer, room !== undefined);
}

/**
 * The conversation row after messages were added to it or moved in it. Its preview, time and
 * place in the list are those of `last`, the conversation's last message by the message list's
 * own order, never of whichever write came last: uploads, acknowledgements and archive pages
 * finish in any order (issue 13, bug 9). `old` is the row as read in this transaction; `extra`
 * is merged in (e.g. markedId). Fields the row has beyond these are kept.
 */
export async function touchConversation(
  db: AccountDb,
  peer: string,
  last: Message | undefined,
  counts: Counts,
  old: Conversation | undefined,
  extra: Partial<Conversation> = {},
) {
  const next: Conversation = old
    ? { ...old }
    : newConversation(peer, await kindOfNew(db, peer), last?.at ?? Date.now());
  next.unread += counts.unread;
  if (last) showLast(next, last);
  // An archived chat comes back to the list when a message newer than its archiving comes in
  // from the peer (our own, e.g. sent from another device, leaves it where it is).
  if (next.archivedAt !== undefined && last?.direction === 'in' && last.at > next.archivedAt)
    delete next.archivedAt;
  // Rooms: mentions of us counted apart from other unread messages.
  if (next.kind === 'room') next.mentions = (old?.mentions ?? 0) + (counts.mentions ?? 0);
  // A message from the peer ends their "typing…".
  if (counts.fromPeer) {
    delete next.peerState;
    delete next.peerStateAt;
  }
  await db.conversations.put({ ...next, ...extra });
}

/** After a message left or changed its place: the row shows the conversation's last message. */
export async function refreshLast(db: AccountDb, peer: string) {
  const [conv, last] = await Promise.all([db.conversations.get(peer), lastMessage(db, peer)]);
  if (!conv) return;
  if (last) showLast(conv, last);
  else {
    conv.preview = '';
    delete conv.previewFile;
    delete conv.previewNick;
  }
  await db.conversations.put(conv);
}

/** Someone's "typing…" holds this long unless they say more (XEP-0085 §5.5). */
export const TYPING_FRESH_MS = 30_000;

/** Who is typing in a room now, by nickname, in order. */
export function typingNow(c: Pick<Conversation, 'typing'> | undefined, now = Date.now()): string[] {
  return Object.entries(c?.typing ?? {})
    .filter(([, at]) => now - at < TYPING_FRESH_MS)
    .map(([nick]) => nick)
    .sort((a, b) => a.localeCompare(b));
}

/**
 * A room occupant's chat state: "composing" puts them among those typing, anything else takes
 * them out. Entries no longer fresh leave with any change.
 */
export async function setRoomTyping(
  db: AccountDb,
  room: string,
  nick: string,
  state: ChatStateName,
) {
  await db.transaction('rw', db.conversations, async () => {
    const c = await db.conversations.get(room);
    if (!c || (state !== 'composing' && !c.typing?.[nick])) return;
    const now = Date.now();
    const typing: Record<string, number> = {};
    for (const [n, at] of Object.entries(c.typing ?? {}))
      if (n !== nick && now - at < TYPING_FRESH_MS) typing[n] = at;
    if (state === 'composing') typing[nick] = now;
    const { typing: _, ...rest } = c;
    await db.conversations.put(Object.keys(typing).length ? { ...rest, typing } : rest);
  });
}

export async function setPeerState(db: AccountDb, peer: string, state: Conversation['peerState']) {
  await db.conversations
    .where('peer')
    .equals(peer)
    .modify((c) => {
      if (state) {
        c.peerState = state;
        c.peerStateAt = Date.now();
      } else {
        delete c.peerState;
        delete c.peerStateAt;
      }
    });
}

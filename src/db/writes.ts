import type { AccountDb } from './schema';
import type { Contact, Conversation, Message, MessageState, PresenceRow, Task } from './types';

const rank: Record<MessageState, number> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  displayed: 3,
  failed: -1,
};

const PREVIEW_CHARS = 140;

function preview(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat;
}

function hasTo(sub: Contact['subscription'] | undefined): boolean {
  return sub === 'to' || sub === 'both';
}

/** Replace the whole roster (full result) or keep it (server said "up to date"). */
export async function applyRoster(db: AccountDb, items: Contact[] | null, ver?: string) {
  await db.transaction('rw', db.contacts, db.meta, async () => {
    if (items) {
      const old = new Map((await db.contacts.toArray()).map((c) => [c.jid, c]));
      await db.contacts.clear();
      await db.contacts.bulkPut(items.map((c) => mergeContact(old.get(c.jid), c)));
    }
    if (ver !== undefined) await db.meta.put(ver, 'rosterVer');
  });
}

function mergeContact(old: Contact | undefined, next: Contact): Contact {
  const lost =
    (old && hasTo(old.subscription) && !hasTo(next.subscription)) ||
    (old?.ask === 'subscribe' && !next.ask && !hasTo(next.subscription));
  const regained = hasTo(next.subscription);
  const lostAt = regained ? undefined : lost ? Date.now() : old?.lostSubscriptionAt;
  const merged: Contact = { ...next };
  if (lostAt !== undefined) merged.lostSubscriptionAt = lostAt;
  return merged;
}

/** One roster push: an upsert, or a removal when subscription is 'remove'. */
export async function applyRosterItem(db: AccountDb, item: Contact, ver?: string) {
  await db.transaction('rw', db.contacts, db.meta, db.presences, db.requests, async () => {
    if (item.subscription === 'remove') {
      await db.contacts.delete(item.jid);
      await db.presences.where('jid').equals(item.jid).delete();
    } else {
      const old = await db.contacts.get(item.jid);
      await db.contacts.put(mergeContact(old, item));
      if (item.subscription === 'from' || item.subscription === 'both') {
        await db.requests.delete(item.jid);
      }
    }
    if (ver !== undefined) await db.meta.put(ver, 'rosterVer');
  });
}

export async function putPresence(db: AccountDb, row: PresenceRow) {
  await db.presences.put(row);
}

export async function removePresence(db: AccountDb, jid: string, resource: string | null) {
  if (resource === null) await db.presences.where('jid').equals(jid).delete();
  else await db.presences.delete([jid, resource]);
}

export async function clearPresences(db: AccountDb) {
  await db.presences.clear();
}

export async function putRequest(db: AccountDb, jid: string, nick?: string) {
  await db.requests.put(nick ? { jid, nick, at: Date.now() } : { jid, at: Date.now() });
}

export async function deleteRequest(db: AccountDb, jid: string) {
  await db.requests.delete(jid);
}

async function touchConversation(db: AccountDb, msg: Message, unreadDelta: number) {
  const old = await db.conversations.get(msg.peer);
  if (old && old.lastAt > msg.at) {
    if (unreadDelta) await db.conversations.update(msg.peer, { unread: old.unread + unreadDelta });
    return;
  }
  const next: Conversation = {
    peer: msg.peer,
    lastAt: msg.at,
    preview: preview(msg.body),
    previewDirection: msg.direction,
    unread: (old?.unread ?? 0) + unreadDelta,
  };
  // A message from the peer ends their "typing…".
  if (old?.peerState && msg.direction === 'out') {
    next.peerState = old.peerState;
    if (old.peerStateAt !== undefined) next.peerStateAt = old.peerStateAt;
  }
  await db.conversations.put(next);
}

/**
 * Store a received message once. Same message = same origin-id in the conversation or the
 * same server stanza-id. Returns false for a duplicate.
 */
export async function storeIncoming(db: AccountDb, msg: Message): Promise<boolean> {
  return db.transaction('rw', db.messages, db.conversations, db.meta, async () => {
    if (await isDuplicate(db, msg)) return false;
    await db.messages.add(msg);
    const open = (await db.meta.get('openPeer')) === msg.peer;
    const counts = msg.direction === 'in' && !open;
    await touchConversation(db, msg, counts ? 1 : 0);
    return true;
  });
}

async function isDuplicate(db: AccountDb, msg: Message): Promise<boolean> {
  if (msg.originId) {
    const same = await db.messages
      .where('[peer+originId]')
      .equals([msg.peer, msg.originId])
      .count();
    if (same > 0) return true;
  }
  if (msg.stanzaId) {
    if ((await db.messages.where('stanzaId').equals(msg.stanzaId).count()) > 0) return true;
  }
  return false;
}

/** The user's intent to send: a message row (queued) and its outbox row, in one transaction. */
export async function queueOutgoing(db: AccountDb, msg: Message) {
  await db.transaction('rw', db.messages, db.outbox, db.conversations, db.meta, async () => {
    await db.messages.add(msg);
    await db.outbox.add({ id: msg.id, peer: msg.peer, createdAt: msg.at, tries: 0 });
    await touchConversation(db, msg, 0);
  });
}

/**
 * Move a message forward in its life (never backwards). With `fromPeer`, only a message that
 * went to that peer moves: receipts and markers are trusted from the recipient alone.
 */
export async function advanceMessage(
  db: AccountDb,
  id: string,
  state: MessageState,
  opts: { fromPeer?: string; error?: string } = {},
): Promise<boolean> {
  return db.transaction('rw', db.messages, db.outbox, async () => {
    const msg = await db.messages.get(id);
    if (msg?.direction !== 'out') return false;
    if (opts.fromPeer !== undefined && msg.peer !== opts.fromPeer) return false;
    if (state !== 'failed' && rank[state] <= rank[msg.state]) return false;
    if (state === 'failed' && rank[msg.state] >= rank.delivered) return false;
    const change: Partial<Message> = { state };
    if (opts.error) change.error = opts.error;
    await db.messages.update(id, change);
    if (state !== 'queued') await db.outbox.delete(id);
    return true;
  });
}

export async function markConversationRead(db: AccountDb, peer: string) {
  await db.conversations.where('peer').equals(peer).modify({ unread: 0 });
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

export async function addTask(db: AccountDb, task: Task) {
  await db.tasks.add({ ...task, createdAt: Date.now() });
}

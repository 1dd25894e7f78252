import { type AccountDb, advanceMessage, markReadElsewhere, markUpToByPeer } from '../db';
import type { ChatMessage } from '../xmpp';

/**
 * "The peer got / displayed our message `id`" (not ours), or "we displayed theirs on another
 * device" (ours): receipts (XEP-0184) and chat markers (XEP-0333) found in the archive, which
 * keeps them like messages (Prosody 0.12's mod_mam stores any message with a receipt or a
 * marker in it).
 */
export interface Ack {
  peer: string;
  id: string;
  ours: boolean;
  state: 'delivered' | 'displayed';
  /** A receipt names one message; a marker also every one before it. */
  receipt?: boolean;
}

/** The acknowledgements an archived message carries; `peer` is the other side of it. */
export function acksOf(msg: ChatMessage, peer: string, ours: boolean): Ack[] {
  const out: Ack[] = [];
  if (msg.receiptFor)
    out.push({ peer, id: msg.receiptFor, ours, state: 'delivered', receipt: true });
  const m = msg.marker;
  if (m)
    out.push({ peer, id: m.id, ours, state: m.type === 'received' ? 'delivered' : 'displayed' });
  return out;
}

/**
 * Apply a page's acknowledgements (oldest first) in one transaction. A marker covers every
 * message before it, so only the newest of each kind per conversation is applied; receipts
 * each name their own message. Trust: each moves only a message of ours that went to the
 * peer it came from (markUpToByPeer, advanceMessage with fromPeer).
 */
export async function applyAcks(db: AccountDb, acks: readonly Ack[]): Promise<void> {
  if (!acks.length) return;
  const newest = new Map<string, Ack>();
  const receipts: Ack[] = [];
  for (const a of acks) {
    if (a.receipt) {
      if (!a.ours) receipts.push(a);
    } else newest.set(`${a.ours}\n${a.state}\n${a.peer}`, a);
  }
  const markers = [...newest.values()].sort((a, b) => (a.state < b.state ? -1 : 1));
  await db.transaction('rw', [db.messages, db.outbox, db.conversations], async () => {
    for (const r of receipts) await advanceMessage(db, r.id, 'delivered', { fromPeer: r.peer });
    for (const m of markers) {
      if (!m.ours) await markUpToByPeer(db, m.peer, m.id, m.state);
      else if (m.state === 'displayed') await markReadElsewhere(db, m.peer, m.id);
    }
  });
}

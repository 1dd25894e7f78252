import {
  advanceMessage,
  type Message,
  markReadElsewhere,
  markUpToByPeer,
  setPeerState,
  storeIncoming,
  storeIncomingMany,
} from '../db';
import { bareJid, type ChatMessage, stanzaIdBy } from '../xmpp';
import type { EngineContext } from './context';
import { attachmentOf } from './upload/attachment';

export type Source = 'live' | 'carbon-received' | 'carbon-sent';

/** A message worth showing: it has text, or it shares a file. */
export function hasBody(msg: ChatMessage): boolean {
  return (msg.body !== undefined && msg.body.trim() !== '') || attachmentOf(msg) !== undefined;
}

/** A message row from a parsed stanza; `peer` and `direction` are decided by the caller. */
export function toRow(
  msg: ChatMessage,
  peer: string,
  direction: 'in' | 'out',
  account: string,
  at: number,
): Message {
  const file = attachmentOf(msg);
  const row: Message = {
    id: crypto.randomUUID(),
    peer,
    direction,
    body: msg.body ?? file?.url ?? '',
    at,
    state: direction === 'in' ? 'delivered' : 'sent',
  };
  if (file) row.file = file;
  const originId = msg.originId ?? msg.id;
  if (originId) row.originId = originId;
  const stanzaId = stanzaIdBy(msg, account);
  if (stanzaId) row.stanzaId = stanzaId;
  if (direction === 'in' && msg.id) row.remoteId = msg.id;
  if (direction === 'in' && msg.markable) row.markable = true;
  return row;
}

/** Incoming one-to-one messages, receipts (XEP-0184), markers (XEP-0333), chat states, errors. */
export function createMessages(
  ctx: EngineContext,
  hooks: { liveStanzaId?: (id: string) => void } = {},
) {
  const { db, account } = ctx;

  async function handle(msg: ChatMessage, source: Source = 'live') {
    if (msg.type === 'groupchat' || msg.type === 'headline') return; // rooms come later
    if (source === 'carbon-sent') return handleOwnCopy(msg);
    const peer = bareJid(msg.from);
    if (msg.type === 'error') {
      // An error bounce of something we sent: it failed, in the server's words. Except when the
      // recipient's session went away after the server took the message: it is in their archive
      // and reaches them when they catch up (Prosody bounces these as recipient-unavailable).
      if (msg.error?.condition === 'recipient-unavailable') return;
      if (msg.id && source === 'live')
        await advanceMessage(db, msg.id, 'failed', {
          fromPeer: peer,
          error: msg.error?.condition ?? 'error',
        });
      return;
    }
    if (!peer || peer === account) return; // own-resource traffic only counts by carbon

    // Trust: receipts and markers count only from the peer the message went to.
    if (msg.receiptFor) await advanceMessage(db, msg.receiptFor, 'delivered', { fromPeer: peer });
    if (msg.marker?.type === 'received') await markUpToByPeer(db, peer, msg.marker.id, 'delivered');
    if (msg.marker?.type === 'displayed' || msg.marker?.type === 'acknowledged')
      await markUpToByPeer(db, peer, msg.marker.id, 'displayed');

    if (hasBody(msg)) {
      const { row, receiptFor } = incomingRow(msg, peer, source);
      // Stored, it also ends the peer's "typing…" (in the same transaction).
      await storeIncoming(db, row, receiptFor ? { receiptFor } : {});
      if (row.stanzaId && source === 'live') hooks.liveStanzaId?.(row.stanzaId);
      return;
    }
    if (msg.chatState && source === 'live') await setPeerState(db, peer, msg.chatState);
  }

  /** Something our other device sent (carbon <sent/>): a message of ours, or "I read this". */
  async function handleOwnCopy(msg: ChatMessage) {
    const peer = bareJid(msg.to);
    if (!peer || peer === account) return;
    if (msg.marker?.type === 'displayed') await markReadElsewhere(db, peer, msg.marker.id);
    if (hasBody(msg)) {
      const row = toRow(msg, peer, 'out', account, msg.delay?.stamp.getTime() ?? Date.now());
      await storeIncoming(db, row);
    }
  }

  /** The row of a message from `peer`, and the receipt owed for it. */
  function incomingRow(msg: ChatMessage, peer: string, source: Source) {
    const row = toRow(msg, peer, 'in', account, msg.delay?.stamp.getTime() ?? Date.now());
    // A carbon copy was answered by the device that received it; we owe nothing.
    const receiptFor = source === 'live' && msg.receiptRequest && msg.id ? msg.id : undefined;
    return { row, ...(receiptFor ? { receiptFor } : {}) };
  }

  /** A plain incoming message (text or a file, nothing else to act on), as a row to store. */
  function plainRow(msg: ChatMessage, source: Source) {
    if (source === 'carbon-sent' || msg.type === 'error') return null;
    if (msg.type === 'groupchat' || msg.type === 'headline') return null;
    if (msg.receiptFor || msg.marker || !hasBody(msg)) return null;
    const peer = bareJid(msg.from);
    if (!peer || peer === account) return null;
    return { ...incomingRow(msg, peer, source), live: source === 'live' };
  }

  /**
   * Messages that arrived together (a burst, a flushed offline queue), in arrival order: runs of
   * plain ones are stored together, in one transaction (storeIncomingMany), so the screen
   * updates once for all of them and a conversation on screen owes one displayed marker, not
   * one per message; anything else (receipts, markers, errors, chat states) is handled on its
   * own, in its place. Should a run fail as a whole, nothing of it was written, and each of its
   * messages is stored on its own, so one bad message loses no other.
   */
  async function handleMany(items: ReadonlyArray<{ msg: ChatMessage; source: Source }>) {
    let plain: Array<NonNullable<ReturnType<typeof plainRow>>> = [];
    const flush = async () => {
      if (!plain.length) return;
      const run = plain;
      plain = [];
      try {
        await storeIncomingMany(db, run); // also ends each peer's "typing…"
      } catch (err) {
        ctx.log('message batch failed, one at a time', err);
        for (const p of run)
          await storeIncoming(db, p.row, p.receiptFor ? { receiptFor: p.receiptFor } : {}).catch(
            (e) => ctx.log('message not stored', e),
          );
      }
      for (const p of run) if (p.live && p.row.stanzaId) hooks.liveStanzaId?.(p.row.stanzaId);
    };
    for (const { msg, source } of items) {
      const p = plainRow(msg, source);
      if (p) plain.push(p);
      else {
        await flush();
        await handle(msg, source).catch((e) => ctx.log('message not stored', e));
      }
    }
    await flush();
  }

  return { handle, handleMany };
}

import { advanceMessage, type Message, setPeerState, storeIncoming } from '../db';
import { bareJid, buildReceipt, type ChatMessage } from '../xmpp';
import type { EngineContext } from './context';

/** A stanza-id is ours to trust only when the server that archived it is our account's. */
function trustedStanzaId(msg: ChatMessage, account: string): string | undefined {
  return msg.stanzaIds.find((s) => bareJid(s.by) === account)?.id;
}

/** Incoming one-to-one messages, receipts (XEP-0184), chat states (XEP-0085) and errors. */
export function createMessages(ctx: EngineContext) {
  const { db, session, account } = ctx;

  async function handle(msg: ChatMessage) {
    const peer = bareJid(msg.from);
    if (msg.type === 'error') {
      // An error bounce of something we sent: the message failed, said in the server's words.
      if (msg.id) {
        await advanceMessage(db, msg.id, 'failed', {
          fromPeer: peer,
          error: msg.error?.condition ?? 'error',
        });
      }
      return;
    }
    if (msg.type === 'groupchat' || msg.type === 'headline') return; // rooms come later
    if (!peer || peer === account) return; // carbons and own-resource traffic are not trusted here

    if (msg.receiptFor) {
      // Trust: a receipt counts only from the peer the message went to.
      await advanceMessage(db, msg.receiptFor, 'delivered', { fromPeer: peer });
    }

    if (msg.body !== undefined && msg.body.trim() !== '') {
      const stanzaId = trustedStanzaId(msg, account);
      const row: Message = {
        id: crypto.randomUUID(),
        peer,
        direction: 'in',
        body: msg.body,
        at: msg.delay?.stamp.getTime() ?? Date.now(),
        state: 'delivered',
      };
      const originId = msg.originId ?? msg.id;
      if (originId) row.originId = originId;
      if (stanzaId) row.stanzaId = stanzaId;
      const stored = await storeIncoming(db, row);
      if (msg.receiptRequest && msg.id) {
        // Answer even a duplicate: the sender may have missed our first receipt.
        await session.send(buildReceipt({ to: msg.from, id: msg.id }));
      }
      if (stored) await setPeerState(db, peer, undefined);
      return;
    }

    if (msg.chatState) {
      await setPeerState(db, peer, msg.chatState === 'composing' ? 'composing' : msg.chatState);
    }
  }

  return { handle };
}

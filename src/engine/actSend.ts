// Our acts on messages already sent, from the outbox to the wire: a correction (XEP-0308), a
// retraction (XEP-0424 with its XEP-0428 fallback) or our reactions (XEP-0444). The message
// is named as its receivers know it: by its sender's id in a chat; in a room, a retraction or a
// reaction names the room's stanza-id, a correction the sender's id (XEP-0308 §5).
import type { Message, OutboxRow } from '../db';
import {
  buildActMessage,
  buildChatMessage,
  buildReactionsChildren,
  buildRetractChildren,
} from '../xmpp';
import type { EngineContext } from './context';
import type { Outcome } from './outboxSend';

/** What a client that knows no retractions shows instead (XEP-0424's suggested text). */
const RETRACT_FALLBACK =
  'This person attempted to retract a previous message, but it is unsupported by your client.';

/** The sender's id of a message: what we gave it, or what its sender gave it. */
export const senderIdOf = (m: Message) => m.originId ?? m.remoteId ?? m.id;

export function createActSender(ctx: EngineContext) {
  const { db, session } = ctx;

  return async function sendAct(
    row: OutboxRow,
    before: () => void,
    online: () => boolean,
  ): Promise<Outcome> {
    const target = row.ref ? await db.messages.get(row.ref) : undefined;
    if (!target) return 'dropped';
    const room = target.peer.includes('/') ? undefined : await db.rooms.get(target.peer);
    if (room && room.status !== 'joined') return 'wait';
    if (!online()) return 'wait';
    const toKind: 'groupchat' | 'private' | undefined = room
      ? 'groupchat'
      : target.peer.includes('/')
        ? 'private'
        : undefined;
    const kind = toKind ? { toKind } : {};
    const named = room ? (target.stanzaId ?? senderIdOf(target)) : senderIdOf(target);
    let stanza: ReturnType<typeof buildActMessage>;
    if (row.kind === 'correct') {
      if (row.body === undefined) return 'dropped';
      stanza = buildChatMessage({
        to: target.peer,
        id: row.id,
        body: row.body,
        replace: senderIdOf(target),
        requestReceipt: false,
        chatState: null,
        ...kind,
      });
    } else if (row.kind === 'retract') {
      stanza = buildActMessage({
        to: target.peer,
        id: row.id,
        children: buildRetractChildren(named, RETRACT_FALLBACK),
        ...kind,
      });
    } else {
      stanza = buildActMessage({
        to: target.peer,
        id: row.id,
        children: buildReactionsChildren(named, row.emojis ?? []),
        ...kind,
      });
    }
    before();
    await session.send(stanza);
    return 'sent';
  };
}

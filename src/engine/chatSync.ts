// The person's chat choices (pinned, archived, marked unread, deleted) follow them to their
// other devices through a private PEP node of ours (XEP-0223, xmpp/chatChoices.ts): a change
// made here is a `syncChat` task, published from the row as it stands; on each new session the
// node's items are fetched and merged, and live notifications are merged as they come
// (db/chatSync.ts: per conversation, the newest wins). A server without PEP, or that refuses
// the node, leaves the choices in this browser as before: logged, nothing shown.
import { applyChatChoices, chatChoicesOf, markChoicesSynced } from '../db';
import {
  bareJid,
  buildChatChoicesGet,
  buildChatChoicesPublish,
  buildChatChoicesRetract,
  type ChatChoicesEvent,
  NS_CHAT_CHOICES,
  parseChatChoicesItems,
} from '../xmpp';
import type { EngineContext } from './context';
import { createPrivateNode, refusal } from './privatePep';

/** Publishing again while the row changes under us: at most this many rounds per task. */
const MAX_ROUNDS = 3;

export function createChatSync(ctx: EngineContext) {
  const { db, session, account } = ctx;
  const node = createPrivateNode(ctx, NS_CHAT_CHOICES, 'chat choices');
  /** Trust: our own node's items and events only from our account (no `from`, or our bare JID). */
  const ours = (from: string) => from === '' || bareJid(from) === account;

  /** Everything the server keeps, merged into this browser: on each new session. */
  async function fetch(): Promise<void> {
    if (node.level === 'refused') return;
    let answer: ReturnType<typeof parseChatChoicesItems>;
    try {
      answer = parseChatChoicesItems(await session.request(buildChatChoicesGet()));
    } catch (err) {
      const condition = refusal(err);
      if (!condition) throw err;
      // item-not-found: never written, nothing chosen elsewhere yet.
      if (condition !== 'item-not-found') ctx.log('chat choices not fetched: kept here only', err);
      return;
    }
    if (!answer) return ctx.log('chat choices: unreadable answer');
    if (!ours(answer.from)) return ctx.log('chat choices refused: not ours', answer.from);
    await applyChatChoices(db, { items: answer.items, retracted: [], complete: true });
  }

  /** A notification from another of our devices (or our own publish coming back). */
  async function handle(event: ChatChoicesEvent): Promise<void> {
    // Checked in xmpp/incoming.ts already; checked again where it is applied.
    if (!ours(event.from)) return ctx.log('chat choices event refused: not ours', event.from);
    if (event.purged) await applyChatChoices(db, { items: [], retracted: [], complete: true });
    else await applyChatChoices(db, { items: event.items, retracted: event.retracted });
  }

  /** Nothing chosen about `peer`: its item goes. */
  async function retract(peer: string): Promise<boolean> {
    try {
      await session.request(buildChatChoicesRetract(peer));
    } catch (err) {
      const condition = refusal(err);
      if (!condition) throw err;
      // item-not-found: there was none to take back.
      if (condition !== 'item-not-found') {
        ctx.log('chat choices: retraction refused', err);
        return false;
      }
    }
    return true;
  }

  /** Publish `peer`'s choices as they stand (the task of a change made here). */
  async function publish(peer: string): Promise<void> {
    // A change made while this went out waits in no task of its own (one task per
    // conversation): publish again until what went out is what the row says.
    let sent: number | undefined;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (node.level === 'refused') return;
      const choices = await chatChoicesOf(db, peer);
      const at = choices?.at ?? 0;
      if (sent === at) return;
      const kept = choices
        ? await node.publish((options) => buildChatChoicesPublish(choices, options))
        : await retract(peer);
      if (!kept) return ctx.log('chat choices: the server keeps none; kept here only', peer);
      await markChoicesSynced(db, peer, at);
      sent = at;
    }
  }

  return { fetch, handle, publish };
}

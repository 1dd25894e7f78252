// Commands on whole conversations (the chat list's menu) and forwarding a message to another
// one. They write intent to this account's database: the change on the row and a `syncChat`
// task in one transaction (db/chatActions.ts); every tab's chat list follows, and the engine
// publishes the change to our other devices (engine/chatSync.ts).
import {
  deleteConversation,
  forwardedCopy,
  type Message,
  markConversationRead,
  queueMessage,
  SentUnsavedError,
  setArchived,
  setMarkedUnread,
  setPinned,
  trace,
} from '../db';
import { CommandError } from './commands';
import { currentDb } from './session';

export function pinChat(peer: string, pinned: boolean) {
  return setPinned(currentDb(), peer, pinned);
}

export function archiveChat(peer: string, archived: boolean) {
  return setArchived(currentDb(), peer, archived);
}

/** Marked unread, or read: then the sender is told, as when the conversation is opened. */
export async function markChatUnread(peer: string, unread: boolean) {
  if (unread) await setMarkedUnread(currentDb(), peer, true);
  else await markConversationRead(currentDb(), peer);
}

/** Deleted here and on our other devices: the contact, the room and the server's archive stay. */
export function deleteChat(peer: string) {
  return deleteConversation(currentDb(), peer);
}

/** Whether the message menu offers "Forward": something the receiver can see. */
export function isForwardable(m: Message): boolean {
  return forwardedCopy(m, m.peer, m.id, m.at) !== null;
}

/**
 * Send a copy of message `id` to the conversation `peer`, as a new message of ours through
 * the outbox (not a reply, not a XEP-0297 wrapper: every client shows a plain message, and a
 * file is re-sent by its URL with its XEP-0066 link, so nothing is uploaded again).
 */
export async function forwardMessage(id: string, peer: string): Promise<string> {
  const db = currentDb();
  const source = await db.messages.get(id);
  const newId = crypto.randomUUID();
  const copy = source ? forwardedCopy(source, peer, newId, Date.now()) : null;
  if (!copy) throw new CommandError('empty');
  trace('send', newId);
  try {
    await queueMessage(db, copy);
  } catch (err) {
    if (err instanceof SentUnsavedError) throw new CommandError('sent-not-saved');
    throw err;
  }
  return newId;
}

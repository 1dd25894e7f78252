import {
  addTask,
  type ChatStateName,
  deleteUnsent,
  type Message,
  markConversationRead,
  markReadUpTo,
  type OwnPresence,
  queueMessage,
  requeueMessage,
  SentUnsavedError,
  setMeta,
  trace,
} from '../db';
import { completeAddress } from './address';
import { loadConfig } from './config';
import { currentAccount, currentDb } from './session';

export class CommandError extends Error {
  constructor(readonly code: 'empty' | 'too-long' | 'bad-address' | 'self' | 'sent-not-saved') {
    super(code);
    this.name = 'CommandError';
  }
}

const MAX_BODY = 10_000;

/**
 * Queue a message; it shows at once as queued, and the engine sends it when it can. This writes
 * intent only: the engine of the tab that holds the connection hears of the write as it starts
 * (db/outgoing.ts) and may send the message in this very task, before the write commits. Should
 * the write fail after that, the error says it was sent but not saved here (the server's archive
 * has it); should it fail before, nothing left, and the error is the storage's.
 */
export async function sendMessage(
  peer: string,
  body: string,
  opts: { replyTo?: Message['replyTo'] } = {},
): Promise<string> {
  const text = body.replace(/\s+$/, '');
  if (!text.trim()) throw new CommandError('empty');
  if (text.length > MAX_BODY) throw new CommandError('too-long');
  return queueOwnMessage(peer, text, opts.replyTo ? { replyTo: opts.replyTo } : {});
}

/**
 * A message of ours into the outbox, its id also its origin-id: the one way every kind of
 * message we write goes (text, and the support room's claims, cards, closes, ratings and
 * pre-chat details in `extra`). A write that fails after the stanza left says so.
 */
export async function queueOwnMessage(
  peer: string,
  body: string,
  extra: Partial<Message> = {},
): Promise<string> {
  const id = crypto.randomUUID();
  trace('send', id);
  const msg: Message = {
    ...extra,
    id,
    peer,
    direction: 'out',
    body,
    at: Date.now(),
    state: 'queued',
    originId: id,
  };
  try {
    await queueMessage(currentDb(), msg);
  } catch (err) {
    if (err instanceof SentUnsavedError) throw new CommandError('sent-not-saved');
    throw err;
  }
  trace('queued', id);
  return id;
}

export function normalizeAddress(input: string): string {
  const a = input
    .trim()
    .replace(/^xmpp:/i, '')
    .toLowerCase();
  const m = /^([^@\s/"&'<>:]+)@([^@\s/]+\.[^@\s/]+|localhost)$/.exec(a);
  if (!m) throw new CommandError('bad-address');
  return a;
}

export async function addContact(address: string, name?: string, group?: string) {
  // A bare name is on our own server, as at sign-in.
  const { domain } = await loadConfig();
  const a = address.trim().replace(/^xmpp:/i, '');
  const jid = normalizeAddress(completeAddress(a, domain)?.bare ?? a);
  if (jid === currentAccount()) throw new CommandError('self');
  const groups = group?.trim() ? [group.trim()] : [];
  const nm = name?.trim();
  await addTask(currentDb(), { kind: 'addContact', jid, groups, ...(nm ? { name: nm } : {}) });
}

export async function removeContact(jid: string) {
  await addTask(currentDb(), { kind: 'removeContact', jid });
}

export async function acceptRequest(jid: string) {
  await addTask(currentDb(), { kind: 'acceptRequest', jid });
}

export async function declineRequest(jid: string) {
  await addTask(currentDb(), { kind: 'declineRequest', jid });
}

export async function setOwnPresence(show: OwnPresence['show'], status: string) {
  const db = currentDb();
  await setMeta(db, 'ownPresence', { show, status: status.slice(0, 500) });
  await addTask(db, { kind: 'setPresence' });
}

/**
 * The conversation being read live (on screen at its newest message, the page visible and
 * focused), or null: its messages are read as they arrive, and everything in it is read now.
 */
export async function openConversation(peer: string | null) {
  const db = currentDb();
  await setMeta(db, 'openPeer', peer ?? '');
  if (peer) await markConversationRead(db, peer);
}

/** The person saw the conversation up to the message at `at` (it was on screen). */
export async function markSeenUpTo(peer: string, at: number) {
  await markReadUpTo(currentDb(), peer, at);
}

const lastState = new Map<string, ChatStateName>();
/** Tell the peer we are typing (XEP-0085); only changes are sent. */
export async function setTyping(peer: string, state: ChatStateName) {
  if (lastState.get(peer) === state) return;
  lastState.set(peer, state);
  await addTask(currentDb(), { kind: 'chatState', peer, state });
}

/** Send a failed message again. */
export async function retryMessage(id: string) {
  await requeueMessage(currentDb(), id);
}

/** Delete a message that never left. */
export async function deleteMessage(id: string) {
  await deleteUnsent(currentDb(), id);
}

/** Ask for the next older page of a conversation from the server's archive. */
export async function loadOlder(peer: string) {
  const db = currentDb();
  const pending = await db.tasks.filter((t) => t.kind === 'loadOlder' && t.peer === peer).count();
  if (pending === 0) await addTask(db, { kind: 'loadOlder', peer });
}

/** Look further back in the archive for conversations older than those listed. */
export async function loadOlderConversations() {
  const db = currentDb();
  const pending = await db.tasks.filter((t) => t.kind === 'olderConversations').count();
  if (pending === 0) await addTask(db, { kind: 'olderConversations' });
}

export async function dismissTaskError() {
  await setMeta(currentDb(), 'taskErrorSeenAt', Date.now());
}

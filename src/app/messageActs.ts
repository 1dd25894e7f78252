// Commands that act on a message already in the conversation: edit, delete (for everyone or
// for me), react, and what a reply names. Each writes intent (db/acts.ts); the engine sends.
import {
  addTask,
  hideMessage,
  type Message,
  queueCorrection,
  queueRetraction,
  toggleReaction as toggle,
} from '../db';
import { CommandError } from './commands';
import { currentAccount, currentDb } from './session';

const MAX_BODY = 10_000;

/** A message of ours that can still be edited or deleted for everyone. */
export function isEditable(m: Message): boolean {
  return m.direction === 'out' && !m.retracted && !m.hidden && m.state !== 'failed' && !m.file;
}

export function isRetractable(m: Message): boolean {
  return m.direction === 'out' && !m.retracted && !m.hidden;
}

/** Correct a message of ours (XEP-0308); the new text shows at once. */
export async function editMessage(id: string, body: string): Promise<boolean> {
  const text = body.replace(/\s+$/, '');
  if (!text.trim()) throw new CommandError('empty');
  if (text.length > MAX_BODY) throw new CommandError('too-long');
  return queueCorrection(currentDb(), id, text);
}

/** Delete a message of ours for everyone (XEP-0424). */
export function deleteForEveryone(id: string): Promise<boolean> {
  return queueRetraction(currentDb(), id);
}

/** Delete a message here only; it stays gone after a reload or a catch-up. */
export function deleteForMe(id: string): Promise<boolean> {
  return hideMessage(currentDb(), id);
}

/** Add our reaction `emoji` to a message, or take it back (XEP-0444). */
export function toggleReaction(id: string, emoji: string): Promise<boolean> {
  return toggle(currentDb(), id, emoji);
}

/** Our last message in a conversation that can be edited (ArrowUp in an empty composer). */
export async function lastEditable(peer: string): Promise<Message | undefined> {
  const db = currentDb();
  return db.messages
    .where('[peer+at]')
    .between([peer, -Infinity], [peer, Infinity])
    .reverse()
    .filter((m) => m.direction === 'out' && !m.hidden)
    .first()
    .then((m) => (m && isEditable(m) ? m : undefined));
}

/**
 * How a reply names the message it answers (XEP-0461): in a room by the room's stanza-id,
 * elsewhere by its sender's id; `to` is who wrote it.
 */
export async function replyRef(m: Message): Promise<NonNullable<Message['replyTo']>> {
  const room = await currentDb().rooms.get(m.peer);
  if (room) {
    const nick = m.direction === 'out' ? (m.nick ?? room.nick) : m.nick;
    return { id: m.stanzaId ?? m.originId ?? m.id, ...(nick ? { to: `${m.peer}/${nick}` } : {}) };
  }
  const author = m.direction === 'out' ? currentAccount() : m.peer.split('/')[0];
  return { id: m.originId ?? m.remoteId ?? m.id, ...(author ? { to: author } : {}) };
}

/** The message a reply names, when it is on this device (by sender's id or server id). */
export async function repliedMessage(peer: string, wireId: string): Promise<Message | null> {
  const db = currentDb();
  const m =
    (await db.messages.where('[peer+originId]').equals([peer, wireId]).first()) ??
    (await db.messages
      .where('stanzaId')
      .equals(wireId)
      .filter((r) => r.peer === peer)
      .first());
  return m && !m.hidden ? m : null;
}

/**
 * Someone else's message in a room where we are a moderator and the room offers XEP-0425:
 * "Delete for everyone" asks the room to retract it. The room decides; we only ask.
 */
export async function canModerate(m: Message): Promise<boolean> {
  if (m.direction !== 'in' || m.retracted || m.hidden || !m.stanzaId || m.peer.includes('/'))
    return false;
  const room = await currentDb().rooms.get(m.peer);
  return (
    room?.status === 'joined' && room.role === 'moderator' && room.features?.moderation === true
  );
}

/** Ask the room to retract someone's message for everyone (XEP-0425). */
export async function moderateMessage(id: string, reason?: string): Promise<boolean> {
  const db = currentDb();
  const m = await db.messages.get(id);
  if (!m || !(await canModerate(m)) || !m.stanzaId) return false;
  const why = reason?.trim().slice(0, 1024);
  await addTask(db, {
    kind: 'moderate',
    room: m.peer,
    id: m.stanzaId,
    ...(why ? { reason: why } : {}),
  });
  return true;
}

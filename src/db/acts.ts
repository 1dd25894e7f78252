// Acting on a message already there: corrections (XEP-0308), retractions (XEP-0424),
// reactions (XEP-0444) and "delete for me", ours (queued to go out) and others' (received).
// Each reads the message it changes and writes it in one transaction, so two copies of one
// act (a carbon and the archive's) apply once, and the conversation's preview follows.
import { refreshLast } from './conversations';
import { outboxStamp } from './outbox';
import { deleteUnsent } from './outgoing';
import type { AccountDb } from './schema';
import type { Message, MessageActKind, OutboxRow, Reaction } from './types';

/** Corrections remembered per message (ids only), enough for every copy of the recent ones. */
const MAX_CORRECTION_IDS = 50;
/** Earlier texts kept per message. */
const MAX_EDITS = 20;

/** Why an act did not change anything: no such message here, not the sender's, or a copy. */
export type ActOutcome = 'applied' | 'missing' | 'refused' | 'duplicate';

/**
 * The message an act names in conversation `peer`: by its sender's id (origin-id, kept as
 * `originId`), or by the server's stanza-id (rooms name messages by the room's id).
 */
export async function findByWireId(
  db: AccountDb,
  peer: string,
  wireId: string,
): Promise<Message | undefined> {
  const byOrigin = await db.messages.where('[peer+originId]').equals([peer, wireId]).first();
  if (byOrigin) return byOrigin;
  return db.messages
    .where('stanzaId')
    .equals(wireId)
    .filter((m) => m.peer === peer)
    .first();
}

/** An act from the network, and the trust rule its sender must pass for the message named. */
export interface ReceivedAct {
  peer: string;
  wireId: string;
  /** The engine's trust rule: may this sender act on this message? */
  allowed: (target: Message) => boolean;
}

const tables = (db: AccountDb) => [db.messages, db.conversations, db.media, db.outbox];

async function applyReceived(
  db: AccountDb,
  act: ReceivedAct,
  change: (target: Message) => Partial<Message> | 'duplicate',
): Promise<ActOutcome> {
  return db.transaction('rw', tables(db), async () => {
    const target = await findByWireId(db, act.peer, act.wireId);
    if (!target) return 'missing';
    if (!act.allowed(target)) return 'refused';
    const changes = change(target);
    if (changes === 'duplicate') return 'duplicate';
    await write(db, target, changes);
    return 'applied';
  });
}

/** Write `changes` to `target`, drop a file no longer shown, and follow in the preview. */
async function write(db: AccountDb, target: Message, changes: Partial<Message>) {
  await db.messages.update(target.id, changes);
  if (('file' in changes || 'hidden' in changes) && target.file?.url)
    await db.media.delete(target.file.url);
  if ('body' in changes || 'hidden' in changes) await refreshLast(db, target.peer);
}

/** The changes a correction makes: the text, with the one it replaces kept as history. */
function corrected(target: Message, id: string, body: string, at: number) {
  if (target.retracted || target.hidden) return 'duplicate' as const;
  if (target.corrections?.includes(id)) return 'duplicate' as const;
  return {
    body,
    edits: [...(target.edits ?? []), { body: target.body, at: target.editedAt ?? target.at }].slice(
      -MAX_EDITS,
    ),
    editedAt: at,
    corrections: [...(target.corrections ?? []), id].slice(-MAX_CORRECTION_IDS),
  } satisfies Partial<Message>;
}

/** What a retraction leaves: a "message deleted" row, with nothing of what it said. */
const RETRACTED: Partial<Message> = {
  retracted: true,
  body: '',
  file: undefined,
  edits: undefined,
  reactions: undefined,
  replyTo: undefined,
};

/** A correction (XEP-0308) from the network: `id` is the correction's own id. */
export function applyCorrection(
  db: AccountDb,
  act: ReceivedAct & { id: string; body: string; at: number },
) {
  return applyReceived(db, act, (t) => corrected(t, act.id, act.body, act.at));
}

/** A retraction (XEP-0424) from the network. */
export function applyRetraction(db: AccountDb, act: ReceivedAct) {
  return applyReceived(db, act, (t) => (t.retracted ? 'duplicate' : RETRACTED));
}

/** A moderation (XEP-0425) from the room: retracted, with who did it and why, when said. */
export function applyModeration(
  db: AccountDb,
  act: ReceivedAct & { by?: string; reason?: string },
) {
  const moderated = {
    ...(act.by ? { by: act.by } : {}),
    ...(act.reason ? { reason: act.reason } : {}),
  };
  return applyReceived(db, act, (t) => (t.retracted ? 'duplicate' : { ...RETRACTED, moderated }));
}

/** Reactions (XEP-0444) from the network: `by` reacted with exactly `emojis` now. */
export function applyReactions(
  db: AccountDb,
  act: ReceivedAct & { by: string; name?: string; emojis: readonly string[] },
) {
  return applyReceived(db, act, (t) => {
    if (t.retracted) return 'duplicate';
    return { reactions: withReaction(t.reactions, act.by, act.emojis, act.name) };
  });
}

function withReaction(
  list: readonly Reaction[] | undefined,
  by: string,
  emojis: readonly string[],
  name?: string,
): Reaction[] | undefined {
  const others = (list ?? []).filter((r) => r.by !== by);
  const next = emojis.length
    ? [...others, { by, emojis: [...emojis], ...(name ? { name } : {}) }]
    : others;
  return next.length ? next : undefined;
}

function actRow(kind: MessageActKind, target: Message, extra: Partial<OutboxRow> = {}): OutboxRow {
  return {
    id: crypto.randomUUID(),
    peer: target.peer,
    createdAt: outboxStamp(),
    tries: 0,
    kind,
    ref: target.id,
    ...extra,
  };
}

/** Ours, sent, still there: the only messages we may correct or retract. */
const ownSent = (m: Message | undefined): m is Message =>
  m?.direction === 'out' && !m.retracted && !m.hidden && m.state !== 'failed';

/**
 * Correct a message of ours: shown at once; the correction goes out through the outbox. A
 * message still waiting to go simply goes with the new text.
 */
export async function queueCorrection(db: AccountDb, id: string, body: string): Promise<boolean> {
  return db.transaction('rw', tables(db), async () => {
    const target = await db.messages.get(id);
    if (!ownSent(target) || target.file || target.body === body) return false;
    if (target.state === 'queued' && (await db.outbox.get(id))) {
      await write(db, target, { body });
      return true;
    }
    const row = actRow('correct', target, { body });
    const changes = corrected(target, row.id, body, Date.now());
    if (changes === 'duplicate') return false;
    await db.outbox.add(row);
    await write(db, target, changes);
    return true;
  });
}

/**
 * Delete a message of ours for everyone: it shows "deleted" at once, and the retraction goes
 * out through the outbox. One that never left is simply deleted.
 */
export async function queueRetraction(db: AccountDb, id: string): Promise<boolean> {
  const target = await db.messages.get(id);
  if (target?.direction === 'out' && (target.state === 'queued' || target.state === 'failed')) {
    const outbox = await db.outbox.get(id);
    if (outbox || target.state === 'failed') {
      await deleteUnsent(db, id);
      return true;
    }
  }
  return db.transaction('rw', tables(db), async () => {
    const t = await db.messages.get(id);
    if (!ownSent(t)) return false;
    await db.outbox.add(actRow('retract', t));
    await write(db, t, RETRACTED);
    return true;
  });
}

/** Add or take back our reaction `emoji` to a message; our whole set goes out. */
export async function toggleReaction(db: AccountDb, id: string, emoji: string): Promise<boolean> {
  return db.transaction('rw', tables(db), async () => {
    const target = await db.messages.get(id);
    if (!target || target.retracted || target.hidden) return false;
    const mine = target.reactions?.find((r) => r.by === 'me')?.emojis ?? [];
    const emojis = mine.includes(emoji) ? mine.filter((e) => e !== emoji) : [...mine, emoji];
    // One reactions stanza replaces the one before: an older one not yet sent need not go.
    await db.outbox.filter((r) => r.kind === 'react' && r.ref === id && r.tries === 0).delete();
    await db.outbox.add(actRow('react', target, { emojis }));
    await write(db, target, { reactions: withReaction(target.reactions, 'me', emojis) });
    return true;
  });
}

/**
 * Delete a message here only. The row stays as a tombstone without its text or file, so its
 * copy from the archive or another device is recognised and not shown again.
 */
export async function hideMessage(db: AccountDb, id: string): Promise<boolean> {
  return db.transaction('rw', tables(db), async () => {
    const target = await db.messages.get(id);
    if (!target || target.hidden) return false;
    if (target.direction === 'out' && target.state === 'queued') await db.outbox.delete(id);
    await write(db, target, { ...RETRACTED, retracted: target.retracted, hidden: true });
    return true;
  });
}

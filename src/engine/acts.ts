// Corrections, retractions and reactions that arrive (live, by carbon, from an archive), with
// the trust rule each passes: only the original sender may correct or retract a message (in a
// chat the same bare JID; in a room the same occupant id where the room stamps them, else the
// same nickname, so never across a nickname change), and a reaction counts as its sender's own.
// An act on a message that is not here, or not the sender's, is dropped.
import {
  type ActOutcome,
  applyCorrection,
  applyModeration,
  applyReactions,
  applyRetraction,
  type Message,
} from '../db';
import type { ChatMessage } from '../xmpp';
import type { EngineContext } from './context';

/** Who sent an act, as far as the stanza's route tells. */
export type Actor =
  /** Us: a carbon of our own, our archive's copy of what we sent, a room's reflection. */
  | { kind: 'own' }
  /** The peer of a one-to-one conversation (bare JID), or a room occupant in a private chat. */
  | { kind: 'peer'; jid: string }
  /** Someone in a room; `byOccupantId` when the room advertises XEP-0421. */
  | { kind: 'occupant'; nick: string; occupantId?: string; byOccupantId: boolean }
  /** A room itself (its bare JID): it writes nothing of its own, but may moderate (XEP-0425). */
  | { kind: 'room' };

/** Trust: may `actor` correct or retract `target`? Only the one who wrote it. */
export function isAuthor(actor: Actor, target: Message): boolean {
  switch (actor.kind) {
    case 'own':
      return target.direction === 'out';
    case 'peer':
      return target.direction === 'in' && target.peer === actor.jid;
    case 'room':
      return false;
    case 'occupant':
      if (target.direction !== 'in') return false;
      // A room that stamps occupant ids stamps every message: the ids decide.
      if (actor.byOccupantId && target.occupantId)
        return actor.occupantId !== undefined && actor.occupantId === target.occupantId;
      return target.nick === actor.nick;
  }
}

/** Who a reaction is from: 'me', a bare JID, or an occupant (by occupant id, else nickname). */
function reactor(actor: Exclude<Actor, { kind: 'room' }>): { by: string; name?: string } {
  switch (actor.kind) {
    case 'own':
      return { by: 'me' };
    case 'peer':
      return { by: actor.jid };
    case 'occupant':
      return actor.byOccupantId && actor.occupantId
        ? { by: `id:${actor.occupantId}`, name: actor.nick }
        : { by: `nick:${actor.nick}`, name: actor.nick };
  }
}

/** An act in conversation `peer` (a bare JID, a room, or room/nick). */
export interface ActIn {
  msg: ChatMessage;
  peer: string;
  actor: Actor;
  at: number;
}

export function createActs(ctx: EngineContext) {
  const { db } = ctx;

  async function apply({ msg, peer, actor, at }: ActIn): Promise<ActOutcome> {
    const act = msg.act;
    if (!act) return 'missing';
    const base = { peer, wireId: act.id };
    let outcome: ActOutcome;
    // Trust (XEP-0425): a moderation only from the room itself; the room acts in no other way.
    if ((act.kind === 'moderate') !== (actor.kind === 'room')) {
      ctx.log(`${act.kind} dropped: ${actor.kind === 'room' ? 'from the room' : 'not the room'}`);
      return 'refused';
    }
    if (act.kind === 'moderate') {
      outcome = await applyModeration(db, {
        ...base,
        ...(act.by ? { by: act.by } : {}),
        ...(act.reason ? { reason: act.reason } : {}),
        // A room moderates messages in itself only, never a private chat with an occupant.
        allowed: (t) => t.peer === peer && !peer.includes('/'),
      });
    } else if (act.kind === 'correct') {
      const body = msg.body?.trim() ? msg.body : undefined;
      const id = msg.originId ?? msg.id;
      if (!body || !id) return 'refused';
      outcome = await applyCorrection(db, {
        ...base,
        id,
        body,
        at,
        allowed: (t) => isAuthor(actor, t) && !t.file,
      });
    } else if (act.kind === 'retract') {
      outcome = await applyRetraction(db, { ...base, allowed: (t) => isAuthor(actor, t) });
    } else if (actor.kind !== 'room') {
      outcome = await applyReactions(db, {
        ...base,
        ...reactor(actor),
        emojis: act.emojis,
        allowed: () => true, // anyone in the conversation may react; as themselves only
      });
    } else return 'refused';
    if (outcome === 'refused' || outcome === 'missing')
      ctx.log(
        `${act.kind} dropped: ${outcome === 'refused' ? 'not the sender' : 'no such message'}`,
      );
    return outcome;
  }

  /** Apply acts in order, each on its own: one that fails loses no other. */
  async function applyAll(acts: readonly ActIn[]) {
    for (const a of acts) await apply(a).catch((err) => ctx.log('act not applied', err));
  }

  return { apply, applyAll };
}

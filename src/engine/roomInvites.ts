// Invitations into rooms, both ways: mediated through the room (XEP-0045 §7.8.2) and direct
// (XEP-0249).
//
// Trust: a direct invitation counts only from someone in our roster; anyone else's is spam.
// A mediated one comes from the room itself, and joins only when the person says so.
import { putInvite } from '../db';
import {
  bareJid,
  buildDirectInvite,
  buildMediatedDecline,
  buildMediatedInvite,
  type IncomingRecord,
} from '../xmpp';
import type { EngineContext } from './context';
import { discoRoom } from './roomDisco';
import type { RoomState } from './roomState';

type Invitation = Extract<IncomingRecord, { kind: 'invitation' }>;

export function createRoomInvites(ctx: EngineContext, state: RoomState) {
  const { db, session } = ctx;

  async function handleInvitation(r: Invitation) {
    if (r.via === 'direct' && !(await db.contacts.get(r.from))) {
      ctx.log('invitation from a stranger dropped', r.from);
      return;
    }
    const { invite } = r;
    await putInvite(db, {
      room: invite.room,
      from: r.via === 'direct' ? r.from : bareJid(invite.from),
      at: Date.now(),
      ...(invite.reason ? { reason: invite.reason } : {}),
      ...(invite.password ? { password: invite.password } : {}),
    });
    void describeInvite(invite.room);
  }

  /** An invitation names its room by address only: its name and description, from the room. */
  async function describeInvite(jid: string) {
    const info = await discoRoom(ctx, jid).catch(() => null);
    if (!info?.name && !info?.description) return;
    await db.invites
      .update(jid, {
        ...(info.name ? { roomName: info.name } : {}),
        ...(info.description ? { description: info.description } : {}),
      })
      .catch((err) => ctx.log('invitation not described', err));
  }

  async function invite(roomJid: string, to: string, reason?: string) {
    const room = state.known.get(roomJid);
    // Members-only rooms need the room to invite (it makes the invitee a member); elsewhere a
    // direct invitation (XEP-0249) reaches any client.
    if (room?.features?.membersOnly) await session.send(buildMediatedInvite(roomJid, to, reason));
    else
      await session.send(
        buildDirectInvite(to, {
          room: roomJid,
          ...(reason ? { reason } : {}),
          ...(room?.password ? { password: room.password } : {}),
        }),
      );
  }

  return {
    handleInvitation,
    invite,
    declineInvite: (room: string, to: string) => session.send(buildMediatedDecline(room, to)),
  };
}

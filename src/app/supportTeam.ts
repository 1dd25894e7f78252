import { CommandError, queueOwnMessage } from './commands';
import { loadConfig } from './config';
import { currentAccount, currentDb } from './session';
import { latestClaim, roomPrechat, supportOutcome } from './support';

export { supportClaimQuery } from './support';

export function prechatQuery(room: string) {
  return () => roomPrechat(room);
}

/**
 * Rooms the widget makes are named after the shopper's account (app/support.ts): a guest's
 * (`guest-…`) or a known customer's (`customer-…`, made by the shop's backend).
 */
export function isSupportRoom(jid: string): boolean {
  return /^(?:guest-[a-z0-9]+|customer-[a-z0-9][a-z0-9._-]*)@/.test(jid);
}

/**
 * The shop's customer id when the room's shopper is a known customer: the room vouched for
 * their address (`by`, engine/supportClaims.ts) on the host where only the shop's backend
 * makes accounts (config.json `supportCustomerDomain`). Null for a guest, or anyone else.
 */
export function verifiedCustomer(
  details: { by?: string } | null,
  customerDomain: string | undefined,
): string | null {
  if (!details?.by || !customerDomain) return null;
  const [local, domain] = details.by.split('@');
  if (domain !== customerDomain || !local?.startsWith('customer-')) return null;
  return local.slice('customer-'.length) || null;
}

export type InboxFilter = 'unclaimed' | 'mine' | 'all';

export interface InboxItem {
  jid: string;
  name: string;
  unread: number;
  lastAt: number;
  preview: string;
  claim: { agent: string; name: string } | null;
  /** Closed by the team and not written in since. */
  closed: boolean;
  /** The shopper's newest rating (stars). */
  rating: number | null;
  /** The shop's customer id when the shopper is a verified customer (verifiedCustomer). */
  customer: string | null;
}

/** The shoppers' rooms we are in, newest first, as `filter` picks them. */
export function supportInboxQuery(filter: InboxFilter) {
  const db = currentDb();
  const me = currentAccount();
  return async (): Promise<InboxItem[]> => {
    const customers = (await loadConfig().catch(() => null))?.supportCustomerDomain;
    const rooms = (await db.rooms.toArray()).filter(
      (r) => isSupportRoom(r.jid) && r.status !== 'destroyed' && r.status !== 'left',
    );
    const items = await Promise.all(
      rooms.map(async (r): Promise<InboxItem> => {
        const conv = await db.conversations.get(r.jid);
        const claim = await latestClaim(r.jid);
        const outcome = await supportOutcome(r.jid);
        const details = customers ? await roomPrechat(r.jid) : null;
        return {
          jid: r.jid,
          name: r.name?.trim() || r.jid.split('@')[0] || r.jid,
          unread: conv?.unread ?? 0,
          lastAt: conv?.lastAt ?? 0,
          preview: conv?.preview ?? '',
          claim: claim ? { agent: claim.agent, name: claim.name } : null,
          closed: outcome.closedAt !== null,
          rating: outcome.rating?.stars ?? null,
          customer: verifiedCustomer(details, customers),
        };
      }),
    );
    return (
      items
        // A closed conversation waits for nobody: only under All until the shopper writes again.
        .filter((i) =>
          filter === 'all'
            ? true
            : !i.closed && (filter === 'mine' ? i.claim?.agent === me : !i.claim),
        )
        .sort((a, b) => b.lastAt - a.lastAt)
    );
  };
}

/** The team members in the room now who could take it over (real JID known, not us). */
export function handOverCandidatesQuery(room: string) {
  const db = currentDb();
  const me = currentAccount();
  const shopper = room.split('@')[0];
  return async () =>
    (await db.occupants.where('room').equals(room).toArray()).filter(
      (o) =>
        o.jid &&
        o.jid !== me &&
        o.jid.split('@')[0] !== shopper &&
        ['member', 'admin', 'owner'].includes(o.affiliation),
    );
}

/**
 * Say in the room that `agent` takes care of it from now on (ourselves to claim, another
 * agent to hand over). `body` is the human text, in the sender's language.
 */
export async function claimConversation(
  room: string,
  agent: { jid: string; name: string },
  body: string,
): Promise<string> {
  if (!isSupportRoom(room)) throw new CommandError('bad-address');
  return queueOwnMessage(room, body, {
    claim: { agent: agent.jid, name: agent.name.slice(0, 64) },
  });
}

/** Close the conversation (the shopper's widget then asks for a rating); `body` for any client. */
export async function closeConversation(room: string, body: string): Promise<string> {
  if (!isSupportRoom(room)) throw new CommandError('bad-address');
  return queueOwnMessage(room, body, { closed: true });
}

export function supportOutcomeQuery(room: string) {
  return () => supportOutcome(room);
}

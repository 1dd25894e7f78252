import { applyRoster, applyRosterItem, type Contact, getMeta } from '../db';
import {
  buildRosterGet,
  buildRosterRemove,
  buildRosterSet,
  buildSubscription,
  parseIncoming,
  parseRosterResult,
  type RosterItem,
} from '../xmpp';
import type { EngineContext } from './context';

function toContact(item: RosterItem): Contact {
  const c: Contact = { jid: item.jid, groups: item.groups, subscription: item.subscription };
  if (item.name) c.name = item.name;
  if (item.ask) c.ask = item.ask;
  return c;
}

/** RFC 6121 roster: versioned fetch on each new session, pushes, and contact commands. */
export function createRoster(ctx: EngineContext) {
  const { db, session, account } = ctx;

  const stopPush = session.onIq('set', 'jabber:iq:roster', 'query', async (iq) => {
    // Trust: parseIncoming takes roster pushes only from our own server (no from) or our
    // bare JID; anything else is refused (forbidden). No room is asked about here.
    const push = parseIncoming(iq, { account, isRoom: () => false });
    if (push.kind !== 'rosterPush') {
      ctx.log('roster push refused', push.excerpt());
      return false;
    }
    await applyRosterItem(db, toContact(push.push.item), push.push.ver);
    return true;
  });

  async function fetch() {
    const ver = (await getMeta(db, 'rosterVer')) ?? '';
    const reply = await session.request(buildRosterGet(ver));
    performance.mark('parley:roster:reply');
    const result = parseRosterResult(reply);
    performance.mark('parley:roster:parsed');
    if (!result) {
      ctx.log('roster result unreadable');
      return;
    }
    await applyRoster(db, result.items ? result.items.map(toContact) : null, result.ver);
  }

  async function add(jid: string, name?: string, groups: string[] = []) {
    await session.request(buildRosterSet(name ? { jid, name, groups } : { jid, groups }));
    await session.send(buildSubscription({ to: jid, type: 'subscribe' }));
  }

  async function remove(jid: string) {
    // Removing the item also cancels both subscriptions (RFC 6121 2.5.2).
    await session.request(buildRosterRemove(jid));
  }

  return { fetch, add, remove, stop: stopPush };
}

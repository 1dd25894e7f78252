import { applyRoster, applyRosterItem, type Contact, getMeta } from '../db';
import {
  buildRosterGet,
  buildRosterRemove,
  buildRosterSet,
  buildSubscription,
  parseRosterResult,
  type RosterItem,
  type RosterPush,
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
  const { db, session } = ctx;

  /**
   * A roster push (RFC 6121 §2.1.6), parsed and checked at the door (xmpp/incoming.ts: only
   * from our own server, with no from, or from our bare JID); the dispatch answers it.
   */
  async function applyPush(push: RosterPush) {
    await applyRosterItem(db, toContact(push.item), push.ver);
  }

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

  /** A new name for a contact, its groups kept; '' clears it (the address or nickname shows). */
  async function rename(jid: string, name: string) {
    const c = await db.contacts.get(jid);
    if (!c) return; // removed meanwhile
    const trimmed = name.trim();
    await session.request(
      buildRosterSet(
        trimmed ? { jid, name: trimmed, groups: c.groups } : { jid, groups: c.groups },
      ),
    );
    // The server's push updates the row; nothing to write here.
  }

  /** The contact's groups now: its name as the roster holds it stays. */
  async function setGroups(jid: string, groups: string[]) {
    const c = await db.contacts.get(jid);
    if (!c) return; // removed meanwhile
    await session.request(buildRosterSet(c.name ? { jid, name: c.name, groups } : { jid, groups }));
  }

  async function remove(jid: string) {
    // Removing the item also cancels both subscriptions (RFC 6121 2.5.2).
    await session.request(buildRosterRemove(jid));
  }

  return { fetch, applyPush, add, rename, setGroups, remove };
}

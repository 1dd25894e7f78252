// The roster (RFC 6121): contacts, their presences, subscription requests.
import type { AccountDb } from './schema';
import type { Contact, PresenceRow } from './types';

function hasTo(sub: Contact['subscription'] | undefined): boolean {
  return sub === 'to' || sub === 'both';
}

/** Replace the whole roster (full result) or keep it (server said "up to date"). */
export async function applyRoster(db: AccountDb, items: Contact[] | null, ver?: string) {
  await db.transaction('rw', db.contacts, db.meta, async () => {
    if (items) {
      const old = new Map((await db.contacts.toArray()).map((c) => [c.jid, c]));
      await db.contacts.clear();
      await db.contacts.bulkPut(items.map((c) => mergeContact(old.get(c.jid), c)));
    }
    if (ver !== undefined) await db.meta.put(ver, 'rosterVer');
  });
}

function mergeContact(old: Contact | undefined, next: Contact): Contact {
  const lost =
    (old && hasTo(old.subscription) && !hasTo(next.subscription)) ||
    (old?.ask === 'subscribe' && !next.ask && !hasTo(next.subscription));
  const regained = hasTo(next.subscription);
  const lostAt = regained ? undefined : lost ? Date.now() : old?.lostSubscriptionAt;
  const merged: Contact = { ...next };
  if (lostAt !== undefined) merged.lostSubscriptionAt = lostAt;
  return merged;
}

/** One roster push: an upsert, or a removal when subscription is 'remove'. */
export async function applyRosterItem(db: AccountDb, item: Contact, ver?: string) {
  await db.transaction('rw', db.contacts, db.meta, db.presences, db.requests, async () => {
    if (item.subscription === 'remove') {
      await db.contacts.delete(item.jid);
      await db.presences.where('jid').equals(item.jid).delete();
    } else {
      const old = await db.contacts.get(item.jid);
      await db.contacts.put(mergeContact(old, item));
      if (item.subscription === 'from' || item.subscription === 'both') {
        await db.requests.delete(item.jid);
      }
    }
    if (ver !== undefined) await db.meta.put(ver, 'rosterVer');
  });
}

export async function putPresence(db: AccountDb, row: PresenceRow) {
  await db.presences.put(row);
}

export async function removePresence(db: AccountDb, jid: string, resource: string | null) {
  if (resource === null) await db.presences.where('jid').equals(jid).delete();
  else await db.presences.delete([jid, resource]);
}

export async function clearPresences(db: AccountDb) {
  await db.presences.clear();
}

export async function putRequest(db: AccountDb, jid: string, nick?: string) {
  await db.requests.put(nick ? { jid, nick, at: Date.now() } : { jid, at: Date.now() });
}

export async function deleteRequest(db: AccountDb, jid: string) {
  await db.requests.delete(jid);
}

// For db/'s unit tests only (nothing in the app imports this): a fresh database for each test, a
// database as an older version of the schema left it, and the message most tests start from.
import Dexie from 'dexie';
import { accountDb } from '.';
import { type AccountDb, accountDbName, versions } from './schema';

/** A new, empty account database of the current schema, under a name never used before. */
export function freshDb(tag = 't'): AccountDb {
  return accountDb(`${tag}-${crypto.randomUUID()}@x.org`);
}

/**
 * A new account's database opened at schema `version`, as an older Parley left it; opening
 * `account` with AccountDb afterwards runs the upgrades from there. Close `db` first.
 */
export function olderDb(version: number, tag = 'old'): { account: string; db: Dexie } {
  const account = `${tag}-${crypto.randomUUID()}@x.org`;
  const db = new Dexie(accountDbName(account));
  for (const v of versions.filter((v) => v.version <= version))
    db.version(v.version).stores(v.stores);
  return { account, db };
}

/** A message bob@x.org sent us (delivered), with `extra` on top. */
export const received = (id: string, extra: object = {}) => ({
  id,
  peer: 'bob@x.org',
  direction: 'in' as const,
  body: `m ${id}`,
  at: 1000,
  state: 'delivered' as const,
  ...extra,
});

import { describe, expect, it, vi } from 'vitest';
import { accountDb } from '../db';

// The signed-in account's database, without a connection.
const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('./session', () => ({ currentDb: () => session.db, currentAccount: () => 'me@x.org' }));

const { groupNamesQuery, MAX_GROUP_NAME, MAX_GROUPS, setContactGroups } = await import('./people');

async function roster() {
  const db = accountDb(`g-${crypto.randomUUID()}@x.org`);
  session.db = db;
  await db.contacts.bulkPut([
    { jid: 'ann@x.org', subscription: 'both', groups: ['Work'] },
    { jid: 'ben@x.org', subscription: 'both', groups: ['家人', 'Work'] },
  ]);
  return db;
}

describe('contact groups', () => {
  it('files the contact at once, with names tidied, and asks the server', async () => {
    const db = await roster();
    await setContactGroups('ann@x.org', ['  Book   club ', 'Work', 'Book club', '', '   ']);
    expect((await db.contacts.get('ann@x.org'))?.groups).toEqual(['Book club', 'Work']);
    const tasks = await db.tasks.toArray();
    expect(tasks).toMatchObject([
      { kind: 'setContactGroups', jid: 'ann@x.org', groups: ['Book club', 'Work'] },
    ]);
  });

  it('caps a name and the number of groups', async () => {
    const db = await roster();
    const many = Array.from({ length: MAX_GROUPS + 5 }, (_, i) => `g${i}`);
    await setContactGroups('ann@x.org', ['x'.repeat(500), ...many]);
    const groups = (await db.contacts.get('ann@x.org'))?.groups ?? [];
    expect(groups).toHaveLength(MAX_GROUPS);
    expect(groups[0]).toHaveLength(MAX_GROUP_NAME);
  });

  it('queues nothing for an address that is not a contact', async () => {
    const db = await roster();
    await setContactGroups('eve@x.org', ['Work']);
    expect(await db.tasks.count()).toBe(0);
    expect(await db.contacts.get('eve@x.org')).toBeUndefined();
  });

  it('offers every group in use, once each', async () => {
    await roster();
    expect(await groupNamesQuery()).toEqual(['Work', '家人'].sort((a, b) => a.localeCompare(b)));
  });
});

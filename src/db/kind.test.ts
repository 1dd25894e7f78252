import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  AccountDb,
  accountDb,
  accountDbName,
  peerKind,
  queueOutgoing,
  requestJoin,
  storeArchivePage,
  storeIncoming,
  versions,
} from '.';

const said = (id: string, peer: string, extra: object = {}) => ({
  id,
  peer,
  direction: 'in' as const,
  body: `m ${id}`,
  at: 1000,
  state: 'delivered' as const,
  ...extra,
});

describe('what a conversation is', () => {
  it('the rule: room/nick is private, a room we know is a room, any other bare JID a contact', () => {
    expect(peerKind('team@muc.x.org/ann', true)).toBe('private');
    expect(peerKind('team@muc.x.org/ann', false)).toBe('private');
    expect(peerKind('team@muc.x.org', true)).toBe('room');
    expect(peerKind('bob@x.org', false)).toBe('contact');
  });

  it('is stored on the row when its first message is written, whoever writes it', async () => {
    const db = accountDb(`k-${crypto.randomUUID()}@x.org`);
    await db.rooms.put({ jid: 'team@muc.x.org', nick: 'me', autojoin: true, status: 'joined' });
    await storeIncoming(db, said('1', 'bob@x.org'));
    await storeIncoming(db, said('2', 'team@muc.x.org/ann'));
    await storeArchivePage(db, [said('3', 'team@muc.x.org', { nick: 'ann', mention: true })], {
      countUnread: true,
    });
    await queueOutgoing(db, { ...said('4', 'carol@x.org'), direction: 'out', state: 'queued' });
    const kinds = Object.fromEntries((await db.conversations.toArray()).map((c) => [c.peer, c]));
    expect(kinds['bob@x.org']?.kind).toBe('contact');
    expect(kinds['team@muc.x.org/ann']?.kind).toBe('private');
    expect(kinds['team@muc.x.org']).toMatchObject({ kind: 'room', unread: 1, mentions: 1 });
    expect(kinds['carol@x.org']?.kind).toBe('contact');
    db.close();
  });

  it('a chat with an address that turns out to be a room becomes the room when we join', async () => {
    const db = accountDb(`k-${crypto.randomUUID()}@x.org`);
    await queueOutgoing(db, { ...said('1', 'team@muc.x.org'), direction: 'out', state: 'queued' });
    expect((await db.conversations.get('team@muc.x.org'))?.kind).toBe('contact');
    await requestJoin(db, { jid: 'team@muc.x.org', nick: 'me' });
    expect(await db.conversations.get('team@muc.x.org')).toMatchObject({
      kind: 'room',
      mentions: 0,
      preview: 'm 1',
    });
    db.close();
  });

  it('version 5 gives every conversation of a version 4 database its kind, keeping its tag', async () => {
    const account = `k-${crypto.randomUUID()}@x.org`;
    const old = new Dexie(accountDbName(account));
    for (const v of versions.filter((v) => v.version <= 4)) old.version(v.version).stores(v.stores);
    const row = (peer: string, extra: object = {}) => ({
      peer,
      lastAt: 1000,
      preview: 'hi',
      previewDirection: 'in',
      unread: 2,
      ...extra,
    });
    await old
      .table('rooms')
      .put({ jid: 'team@muc.x.org', nick: 'me', autojoin: true, status: 'left' });
    await old.table('conversations').bulkPut([
      row('bob@x.org'),
      row('team@muc.x.org'), // a room's row made before it was tagged
      row('team@muc.x.org/ann', { kind: 'private' }),
      row('gone@muc.x.org', { kind: 'room', mentions: 1 }), // a room forgotten since: still one
    ]);
    old.close();

    const db = new AccountDb(account);
    const rows = Object.fromEntries((await db.conversations.toArray()).map((c) => [c.peer, c]));
    expect(rows['bob@x.org']).toMatchObject({ kind: 'contact', unread: 2, preview: 'hi' });
    expect(rows['bob@x.org']?.mentions).toBeUndefined();
    expect(rows['team@muc.x.org']).toMatchObject({ kind: 'room', mentions: 0, unread: 2 });
    expect(rows['team@muc.x.org/ann']?.kind).toBe('private');
    expect(rows['gone@muc.x.org']).toMatchObject({ kind: 'room', mentions: 1 });
    db.close();
  });
});

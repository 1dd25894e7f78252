import { describe, expect, it } from 'vitest';
import {
  AccountDb,
  peerKind,
  queueOutgoing,
  requestJoin,
  storeArchivePage,
  storeIncoming,
} from '.';
import { freshDb, olderDb, received } from './testing';

const said = (id: string, peer: string, extra: object = {}) => received(id, { peer, ...extra });

describe('what a conversation is', () => {
  it('the rule: room/nick is private, a room we know is a room, any other bare JID a contact', () => {
    expect(peerKind('team@muc.x.org/ann', true)).toBe('private');
    expect(peerKind('team@muc.x.org/ann', false)).toBe('private');
    expect(peerKind('team@muc.x.org', true)).toBe('room');
    expect(peerKind('bob@x.org', false)).toBe('contact');
  });

  it('is stored on the row when its first message is written, whoever writes it', async () => {
    const db = freshDb('k');
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
    const db = freshDb('k');
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
    const { account, db: old } = olderDb(4, 'k');
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

  it('version 8 finds the conversations of a version 5 database by their kind', async () => {
    const { account, db: old } = olderDb(5, 'k');
    const row = (peer: string, kind: string) => ({
      peer,
      kind,
      lastAt: 1000,
      preview: 'hi',
      previewDirection: 'in',
      unread: 0,
    });
    await old
      .table('conversations')
      .bulkPut([
        row('bob@x.org', 'contact'),
        row('team@muc.x.org', 'room'),
        row('team@muc.x.org/ann', 'private'),
      ]);
    old.close();

    const db = new AccountDb(account);
    expect(await db.conversations.where('kind').equals('room').primaryKeys()).toEqual([
      'team@muc.x.org',
    ]);
    expect(await db.conversations.where('kind').equals('private').primaryKeys()).toEqual([
      'team@muc.x.org/ann',
    ]);
    expect(await db.conversations.get('bob@x.org')).toMatchObject({
      kind: 'contact',
      preview: 'hi',
    });
    db.close();
  });
});

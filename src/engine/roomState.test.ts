import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountDb } from '../db';
import { FakeSession } from '../xmpp/fake';
import { createRoomState } from './roomState';

const ME = 'me@example.com';
let db: AccountDb;

beforeEach(() => {
  db = new AccountDb(`${ME}-${crypto.randomUUID()}`);
});
afterEach(() => db.close());

const state = () =>
  createRoomState({ db, session: new FakeSession(`${ME}/parley`), account: ME, log: () => {} });

describe('the rooms known in memory', () => {
  it('a room being joined stays a room of ours while the stored rooms are read again', async () => {
    const rooms = state();
    await rooms.ready;
    // Joined a moment ago: known here, its row not written yet.
    rooms.known.set('shop@muc.example.com', {
      jid: 'shop@muc.example.com',
      nick: 'guest',
      autojoin: true,
      status: 'joining',
    });
    await db.rooms.put({ jid: 'team@muc.example.com', nick: 'me', autojoin: true, status: 'left' });
    const reading = rooms.refresh();
    // The join's answer can arrive at any moment of the read: it must not look like a stranger's.
    expect(rooms.isRoom('shop@muc.example.com')).toBe(true);
    await reading;
    expect(rooms.isRoom('shop@muc.example.com')).toBe(true);
    expect(rooms.isRoom('team@muc.example.com')).toBe(true);
    expect(rooms.known.get('shop@muc.example.com')?.status).toBe('joining');
  });
});

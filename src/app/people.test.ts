import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountDb, type Message } from '../db';

// The session layer, reduced to what the reads ask of it: the account's database.
const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('./session', () => ({
  currentDb: () => session.db,
  currentAccount: () => 'me@x.org',
}));

const { sharedWithQuery } = await import('./people');

let db: AccountDb;
beforeEach(() => {
  db = new AccountDb(`me@x.org-${crypto.randomUUID()}`);
  session.db = db;
});

const BOB = 'bob@x.org';
let n = 0;
function file(kind: 'image' | 'video' | 'file' | 'voice', more: Partial<Message> = {}): Message {
  n++;
  const url = `https://upload.x.org/f/${n}`;
  return {
    id: `m${n}`,
    peer: BOB,
    direction: 'in',
    body: url,
    at: 1000 + n,
    state: 'delivered',
    file: { url, kind, name: `${kind}-${n}`, mediaType: 'application/octet-stream' },
    ...more,
  };
}

describe('sharedWithQuery', () => {
  it("lists the chat's pictures and videos apart from its files, newest first, and the rooms both are in", async () => {
    const old = file('image');
    const doc = file('file');
    const voice = file('voice');
    const gone = file('image', { retracted: true });
    const hidden = file('video', { hidden: true });
    const video = file('video');
    const uploading = file('image', { direction: 'out', state: 'queued' });
    delete uploading.file?.url;
    const elsewhere = file('image', { peer: 'carol@x.org' });
    await db.messages.bulkPut([old, doc, voice, gone, hidden, video, uploading, elsewhere]);
    await db.rooms.bulkPut([
      { jid: 'tea@muc.x.org', nick: 'me', name: 'Tea lovers', status: 'joined', autojoin: true },
      { jid: 'old@muc.x.org', nick: 'me', name: 'Old room', status: 'left', autojoin: false },
      { jid: 'anon@muc.x.org', nick: 'me', status: 'joined', autojoin: true },
    ] as never);
    await db.occupants.bulkPut([
      {
        room: 'tea@muc.x.org',
        nick: 'bob',
        jid: BOB,
        role: 'participant',
        affiliation: 'member',
        show: 'available',
      },
      {
        room: 'old@muc.x.org',
        nick: 'bob',
        jid: BOB,
        role: 'participant',
        affiliation: 'member',
        show: 'available',
      },
      // A room that does not show real addresses: nobody there is known to be Bob.
      {
        room: 'anon@muc.x.org',
        nick: 'bob',
        role: 'participant',
        affiliation: 'none',
        show: 'available',
      },
    ] as never);

    const shared = await sharedWithQuery(BOB)();
    expect(shared.media.map((m) => m.id)).toEqual([video.id, old.id]);
    expect(shared.files.map((m) => m.id)).toEqual([doc.id]);
    expect(shared.rooms).toEqual([{ jid: 'tea@muc.x.org', name: 'Tea lovers' }]);
  });

  it('shows at most `limit` of each', async () => {
    await db.messages.bulkPut(Array.from({ length: 5 }, () => file('image')));
    const shared = await sharedWithQuery(BOB, 3)();
    expect(shared.media).toHaveLength(3);
    expect(shared.media[0]?.at).toBeGreaterThan(shared.media[2]?.at ?? Infinity);
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountDb, type Message } from '../db';

// The session layer, reduced to what the reads ask of it: the account's database.
const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('./session', () => ({
  currentDb: () => session.db,
  currentAccount: () => 'me@x.org',
}));

const { looksQuery, sharedWithQuery } = await import('./people');

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

describe('looksQuery', () => {
  const png = (n: number) => new Blob([new Uint8Array([0x89, 0x50, n])], { type: 'image/png' });

  it("reads everyone's nickname and fetched picture at once, by bare JID", async () => {
    await db.avatars.put({ id: 'a1', blob: png(1), type: 'image/png' });
    await db.profiles.bulkPut([
      { jid: 'p0@x.org', avatar: 'a1' },
      { jid: 'p1@x.org', nick: 'Ben', avatar: 'not-fetched-yet' },
      { jid: 'p2@x.org', avatar: 'a1', nick: '张伟' },
    ]);
    const looks = await looksQuery();
    expect(looks.get('p0@x.org')).toMatchObject({ pictureId: 'a1' });
    expect(looks.get('p0@x.org')?.picture?.size).toBe(3);
    // A picture announced but not fetched yet: none, and no id to hold on to.
    expect(looks.get('p1@x.org')).toEqual({ nick: 'Ben', picture: null });
    expect(looks.get('p2@x.org')).toMatchObject({ nick: '张伟', pictureId: 'a1' });
    expect(looks.has('p3@x.org')).toBe(false);
  });
});

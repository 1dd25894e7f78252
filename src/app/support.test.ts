import { beforeEach, describe, expect, it, vi } from 'vitest';
import { accountDb } from '../db';

// The session layer, reduced to what the support commands ask of it: the shopper's database
// and the engine's answer about the server's upload service.
const session = vi.hoisted(() => ({
  db: null as unknown,
  upload: null as Promise<{ jid: string; maxFileSize?: number } | null> | null,
}));
vi.mock('./session', () => ({
  currentDb: () => session.db,
  currentAccount: () => 'guest-abc@shop.example',
  engineCall: (name: string) =>
    name === 'uploadService' ? session.upload : Promise.resolve('conference.shop.example'),
}));
vi.mock('./config', () => ({ loadConfig: async () => ({ domain: 'shop.example' }) }));

const { handOverRoom, sendFileToSupport } = await import('./support');

const ROOM = 'guest-abc@conference.shop.example';
const db = () => session.db as ReturnType<typeof accountDb>;
const file = (size: number, name = 'receipt.pdf', type = 'application/pdf') =>
  new File([new Uint8Array(size)], name, { type });

beforeEach(() => {
  session.db = accountDb(`s-${crypto.randomUUID()}@shop.example`);
  session.upload = Promise.resolve({ jid: 'upload.shop.example', maxFileSize: 1000 });
});

describe('sendFileToSupport', () => {
  it("opens the shopper's room and queues the file there, shown at once", async () => {
    const sent = await sendFileToSupport('Shopper abc', file(600));
    if (!('id' in sent)) throw new Error(`refused: ${sent.problem}`);
    expect(await db().rooms.get(ROOM)).toMatchObject({
      status: 'joining',
      create: { membersOnly: true },
    });
    expect(await db().messages.get(sent.id)).toMatchObject({
      peer: ROOM,
      direction: 'out',
      state: 'queued',
      file: { name: 'receipt.pdf', mediaType: 'application/pdf', size: 600, kind: 'file' },
    });
    expect((await db().uploads.get(sent.id))?.blob.size).toBe(600);
  });

  it('refuses a file over the limit, saying the limit, and stores nothing (no room either)', async () => {
    expect(await sendFileToSupport('Shopper abc', file(1001))).toEqual({
      problem: 'too-large',
      limitBytes: 1000,
    });
    expect(await db().rooms.count()).toBe(0);
    expect(await db().messages.count()).toBe(0);
  });

  it('refuses an empty file', async () => {
    expect(await sendFileToSupport('Shopper abc', file(0))).toEqual({ problem: 'empty' });
    expect(await db().messages.count()).toBe(0);
  });

  it('says so when the server takes no files', async () => {
    session.upload = Promise.resolve(null);
    expect(await sendFileToSupport('Shopper abc', file(10))).toEqual({ problem: 'no-service' });
    expect(await db().messages.count()).toBe(0);
  });

  it('queues it while the engine cannot be asked (offline): the upload checks the limit later', async () => {
    session.upload = Promise.reject(new Error('offline'));
    const sent = await sendFileToSupport('Shopper abc', file(5000));
    expect('id' in sent).toBe(true);
    expect(await db().uploads.count()).toBe(1);
  });
});

describe('handOverRoom (a guest signing in to the shop)', () => {
  const CUSTOMER = 'customer-7@shop.example';
  const room = (status: 'joining' | 'joined' | 'left') =>
    db().rooms.put({ jid: ROOM, nick: 'guest-abc', status, autojoin: true });
  /** What the guest queued for the room: the affiliation change and the hand-over line. */
  const queued = async () => {
    const task = await db()
      .tasks.filter((t) => t.kind === 'setAffiliation')
      .first();
    const line = await db().messages.where('peer').equals(ROOM).first();
    return { task, line };
  };
  /** The engine's part, done: the member added, the line reflected by the room. */
  const roomTakesIt = async () => {
    const { task, line } = await queued();
    if (task?.seq === undefined || !line) throw new Error('nothing queued');
    await db().tasks.delete(task.seq);
    await db().messages.update(line.id, { state: 'delivered' });
  };
  const until = async (check: () => Promise<boolean>) => {
    while (!(await check())) await new Promise((r) => setTimeout(r, 5));
  };

  it('makes the customer a member and says so in the room, and gives the room once both are done', async () => {
    await room('joined');
    const handed = handOverRoom(CUSTOMER, 'Signed in to the shop as Ben Wu');
    await until(async () => (await queued()).line !== undefined);
    const { task, line } = await queued();
    expect(task).toMatchObject({ room: ROOM, jid: CUSTOMER, affiliation: 'member' });
    expect(line).toMatchObject({
      body: 'Signed in to the shop as Ben Wu',
      handover: CUSTOMER,
      state: 'queued',
    });
    await roomTakesIt();
    expect(await handed).toBe(ROOM);
  });

  it('waits while the room is being joined again (the sign-in was a new page), then hands it over', async () => {
    await room('joining');
    const handed = handOverRoom(CUSTOMER, 'Signed in to the shop as Ben Wu');
    await new Promise((r) => setTimeout(r, 50));
    expect(await queued()).toEqual({ task: undefined, line: undefined });
    await db().rooms.update(ROOM, { status: 'joined' });
    await until(async () => (await queued()).line !== undefined);
    await roomTakesIt();
    expect(await handed).toBe(ROOM);
  });

  it('gives nothing for a room the guest has left, and queues nothing there', async () => {
    await room('left');
    expect(await handOverRoom(CUSTOMER, 'Signed in')).toBeNull();
    expect(await queued()).toEqual({ task: undefined, line: undefined });
  });

  it('gives nothing when the room does not take it in time (the customer starts anew)', async () => {
    await room('joined');
    expect(await handOverRoom(CUSTOMER, 'Signed in', 200)).toBeNull();
  });
});

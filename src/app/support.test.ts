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

const { sendFileToSupport } = await import('./support');

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

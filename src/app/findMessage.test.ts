import { beforeEach, describe, expect, it, vi } from 'vitest';
import { accountDb, setMeta } from '../db';

const session = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('./session', () => ({ currentDb: () => session.db }));

const { findRepliedMessage } = await import('./findMessage');

const PEER = 'bob@example.org';
const db = () => session.db as ReturnType<typeof accountDb>;
const tasks = () => db().tasks.toArray();

beforeEach(() => {
  session.db = accountDb(`f-${crypto.randomUUID()}@example.org`);
});

describe('findRepliedMessage', () => {
  it('says offline, and asks the archive nothing, when the app is offline', async () => {
    await setMeta(db(), 'connection', { status: 'offline', at: Date.now() });
    expect(await findRepliedMessage(PEER, 'w1')).toEqual({ state: 'offline' });
    expect(await tasks()).toHaveLength(0);
  });

  it('while still connecting (a reload) asks the archive and waits for its answer', async () => {
    await setMeta(db(), 'connection', { status: 'connecting', at: Date.now() });
    const outcome = findRepliedMessage(PEER, 'w1');
    await vi.waitFor(async () =>
      expect(await tasks()).toMatchObject([{ kind: 'findMessage', peer: PEER, id: 'w1' }]),
    );
    // The leader's engine, once connected, found it.
    await setMeta(db(), 'messageLookup', {
      peer: PEER,
      id: 'w1',
      state: 'found',
      rowId: 'row-7',
      at: Date.now() + 1,
    });
    await expect(outcome).resolves.toEqual({ state: 'found', id: 'row-7' });
  });

  it('tells a missing original from one that is found', async () => {
    await setMeta(db(), 'connection', { status: 'online', at: Date.now() });
    const outcome = findRepliedMessage(PEER, 'gone');
    await vi.waitFor(async () => expect(await tasks()).toHaveLength(1));
    await setMeta(db(), 'messageLookup', {
      peer: PEER,
      id: 'gone',
      state: 'missing',
      at: Date.now() + 1,
    });
    await expect(outcome).resolves.toEqual({ state: 'missing' });
  });
});

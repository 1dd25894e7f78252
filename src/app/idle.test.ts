import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountDb, getMeta, setMeta } from '../db';
import { startIdle } from './idle';

afterEach(() => {
  vi.useRealTimers();
});

describe('idle away', () => {
  it('goes away after the idle time and back on activity, leaving a chosen busy alone', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const db = new AccountDb(`idle-${crypto.randomUUID()}`);
    await setMeta(db, 'ownPresence', { show: 'online', status: 'here' });
    const target = new EventTarget();
    const stop = startIdle(db, 10, target);

    await vi.advanceTimersByTimeAsync(9 * 60_000);
    expect((await getMeta(db, 'ownPresence'))?.show).toBe('online');
    await vi.advanceTimersByTimeAsync(61_000);
    expect(await getMeta(db, 'ownPresence')).toEqual({ show: 'away', status: 'here', auto: true });
    expect(await db.tasks.count()).toBe(1);

    target.dispatchEvent(new Event('keydown'));
    await vi.advanceTimersByTimeAsync(10);
    expect(await getMeta(db, 'ownPresence')).toEqual({ show: 'online', status: 'here' });

    await setMeta(db, 'ownPresence', { show: 'dnd', status: 'meeting' });
    await vi.advanceTimersByTimeAsync(11 * 60_000);
    expect((await getMeta(db, 'ownPresence'))?.show).toBe('dnd');
    stop();
    db.close();
  });
});

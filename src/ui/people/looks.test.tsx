// @vitest-environment jsdom
import { render } from '@solidjs/testing-library';
import { For } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import { accountDb } from '../../db';

// The signed-in account's mirror, a real Dexie database.
const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('../../app/session', () => ({
  currentAccount: () => 'me@x.org',
  currentDb: () => state.db,
}));

const { Avatar } = await import('./Avatar');
const db = () => state.db as ReturnType<typeof accountDb>;
const png = (n: number) =>
  new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, n])], { type: 'image/png' });

describe('Avatar pictures', () => {
  it('a list of many reads the profiles once, shows each picture, and keeps it when another changes', async () => {
    state.db = accountDb(`looks-${crypto.randomUUID()}@x.org`);
    const people = Array.from({ length: 40 }, (_, i) => `p${i}@x.org`);
    await db().avatars.bulkPut([
      { id: 'a1', blob: png(1), type: 'image/png' },
      { id: 'a2', blob: png(2), type: 'image/png' },
    ]);
    await db().profiles.bulkPut([
      { jid: 'p0@x.org', avatar: 'a1' },
      { jid: 'p1@x.org', avatar: 'a2', nick: 'Ben' },
    ]);
    const reads = vi.spyOn(db().profiles, 'toArray');
    const get = vi.spyOn(db().profiles, 'get');
    let made = 0;
    const create = URL.createObjectURL;
    URL.createObjectURL = (b: Blob) => `blob:test/${++made}/${b.size}`;
    URL.revokeObjectURL = () => {};
    const view = render(() => <For each={people}>{(jid) => <Avatar jid={jid} name={jid} />}</For>);
    await vi.waitFor(() => expect(view.container.querySelectorAll('img')).toHaveLength(2));
    expect(view.container.querySelectorAll('.avatar')).toHaveLength(40);
    expect(reads.mock.calls.length).toBe(1); // one read for the forty
    expect(get).not.toHaveBeenCalled();
    const p0 = view.container.querySelectorAll('img')[0]?.getAttribute('src');

    // Someone else's picture arrives: theirs shows, p0's image is the same, not made again.
    await db().avatars.put({ id: 'a3', blob: png(3), type: 'image/png' });
    await db().profiles.put({ jid: 'p7@x.org', avatar: 'a3' });
    await vi.waitFor(() => expect(view.container.querySelectorAll('img')).toHaveLength(3));
    expect(view.container.querySelectorAll('img')[0]?.getAttribute('src')).toBe(p0);
    expect(made).toBe(3);

    // The last picture on screen goes: the shared query stops with it.
    view.unmount();
    const before = reads.mock.calls.length;
    await db().profiles.put({ jid: 'p9@x.org', avatar: 'a1' });
    await db().profiles.count();
    expect(reads.mock.calls.length).toBe(before);
    URL.createObjectURL = create;
  });
});

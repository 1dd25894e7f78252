// @vitest-environment jsdom
import { render } from '@solidjs/testing-library';
import { For } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import type { PersonLook } from '../../app/people';

// The mirror's answer to the looks query, and the live queries open on it: `change()` is a
// write that wakes them, as Dexie's liveQuery would.
const mirror = vi.hoisted(() => ({
  looks: new Map<string, PersonLook>(),
  reads: 0,
  open: new Set<() => void>(),
}));
vi.mock('../../app/session', () => ({ currentAccount: () => 'me@x.org' }));
vi.mock('../../app/people', () => ({
  looksQuery: async () => {
    mirror.reads++;
    // Each read gives new objects and new Blobs, as IndexedDB does.
    return new Map(
      [...mirror.looks].map(([jid, l]) => [
        jid,
        { ...l, picture: l.picture ? new Blob([l.picture]) : null },
      ]),
    );
  },
}));
vi.mock('../../app/live', () => ({
  liveQuery: (fn: () => Promise<unknown>) => ({
    subscribe(o: { next: (v: unknown) => void }) {
      const run = () => void fn().then((v) => o.next(v));
      mirror.open.add(run);
      run();
      return { unsubscribe: () => mirror.open.delete(run) };
    },
  }),
}));
const change = () => {
  for (const run of mirror.open) run();
};

const { Avatar } = await import('./Avatar');
const png = (n: number) => new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, n])]);

describe('Avatar pictures', () => {
  it('a list of many reads everyone once, shows each picture, and keeps it when another changes', async () => {
    mirror.looks = new Map([
      ['p0@x.org', { picture: png(1), pictureId: 'a1' }],
      ['p1@x.org', { picture: png(2), pictureId: 'a2', nick: 'Ben' }],
    ]);
    let made = 0;
    const create = URL.createObjectURL;
    const revoke = URL.revokeObjectURL;
    URL.createObjectURL = (b: Blob) => `blob:test/${++made}/${b.size}`;
    URL.revokeObjectURL = () => {};
    const people = Array.from({ length: 40 }, (_, i) => `p${i}@x.org`);
    const view = render(() => <For each={people}>{(jid) => <Avatar jid={jid} name={jid} />}</For>);
    const imgs = () => view.container.querySelectorAll('img');
    await vi.waitFor(() => expect(imgs()).toHaveLength(2));
    expect(view.container.querySelectorAll('.avatar')).toHaveLength(40);
    expect(mirror.reads).toBe(1); // one read for the forty
    expect(mirror.open.size).toBe(1);
    const first = imgs()[0]?.getAttribute('src');

    // Someone else's picture arrives: theirs shows; p0's image is the same, not made again.
    mirror.looks.set('p7@x.org', { picture: png(3), pictureId: 'a3' });
    change();
    await vi.waitFor(() => expect(imgs()).toHaveLength(3));
    expect(imgs()[0]?.getAttribute('src')).toBe(first);
    expect(made).toBe(3);

    // The last picture on screen goes: the shared query stops with it.
    view.unmount();
    expect(mirror.open.size).toBe(0);
    URL.createObjectURL = create;
    URL.revokeObjectURL = revoke;
  });
});

// Everyone's look (picture, nickname) from one live query, shared by every Avatar on screen: a
// list of 2,000 contacts reads the profiles once, not 2,000 times, and a profile that changes
// wakes one query, not one per picture.
import { type Accessor, createMemo, createRoot, onCleanup } from 'solid-js';
import { looksQuery, type PersonLook } from '../../app/people';
import { currentAccount } from '../../app/session';
import { createLive } from '../lib/live';

interface Shared {
  looks: Accessor<Map<string, PersonLook>>;
  users: number;
  dispose(): void;
}
let shared: Shared | null = null;

function start(): Shared {
  return createRoot((dispose) => {
    const raw = createLive(() => (currentAccount() ? looksQuery : null), new Map());
    // The same picture keeps the same Blob across reads, so an <img> is not reloaded (nor its
    // object URL made again) when someone else's profile changes.
    // Only the pictures of the last read are kept: one nobody shows any more is let go.
    let known = new Map<string, Blob>();
    const looks = createMemo(() => {
      const m = raw();
      const now = new Map<string, Blob>();
      for (const look of m.values()) {
        if (!look.pictureId || !look.picture) continue;
        look.picture = now.get(look.pictureId) ?? known.get(look.pictureId) ?? look.picture;
        now.set(look.pictureId, look.picture);
      }
      known = now;
      return m;
    });
    return { looks, users: 0, dispose };
  });
}

/** Everyone's look; the query runs while some component that asked for it is mounted. */
export function sharedLooks(): Accessor<Map<string, PersonLook>> {
  shared ??= start();
  const s = shared;
  s.users++;
  onCleanup(() => {
    s.users--;
    if (s.users > 0) return;
    s.dispose();
    if (shared === s) shared = null;
  });
  return s.looks;
}

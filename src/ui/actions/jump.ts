// A jump to a message of the open conversation that is not in the rows on screen (a reply's
// original further up, or just fetched from the archive): the message list opens its window
// at it, as it does for a found search result. One signal for the app, like intent.ts: only
// one conversation shows at a time, and a jump names its conversation.
import { createSignal } from 'solid-js';

export interface Jump {
  peer: string;
  /** The message's row id; null for the newest message (after the person sends one). */
  id: string | null;
}

// A new object every time, so jumping to the same message twice lands twice.
const [jump, setJump] = createSignal<Jump | null>(null, { equals: false });

/** The latest jump asked for in `peer`'s conversation, if any. */
export const jumpFor = (peer: string) => {
  const j = jump();
  return j && j.peer === peer ? j : null;
};

export function jumpTo(peer: string, id: string) {
  setJump({ peer, id });
}

/** To the newest message: what the person sends shows where it goes, however far up they read. */
export function jumpToNewest(peer: string) {
  setJump({ peer, id: null });
}

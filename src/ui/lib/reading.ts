import { type Accessor, createEffect, on, onCleanup } from 'solid-js';
import { markSeenUpTo, openConversation } from '../../app/commands';
import { createPageActive } from './pageActive';

/** How much of a message must be on screen to count as seen (all of a shorter one). */
const SEEN_PX = 24;

/**
 * The newest message from the peer that is on screen in the log `el`, by its row's data-id.
 * Walks up from the newest row and stops at the first one that reaches into view.
 */
export function newestSeenIncoming(el: HTMLElement): string | undefined {
  const rows = el.querySelectorAll<HTMLElement>('li.msg-in');
  const top = el.scrollTop;
  const bottom = top + el.clientHeight;
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    if (!row || row.offsetTop + Math.min(row.offsetHeight, SEEN_PX) > bottom) continue;
    return row.offsetTop + row.offsetHeight > top ? row.dataset['id'] : undefined;
  }
  return undefined;
}

/**
 * What the person has read of a conversation. At its newest message with the page visible and
 * focused, it is read live (messages are read as they arrive: `openConversation`). Otherwise
 * only what scrolls into view while the page is active is read, up to the newest message seen.
 */
export function createReading(opts: {
  peer: Accessor<string>;
  /** The conversation's unread count. */
  unread: Accessor<number>;
  atBottom: Accessor<boolean>;
  /** The log has reached where it opens (the unread divider, or the newest message). */
  landed: Accessor<boolean>;
  log: () => HTMLElement | undefined;
  atOf: (id: string) => number | undefined;
}) {
  const active = createPageActive();
  const live = () => opts.landed() && active() && opts.atBottom();
  let seenAt = Number.NEGATIVE_INFINITY;
  let frame = 0;

  createEffect(() => {
    void openConversation(live() ? opts.peer() : null);
  });
  createEffect(
    on(opts.peer, () => {
      seenAt = Number.NEGATIVE_INFINITY;
    }),
  );
  onCleanup(() => {
    cancelAnimationFrame(frame);
    void openConversation(null);
  });

  function check() {
    frame = 0;
    const el = opts.log();
    if (!el || !opts.landed() || !active() || opts.unread() <= 0) return;
    const id = newestSeenIncoming(el);
    const at = id === undefined ? undefined : opts.atOf(id);
    if (at === undefined || at <= seenAt) return;
    seenAt = at;
    void markSeenUpTo(opts.peer(), at);
  }
  /** Look at what is on screen at the next frame (after a scroll, or a change of the page). */
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(check);
  };
  // Back to the page, landed, or new unread messages (they may be in view): look again.
  createEffect(() => {
    if (opts.landed() && active() && opts.unread() > 0 && !live()) schedule();
  });
  return { schedule };
}

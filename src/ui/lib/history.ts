// Browser history for a single-page app whose Back must not leave it from a conversation.

/** Marks a history entry Parley has shown, so a reload can tell it from a link opened fresh. */
const SHOWN = 'parleyShown';

function shown(): boolean {
  const state: unknown = window.history.state;
  return typeof state === 'object' && state !== null && SHOWN in state;
}

/**
 * Before the router starts: a page opened straight on a conversation (a link, a bookmark, an
 * xmpp: URI) gets the list as the entry behind it, so Back shows the list instead of the site
 * before (on a phone the list and the conversation are separate screens). A reload finds its
 * entry marked and changes nothing.
 */
export function putListBehind() {
  const path = window.location.hash.slice(1);
  if (!path || path === '/' || shown()) return;
  window.history.replaceState({ ...window.history.state, [SHOWN]: true }, '', '#/');
  window.history.pushState({ [SHOWN]: true }, '', `#${path}`);
}

/** The entry on screen is one Parley has shown (called after every navigation). */
export function markShown() {
  if (!shown()) window.history.replaceState({ ...window.history.state, [SHOWN]: true }, '');
}

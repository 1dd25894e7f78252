/** Within this many pixels of the end, the shopper is "at the end" of the conversation. */
const NEAR = 48;

/**
 * Keeps a scrolling log at its end while the reader is there, as chat apps do: a new message,
 * a row that grows after it is added (a file's part loads), a picture that loads, the panel
 * shown again. A reader who scrolled up stays where they are. Returns the stop.
 */
export function followEnd(log: HTMLElement): () => void {
  let atEnd = true;
  const follow = () => {
    if (atEnd) log.scrollTop = log.scrollHeight;
  };
  const onScroll = () => {
    atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < NEAR;
  };
  const rows = new MutationObserver(follow);
  rows.observe(log, { childList: true, subtree: true, characterData: true });
  // The panel shown again, or the phone's keyboard: the log's own size changes.
  const size = globalThis.ResizeObserver ? new ResizeObserver(follow) : undefined;
  size?.observe(log);
  log.addEventListener('scroll', onScroll);
  log.addEventListener('load', follow, true); // a picture without a stored size
  follow();
  return () => {
    rows.disconnect();
    size?.disconnect();
    log.removeEventListener('scroll', onScroll);
    log.removeEventListener('load', follow, true);
  };
}

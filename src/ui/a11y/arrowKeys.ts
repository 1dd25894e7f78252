/**
 * Up and Down (Home and End) move the focus between the rows of a list, as in a desktop
 * chat list; Tab still leaves the list. Rows are found when the key is pressed, so a live
 * list that re-renders keeps working.
 */
export function moveByArrows(
  e: KeyboardEvent & { currentTarget: HTMLElement },
  rowSelector: string,
) {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const rows = Array.from(e.currentTarget.querySelectorAll<HTMLElement>(rowSelector));
  const at = rows.indexOf(document.activeElement as HTMLElement);
  if (at < 0) return;
  const next =
    e.key === 'ArrowDown'
      ? Math.min(at + 1, rows.length - 1)
      : e.key === 'ArrowUp'
        ? Math.max(at - 1, 0)
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? rows.length - 1
            : null;
  if (next === null) return;
  e.preventDefault();
  rows[next]?.focus();
}

/**
 * For a live list's `around` (ui/lib/live.ts): a row that moves (a conversation rising to the
 * top with a new message) is taken out and put back in the DOM, which drops its focus. The
 * focus goes back to the same row, so a new message never takes it from the person.
 */
export function keepFocus(container: () => HTMLElement | undefined) {
  return (apply: () => void) => {
    const focused = document.activeElement;
    const inside = focused instanceof HTMLElement && container()?.contains(focused);
    apply();
    if (inside && focused.isConnected && document.activeElement !== focused)
      focused.focus({ preventScroll: true });
  };
}

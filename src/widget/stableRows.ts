import { type Accessor, createMemo } from 'solid-js';

/**
 * The rows of `read`, each keeping its object from the read before while it is unchanged, so
 * <For> keeps its element: a picture in the conversation is not drawn again (and its bytes
 * read again) with every new message. solid-js/store's reconcile does the same for 2 KB more
 * on the widget's first open.
 */
export function createStableRows<T extends { id: string }>(
  read: Accessor<T[] | null>,
): Accessor<T[] | null> {
  let kept = new Map<string, { json: string; row: T }>();
  return createMemo(() => {
    const rows = read();
    if (!rows) return null;
    const next = new Map<string, { json: string; row: T }>();
    const out = rows.map((m) => {
      const json = JSON.stringify(m);
      const old = kept.get(m.id);
      const row = old?.json === json ? old.row : m;
      next.set(m.id, { json, row });
      return row;
    });
    kept = next;
    return out;
  });
}

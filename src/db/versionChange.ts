import type Dexie from 'dexie';

/**
 * Call `onUpgrade` when a newer version of the app, in another tab, wants to upgrade `db`.
 * This connection is closed for good first: its code knows only the old schema and must never
 * read or write the new one (Dexie would otherwise reopen it on the next query). A deletion
 * (an account forgotten in another tab) is not an upgrade and keeps Dexie's own handling.
 * Returns the unsubscribe.
 */
export function onSchemaUpgrade(db: Dexie, onUpgrade: () => void): () => void {
  // Dexie runs the last subscriber first; `false` stops its default handler, which would
  // close with auto-open left on.
  const listener = (ev: IDBVersionChangeEvent): boolean | undefined => {
    if (!ev.newVersion) return undefined;
    db.close({ disableAutoOpen: true });
    onUpgrade();
    return false;
  };
  db.on('versionchange', listener);
  return () => db.on('versionchange').unsubscribe(listener);
}

// The one live-query adapter: Dexie liveQuery → Solid. Every view reads the mirror through it.
import { liveQuery } from 'dexie';
import { type Accessor, createComputed, createSignal, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';

type Make<T> = () => (() => Promise<T>) | null | undefined;

function subscribe<T>(make: Make<T>, onValue: (v: T) => void, onError: (e: unknown) => void) {
  createComputed(() => {
    const query = make(); // tracked: re-subscribes when the inputs (e.g. the open peer) change
    if (!query) return;
    const sub = liveQuery(query).subscribe({ next: onValue, error: onError });
    onCleanup(() => sub.unsubscribe());
  });
}

/**
 * A value that follows the database. `make` reads its reactive inputs and returns the query;
 * returning null pauses the query.
 */
export function createLive<T>(make: Make<T>, initial: T): Accessor<T> {
  const [value, setValue] = createSignal<T>(initial, { equals: false });
  subscribe(make, (v) => setValue(() => v), reportError);
  return value;
}

/** A list that follows the database; rows keep identity across updates (keyed by `key`). */
export function createLiveList<T extends object>(
  make: Make<T[]>,
  key: keyof T & string,
  /** Wraps each update: what runs before `apply()` sees the old DOM, after it the new one. */
  around?: (apply: () => void) => void,
): { rows: T[]; ready: Accessor<boolean> } {
  const [store, setStore] = createStore<{ rows: T[] }>({ rows: [] });
  const [ready, setReady] = createSignal(false);
  subscribe(
    make,
    (v) => {
      const apply = () => {
        setStore('rows', reconcile(v, { key, merge: true }));
        setReady(true);
      };
      if (around) around(apply);
      else apply();
    },
    reportError,
  );
  return {
    get rows() {
      return store.rows;
    },
    ready,
  };
}

function reportError(err: unknown) {
  console.error('[parley] live query failed', err);
}

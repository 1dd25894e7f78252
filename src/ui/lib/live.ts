// The one live-query adapter: Dexie liveQuery → Solid. Every view reads the mirror through it.
import { type Accessor, batch, createComputed, createSignal, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { liveQuery } from '../../app/live';

type Make<T> = () => (() => Promise<T>) | null | undefined;

/** First wait before a failed query is tried again; it doubles up to RETRY_MAX_MS. */
const RETRY_MS = 100;
const RETRY_MAX_MS = 5_000;

/**
 * A Dexie live query ends at its first error. A view must not freeze on a passing one (a
 * transaction aborted under load, a read racing a schema upgrade): it is reported, then the
 * query starts again, sooner after a success.
 */
function subscribe<T>(make: Make<T>, onValue: (v: T) => void, onError: (e: unknown) => void) {
  createComputed(() => {
    const query = make(); // tracked: re-subscribes when the inputs (e.g. the open peer) change
    if (!query) return;
    let sub: { unsubscribe(): void } | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wait = RETRY_MS;
    const start = () => {
      sub = liveQuery(query).subscribe({
        next: (v) => {
          wait = RETRY_MS;
          onValue(v);
        },
        error: (e) => {
          onError(e);
          timer = setTimeout(start, wait);
          wait = Math.min(wait * 2, RETRY_MAX_MS);
        },
      });
    };
    start();
    onCleanup(() => {
      clearTimeout(timer);
      sub?.unsubscribe();
    });
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
  opts: {
    /** Wraps each update: what runs before `apply()` sees the old DOM, after it the new one. */
    around?: (apply: () => void) => void;
    /**
     * Rows shown besides those read (e.g. still being written): `shown` gives what to show of
     * the rows read, and `watch` calls `changed` when that changes (it is restarted when the
     * inputs it reads change, and returns its stop).
     */
    extra?: { watch: (changed: () => void) => () => void; shown: (read: T[]) => T[] };
  } = {},
): { rows: T[]; ready: Accessor<boolean> } {
  const [store, setStore] = createStore<{ rows: T[] }>({ rows: [] });
  const [ready, setReady] = createSignal(false);
  let read: T[] | null = null;
  let applied: T[] = [];
  // Applied from the query's and the watcher's callbacks, never inside a computation: the DOM
  // is updated when apply() returns, which `around` relies on.
  const show = () => {
    if (read === null) return;
    const rows = opts.extra ? opts.extra.shown(read) : read;
    const apply = () => {
      // The rows shown last, the very same objects, and more after them (a message being
      // written, after the window as read): those are added, the others not compared again.
      const from = applied.length;
      if (extendsRows(rows, applied))
        batch(() => {
          for (const [i, row] of rows.slice(from).entries()) setStore('rows', from + i, row);
        });
      else setStore('rows', reconcile(rows, { key, merge: true }));
      applied = rows;
      setReady(true);
    };
    if (opts.around) opts.around(apply);
    else apply();
  };
  subscribe(
    make,
    (v) => {
      read = v;
      show();
    },
    reportError,
  );
  const extra = opts.extra;
  if (extra) createComputed(() => onCleanup(extra.watch(show)));
  return {
    get rows() {
      return store.rows;
    },
    ready,
  };
}

/**
 * Several lists from one live query, one read per change: `split` sorts the rows read into
 * them (e.g. the chat list and its archived ones). Each list keeps row identity as
 * createLiveList's does, and all are updated inside one `around`.
 */
export function createLiveLists<T extends object, K extends string>(
  make: Make<T[]>,
  key: keyof T & string,
  split: (rows: T[]) => Record<K, T[]>,
  opts: { around?: (apply: () => void) => void } = {},
): { lists: Record<K, T[]>; ready: Accessor<boolean> } {
  const [store, setStore] = createStore<{ lists: Record<string, T[]> }>({ lists: {} });
  const [ready, setReady] = createSignal(false);
  subscribe(
    make,
    (read) => {
      const parts = split(read);
      const apply = () =>
        batch(() => {
          for (const [name, rows] of Object.entries(parts) as Array<[string, T[]]>)
            setStore('lists', name, reconcile(rows, { key, merge: true }));
          setReady(true);
        });
      if (opts.around) opts.around(apply);
      else apply();
    },
    reportError,
  );
  return { lists: store.lists as Record<K, T[]>, ready };
}

/** `rows` is `before` with rows added at the end (the same objects in the same places). */
function extendsRows<T>(rows: readonly T[], before: readonly T[]): boolean {
  if (rows === before || rows.length <= before.length || before.length === 0) return false;
  for (let i = 0; i < before.length; i++) if (rows[i] !== before[i]) return false;
  return true;
}

function reportError(err: unknown) {
  console.error('[parley] live query failed', err);
}

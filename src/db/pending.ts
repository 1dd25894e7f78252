import { trace } from '../shared/trace';
import type { Message } from './types';

/**
 * Messages being written. A message is on screen from the moment its transaction starts, not
 * only once it commits and the live query has read it back: on a busy machine those two steps
 * take 10–20 ms, most of a message's way from one person to another. This is Dexie's
 * "optimistic updates" for the writes Dexie leaves out, the ones inside a transaction.
 *
 * The mirror stays the truth: a row whose write fails, or that the write finds is a copy of a
 * stored message, leaves at once. A written row stays until the live query showing it has read
 * its write back (`release`), so it never blinks out in between; rows of that write the read
 * does not hold are outside what the reader shows, and leave too. Rows nobody shows go after a
 * while.
 */
export interface PendingMessages {
  /** The messages of a conversation being written (or written, not yet read back), in order. */
  rows(peer: string): readonly Message[];
  /** Called with a conversation whose pending messages changed. */
  subscribe(fn: (peer: string) => void): () => void;
  /**
   * These ids were read back from the database: their writes (committed, then) are on screen
   * from there, and no row of those writes is shown from memory any more. Says nothing to
   * subscribers (the caller, holding the rows read, asks `rows` again).
   */
  release(ids: Iterable<string>): void;
  /** Show `rows` while `write` runs; `added` picks, from its result, the rows it stored. */
  during<T>(
    rows: readonly Message[],
    write: () => Promise<T>,
    added: (result: T) => readonly Message[],
  ): Promise<T>;
}

/**
 * Writes of more rows than this (a burst, a flushed offline queue) are not shown from memory:
 * rendering them in the task that prepared them would make one long task, and a batch is
 * about throughput, not the 10 ms a single message gains.
 */
export const PENDING_MAX_ROWS = 10;

/** A written row nobody has read back is dropped after this long. */
export const PENDING_KEEP_MS = 5_000;

interface Entry {
  row: Message;
  /** Which write it came with (a batch writes many). */
  write: number;
  timer?: ReturnType<typeof setTimeout>;
}

function createPending(): PendingMessages {
  const entries = new Map<string, Entry>();
  let writes = 0;
  const listeners = new Set<(peer: string) => void>();
  const notify = (peers: Iterable<string>) => {
    for (const peer of new Set(peers)) for (const fn of listeners) fn(peer);
  };
  const drop = (id: string) => {
    const e = entries.get(id);
    if (!e) return undefined;
    clearTimeout(e.timer);
    entries.delete(id);
    return e.row.peer;
  };

  return {
    rows(peer) {
      const out: Message[] = [];
      for (const e of entries.values()) if (e.row.peer === peer) out.push(e.row);
      return out;
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    release(ids) {
      // A row read back was committed (ids are new), and with it its whole write (one
      // transaction), even when the read came before the writer heard of the commit.
      const read = new Set<number>();
      for (const id of ids) {
        const e = entries.get(id);
        if (e) read.add(e.write);
      }
      if (!read.size) return;
      for (const [id, e] of entries) if (read.has(e.write)) drop(id);
    },
    async during(rows, write, added) {
      if (rows.length > PENDING_MAX_ROWS) return write();
      // A copy: the writer may still change its row (the time it is filed under).
      const mine = rows.filter((r) => !entries.has(r.id)).map((r) => ({ ...r }));
      writes += 1;
      for (const row of mine) {
        entries.set(row.id, { row, write: writes });
        trace('pending', row.remoteId ?? row.id);
      }
      // The write starts first, the screen follows in a microtask: what the caller does next in
      // this task (send the stanza) and the first requests to IndexedDB go before the render.
      const writing = write();
      queueMicrotask(() => {
        notify(mine.map((r) => r.peer));
        for (const row of mine) trace('shown', row.remoteId ?? row.id);
      });
      let stored: ReadonlySet<string> = new Set();
      try {
        const result = await writing;
        stored = new Set(added(result).map((r) => r.id));
        return result;
      } finally {
        const gone: string[] = [];
        for (const row of mine) {
          const e = entries.get(row.id);
          if (e?.row !== row) continue;
          if (stored.has(row.id)) {
            e.timer = setTimeout(() => notify([drop(row.id) ?? row.peer]), PENDING_KEEP_MS);
          } else gone.push(drop(row.id) ?? row.peer);
        }
        if (gone.length) notify(gone);
      }
    },
  };
}

const registries = new WeakMap<object, PendingMessages>();

/** The messages being written to this database, in this tab. */
export function pendingMessages(db: object): PendingMessages {
  let p = registries.get(db);
  if (!p) {
    p = createPending();
    registries.set(db, p);
  }
  return p;
}

/**
 * What a conversation shows: the rows read from the database, then the pending ones not among
 * them (by id, or as the same message: its origin-id or server stanza-id), in arrival order,
 * the newest `max` of them at most (a burst shows what fits the window, not all of it). One
 * older than the first row read is outside the window (a stored batch nobody read back yet, older
 * than the newest page): shown after it, it would stand out of order at the bottom.
 */
export function withPending(
  live: readonly Message[],
  pending: readonly Message[],
  max = Number.POSITIVE_INFINITY,
): Message[] {
  if (!pending.length) return live as Message[];
  const ids = new Set<string>();
  for (const m of live) {
    ids.add(m.id);
    if (m.originId) ids.add(`o\n${m.originId}`);
    if (m.stanzaId) ids.add(`s\n${m.stanzaId}`);
  }
  const from = live[0]?.at ?? Number.NEGATIVE_INFINITY;
  const extra: Message[] = [];
  for (const p of pending) {
    if (p.at < from) continue;
    const keys = [
      p.id,
      ...(p.originId ? [`o\n${p.originId}`] : []),
      ...(p.stanzaId ? [`s\n${p.stanzaId}`] : []),
    ];
    if (keys.some((k) => ids.has(k))) continue;
    for (const k of keys) ids.add(k);
    extra.push(p);
  }
  if (!extra.length) return live as Message[];
  return [...live, ...(extra.length > max ? extra.slice(extra.length - max) : extra)];
}

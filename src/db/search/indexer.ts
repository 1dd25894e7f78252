import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import type { AccountDb } from '../schema';
import type { Message } from '../types';
import { entryKey } from './keys';
import { terms } from './text';

/** One row per indexed message: its index entries (term + time), a multi-entry index. */
export interface SearchRow {
  id: string;
  terms: string[];
}

/**
 * Written messages are indexed this long after their transaction commits, together: a burst or
 * an archive page is one index write, and the write of a sent message is never held up by it.
 */
export const INDEX_DELAY_MS = 200;

/**
 * At most this many messages are indexed in one transaction: what piled up during an archive
 * catch-up (thousands) would otherwise be cut into words in one task, over 50 ms.
 */
export const INDEX_CHUNK = 200;

/** The index entries of a message (none for an empty body: a file alone has only its URL). */
export function entriesOf(m: Pick<Message, 'body' | 'at' | 'file'>): string[] {
  // A file's body is its URL: the file's name is what a person remembers of it.
  const text = m.file ? m.file.name : m.body;
  return terms(text).map((t) => entryKey(t, m.at));
}

/**
 * Bring the index up to date for these message ids, in one transaction: a message that is gone
 * leaves the index; one whose text or time changed is indexed again; the others are untouched.
 * This is the function edits and deletes call (the middleware below calls it for every write to
 * `messages` anyway, so a write through Dexie never needs it).
 */
export async function reindexMessages(db: AccountDb, ids: Iterable<string>): Promise<void> {
  const keys = [...new Set(ids)];
  if (!keys.length) return;
  await db.transaction('rw', [db.messages, db.searchIndex], async () => {
    const [msgs, rows] = await Promise.all([
      db.messages.bulkGet(keys),
      db.searchIndex.bulkGet(keys),
    ]);
    const put: SearchRow[] = [];
    const gone: string[] = [];
    keys.forEach((id, i) => {
      const m = msgs[i];
      const entries = m ? entriesOf(m) : [];
      if (!entries.length) {
        if (rows[i]) gone.push(id);
        return;
      }
      const old = rows[i]?.terms;
      if (old?.length === entries.length && old.every((t, k) => t === entries[k])) return;
      put.push({ id, terms: entries });
    });
    await Promise.all([
      put.length ? db.searchIndex.bulkPut(put) : undefined,
      gone.length ? db.searchIndex.bulkDelete(gone) : undefined,
    ]);
  });
}

/** Drop index rows whose message no longer exists (after a range delete, e.g. a cleared table). */
export async function pruneSearchIndex(db: AccountDb): Promise<void> {
  await db.transaction('rw', [db.messages, db.searchIndex], async () => {
    const [have, indexed] = await Promise.all([
      db.messages.toCollection().primaryKeys(),
      db.searchIndex.toCollection().primaryKeys(),
    ]);
    const live = new Set(have);
    const orphans = indexed.filter((id) => !live.has(id));
    if (orphans.length) await db.searchIndex.bulkDelete(orphans);
  });
}

export interface SearchIndexer {
  /** Index these ids soon (after INDEX_DELAY_MS), together with any others waiting. */
  schedule(ids: Iterable<string>): void;
  /** Index what is waiting now; resolves when it is written. */
  flush(): Promise<void>;
  stop(): void;
}

/** Indexes what this tab writes to `messages`, once each write has committed. */
export function createSearchIndexer(db: AccountDb): SearchIndexer {
  const waiting = new Set<string>();
  let prune = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  // Writes to `messages` whose transaction has not finished yet: flush waits for them.
  const inflight = new Set<Promise<void>>();

  async function flush(): Promise<void> {
    await Promise.all(inflight);
    clearTimeout(timer);
    timer = undefined;
    const ids = [...waiting];
    const sweep = prune;
    waiting.clear();
    prune = false;
    running = running.then(async () => {
      if (stopped || !db.isOpen()) return;
      try {
        if (sweep) await pruneSearchIndex(db);
        for (let i = 0; i < ids.length && !stopped; i += INDEX_CHUNK)
          await reindexMessages(db, ids.slice(i, i + INDEX_CHUNK));
      } catch (e) {
        // The index is a cache of the messages: the next start's check rebuilds what is missing.
        console.warn('search: index write failed', e);
      }
    });
    return running;
  }

  const later = () => {
    if (!stopped && timer === undefined) timer = setTimeout(() => void flush(), INDEX_DELAY_MS);
  };

  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'parley-search-index',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'messages') return table;
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            const touched = touchedIds(req);
            const done = afterCommit(req.trans, () => {
              if (touched === 'range') prune = true;
              else for (const id of touched) waiting.add(id);
              later();
            });
            inflight.add(done);
            void done.then(() => inflight.delete(done));
            return table.mutate(req);
          },
        };
      },
    }),
  };
  db.use(middleware);

  const indexer: SearchIndexer = {
    schedule(ids) {
      for (const id of ids) waiting.add(id);
      later();
    },
    flush,
    stop() {
      stopped = true;
      clearTimeout(timer);
      db.unuse({ stack: 'dbcore', name: middleware.name ?? '' });
      indexers.delete(db);
    },
  };
  indexers.set(db, indexer);
  return indexer;
}

const indexers = new WeakMap<AccountDb, SearchIndexer>();

/** The indexer installed on this database in this tab (db/index.ts installs one per account). */
export function searchIndexerOf(db: AccountDb): SearchIndexer | undefined {
  return indexers.get(db);
}

/** The fields a message's index entries are made of (entriesOf). */
const INDEXED_FIELDS = ['body', 'at', 'file'];
/** Does an update's change spec (keyPath → value) touch what the index is made of? */
const touchesIndexed = (spec: Record<string, unknown>) =>
  Object.keys(spec).some((path) => INDEXED_FIELDS.includes(path.split('.')[0] ?? path));

/**
 * The messages a write may have changed the entries of. An update that says what it changes
 * (Table.update, bulkUpdate, modify with an object) counts only if it touches the body, the
 * time or the file: a message's state moving from sent to read is not indexed again (it was a
 * read-write transaction over the messages per state change, which held up the screen's reads).
 */
function touchedIds(req: DBCoreMutateRequest): string[] | 'range' {
  if (req.type === 'deleteRange') return 'range';
  if (req.type === 'delete') return req.keys.map(String);
  if (req.type === 'put' && req.updates)
    return req.updates.keys
      .filter((_, i) => touchesIndexed(req.updates?.changeSpecs[i] ?? { body: true }))
      .map(String);
  if (req.type === 'put' && req.changeSpec && !touchesIndexed(req.changeSpec)) return [];
  return (req.keys ?? req.values.map((v: { id?: unknown }) => v?.id)).map(String);
}

/** Run `fn` once the IndexedDB transaction commits (never if it aborts); resolves when it ends. */
function afterCommit(trans: unknown, fn: () => void): Promise<void> {
  const t = trans as Partial<Pick<IDBTransaction, 'addEventListener'>>;
  if (typeof t.addEventListener !== 'function') {
    fn();
    return Promise.resolve();
  }
  const on = t.addEventListener.bind(trans);
  return new Promise((resolve) => {
    on('complete', () => {
      fn();
      resolve();
    });
    on('abort', () => resolve());
    on('error', () => resolve());
  });
}

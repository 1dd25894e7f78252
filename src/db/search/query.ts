import type { AccountDb } from '../schema';
import type { Message } from '../types';
import { entryKey, entryTerm, entryTime, termRange } from './keys';
import { type Lookup, matchRanges, parseQuery } from './text';

export interface MessageHit {
  message: Message;
  /** Where the query matched in what the result shows (the body, or a file's name). */
  ranges: Array<[number, number]>;
}

/** Candidates read and checked per step, newest first, until `limit` hits are found. */
const PAGE = 200;

/**
 * Messages matching `input`, newest first, at most `limit`. The index only proposes candidates
 * (the lookup with the fewest entries); each is checked against the whole query on its text, so
 * a CJK phrase is matched as a phrase and every word as the start of a word. Returns [] for a
 * query too short to search message text with.
 */
export async function searchMessages(
  db: AccountDb,
  input: string,
  opts: { limit?: number; peer?: string } = {},
): Promise<MessageHit[]> {
  const query = parseQuery(input);
  if (!query) return [];
  const limit = opts.limit ?? 50;
  return db.transaction('r', [db.messages, db.searchIndex], async () => {
    const found = await rarest(db, query.lookups);
    if (!found) return [];
    const driver = found.lookup;
    const hits: MessageHit[] = [];
    const check = async (ids: string[]) => {
      const msgs = await db.messages.bulkGet(ids);
      for (const m of msgs) {
        if (!m || (opts.peer && m.peer !== opts.peer)) continue;
        const ranges = matchRanges(m.file ? m.file.name : m.body, query);
        if (ranges) hits.push({ message: m, ranges });
        if (hits.length >= limit) return;
      }
    };
    // More than one lookup (two words, a CJK phrase of three or more, a word and a phrase) and
    // even the rarest is common: intersect their index entries before reading any message. A
    // rare driver is cheaper checked message by message (a phrase's rarest pair, usually).
    if (query.lookups.length > 1 && found.common) {
      const done = await intersected(db, driver, query.lookups, check, () => hits.length >= limit);
      if (done) return hits;
      hits.length = 0; // a prefix of too many words: the plain way below
    }
    const [lo, hi] = termRange(driver.term, driver.prefix);
    const range = () => db.searchIndex.where('terms').between(lo, hi, true, false);
    if (!driver.prefix) {
      // One term: its entries are in time order, so the newest are read first, a page at a time.
      // The first page is about what is asked for (most candidates of one term match); when
      // many do not (a phrase), later pages are bigger.
      for (let offset = 0, page = limit + 10; hits.length < limit; offset += page, page = PAGE) {
        const ids = await range().reverse().offset(offset).limit(page).primaryKeys();
        if (!ids.length) break;
        await check(ids);
        if (ids.length < page) break;
      }
      return hits;
    }
    // A prefix: the words it starts are few (usually), and each word's entries are in time
    // order, so the newest `limit` of each, merged, hold the newest `limit` of all.
    const words = await termsStarting(db, driver.term);
    if (words) {
      const n = limit + 10;
      const per = await Promise.all(words.map((w) => newestEntries(db, w, n)));
      const full = per.some((es) => es.length >= n);
      await checkInOrder(per.flat(), check, () => hits.length >= limit);
      if (hits.length >= limit || !full) return hits;
      hits.length = 0; // too many candidates failed the check: read them all below
    }
    const entries: Entry[] = [];
    await range().eachKey((key, cursor) => {
      entries.push({ id: cursor.primaryKey as string, at: entryTime(key as string) });
    });
    await checkInOrder(entries, check, () => hits.length >= limit);
    return hits;
  });
}

type Entry = { id: string; at: number };

/** Check candidates newest first, a page at a time, until `enough`. */
async function checkInOrder(
  entries: Entry[],
  check: (ids: string[]) => Promise<void>,
  enough: () => boolean,
) {
  entries.sort((a, b) => b.at - a.at);
  const seen = new Set<string>();
  const ids = entries.filter((e) => !seen.has(e.id) && seen.add(e.id)).map((e) => e.id);
  for (let i = 0; i < ids.length && !enough(); i += PAGE) await check(ids.slice(i, i + PAGE));
}

/** Driver entries per step of the intersection: keys only, so a step is cheap. */
const STEP = 1000;

/**
 * The newest entries of every lookup at once: the driver's entries are read newest first, a
 * step at a time (merged across the words of a prefix), and for each step only the ids that
 * every other lookup also has, in the same stretch of time, are checked against their text.
 * Two common terms that rarely meet ("report 报告") cost reads of index keys, not of messages.
 * Returns false when a prefix starts too many words to list (the caller then scans).
 */
async function intersected(
  db: AccountDb,
  driver: Lookup,
  lookups: Lookup[],
  check: (ids: string[]) => Promise<void>,
  enough: () => boolean,
): Promise<boolean> {
  const wordsOf = async (l: Lookup) => (l.prefix ? await termsStarting(db, l.term) : [l.term]);
  const driverWords = await wordsOf(driver);
  if (!driverWords) return false;
  const others: string[][] = [];
  for (const l of lookups) {
    if (l === driver) continue;
    const words = await wordsOf(l);
    if (!words) return false;
    // A lookup with no entries at all: nothing can match.
    if (!words.length) return true;
    others.push(words);
  }
  const next = newestFirst(db, driverWords);
  // A message can come twice (two words of a prefix, at a step's edge): checked once.
  const seen = new Set<string>();
  while (!enough()) {
    const step = await next(STEP);
    if (!step.length) break;
    const newest = step[0]?.at ?? 0;
    const oldest = step.at(-1)?.at ?? 0;
    let keep = new Set(step.map((e) => e.id));
    for (const words of others) {
      const has = new Set<string>();
      for (const w of words) {
        const ids = await db.searchIndex
          .where('terms')
          .between(entryKey(w, oldest), entryKey(w, newest), true, true)
          .primaryKeys();
        for (const id of ids) if (keep.has(id as string)) has.add(id as string);
      }
      keep = has;
      if (!keep.size) break;
    }
    const ids = step.filter((e) => keep.has(e.id) && !seen.has(e.id) && seen.add(e.id));
    for (let i = 0; i < ids.length && !enough(); i += PAGE)
      await check(ids.slice(i, i + PAGE).map((e) => e.id));
  }
  return true;
}

/**
 * The entries of `words`, newest first across them, `n` at a time: each word's entries are in
 * time order, so a merge of their newest pages is in time order too.
 */
function newestFirst(db: AccountDb, words: string[]) {
  type Head = { word: string; buf: Entry[]; below: string; atBelow: Set<string>; done: boolean };
  const heads: Head[] = words.map((w) => ({
    word: w,
    buf: [],
    below: '',
    atBelow: new Set(),
    done: false,
  }));
  // The next page goes on from the oldest key read, that key included: messages of the same
  // term and millisecond share a key, and those already read are left out by id.
  const fill = async (h: Head, n: number) => {
    const [lo, hi] = termRange(h.word, false);
    const read: Array<{ key: string; id: string }> = [];
    await db.searchIndex
      .where('terms')
      .between(lo, h.below || hi, true, h.below !== '')
      .reverse()
      .limit(n)
      .eachKey((key, cursor) => {
        read.push({ key: key as string, id: cursor.primaryKey as string });
      });
    if (read.length < n) h.done = true;
    const fresh = read.filter((r) => !(r.key === h.below && h.atBelow.has(r.id)));
    // More than a page of messages of one term in one millisecond: let them go rather than loop.
    if (!fresh.length) h.done = true;
    const last = read.at(-1)?.key;
    if (last !== undefined) {
      if (last !== h.below) h.atBelow.clear();
      h.below = last;
      for (const r of read) if (r.key === last) h.atBelow.add(r.id);
    }
    h.buf = fresh.map((r) => ({ id: r.id, at: entryTime(r.key) }));
  };
  return async (n: number): Promise<Entry[]> => {
    const out: Entry[] = [];
    while (out.length < n) {
      const empty = heads.filter((h) => !h.done && !h.buf.length);
      if (empty.length) await Promise.all(empty.map((h) => fill(h, n)));
      let best: Head | undefined;
      for (const h of heads)
        if (h.buf.length && (!best || (h.buf[0]?.at ?? 0) > (best.buf[0]?.at ?? 0))) best = h;
      if (!best) break;
      const e = best.buf.shift();
      if (e) out.push(e);
    }
    return out;
  };
}

/** Above this many words for a prefix, its entries are read in one scan instead. */
const MAX_PREFIX_WORDS = 32;

/** The distinct terms that start with `prefix`, one index read each; null when too many. */
async function termsStarting(db: AccountDb, prefix: string): Promise<string[] | null> {
  const out: string[] = [];
  const [, hi] = termRange(prefix, true);
  let lo = prefix;
  while (out.length <= MAX_PREFIX_WORDS) {
    const [key] = await db.searchIndex.where('terms').between(lo, hi, true, false).limit(1).keys();
    if (key === undefined) return out;
    const term = entryTerm(key as string);
    out.push(term);
    lo = termRange(term, false)[1]; // past every entry of that term
  }
  return null;
}

/** The newest `n` entries of one term. */
async function newestEntries(db: AccountDb, term: string, n: number): Promise<Entry[]> {
  const [lo, hi] = termRange(term, false);
  const out: Entry[] = [];
  await db.searchIndex
    .where('terms')
    .between(lo, hi, true, false)
    .reverse()
    .limit(n)
    .eachKey((key, cursor) => {
      out.push({ id: cursor.primaryKey as string, at: entryTime(key as string) });
    });
  return out;
}

/** Entries read per lookup to compare them: enough to tell a rare term from a common one. */
const PROBE = 500;

/**
 * The lookup with the fewest index entries: the fewest candidates to check. Each is probed
 * with a bounded read of its keys (`count()` reads a whole range, and a common term's range is
 * tens of thousands of entries); past PROBE entries, lookups count as equally common, and
 * `common` says so of the one chosen.
 */
async function rarest(
  db: AccountDb,
  lookups: Lookup[],
): Promise<{ lookup: Lookup; common: boolean } | undefined> {
  if (!lookups[0]) return undefined;
  if (lookups.length <= 1) return { lookup: lookups[0], common: false };
  const counts = await Promise.all(
    lookups.map(async (l) => {
      const [lo, hi] = termRange(l.term, l.prefix);
      return (
        await db.searchIndex.where('terms').between(lo, hi, true, false).limit(PROBE).primaryKeys()
      ).length;
    }),
  );
  let best = 0;
  counts.forEach((n, i) => {
    // Of equally common lookups, an exact one (a CJK pair, a long word) reads in time order.
    const cur = counts[best] ?? Number.POSITIVE_INFINITY;
    if (n < cur || (n === cur && !lookups[i]?.prefix && lookups[best]?.prefix)) best = i;
  });
  const lookup = lookups[best];
  return lookup ? { lookup, common: (counts[best] ?? 0) >= PROBE } : undefined;
}

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
  opts: {
    limit?: number;
    peer?: string;
    /**
     * The hits so far, each time more are found before the search ends: a search for two
     * common words that seldom meet reads far back, and its newest hits can show meanwhile.
     */
    onProgress?: (hits: MessageHit[]) => void;
  } = {},
): Promise<MessageHit[]> {
  const query = parseQuery(input);
  if (!query) return [];
  const limit = opts.limit ?? 50;
  return db.transaction('r', [db.messages, db.searchIndex], async () => {
    const found = await rarest(db, query.lookups);
    if (!found) return [];
    const driver = found.lookup;
    const hits: MessageHit[] = [];
    // Newest first however the ids came (a stretch of an intersection is a set).
    const check = async (ids: string[]) => {
      const msgs = (await db.messages.bulkGet(ids)).sort((a, b) => (b?.at ?? 0) - (a?.at ?? 0));
      const before = hits.length;
      for (const m of msgs) {
        if (!m || (opts.peer && m.peer !== opts.peer)) continue;
        const ranges = matchRanges(m.file ? m.file.name : m.body, query);
        if (ranges) hits.push({ message: m, ranges });
        if (hits.length >= limit) return;
      }
      if (hits.length > before) opts.onProgress?.([...hits]);
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

/** The first stretch of time read for an intersection: this share of the driver's span. */
const FIRST_STRETCH = 1 / 64;
/** Driver entries a later stretch aims at: its length follows the density of the last. */
const STRETCH_ENTRIES = 1000;

/**
 * The newest messages every lookup has, for lookups that are all common. Time is read back from
 * the driver's newest entry in stretches, the first short (its hits show at once), each later
 * one sized to hold about STRETCH_ENTRIES of the driver's entries at the density of the last
 * (at most eight times as long, and eight times as long after an empty one): in each, every
 * lookup's entries are read as keys only, one request per word, and only the ids they all share
 * are checked against their text. Two common terms that seldom meet ("report 报告") still read
 * far back: each index entry read costs tens of microseconds, so their full page takes long,
 * but the hits of each stretch are reported as found (onProgress). Returns false when a prefix
 * starts too many words to list (the caller then scans).
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
  const span = await timeSpan(db, driverWords);
  if (!span) return true;
  let hi = span.newest;
  let stretch = Math.max(1, Math.ceil((span.newest - span.oldest) * FIRST_STRETCH));
  while (!enough() && hi >= span.oldest) {
    const lo = Math.max(span.oldest, hi - stretch + 1);
    let keep = await idsBetween(db, driverWords, lo, hi);
    const read = keep.size;
    for (const words of others) {
      if (!keep.size) break;
      const has = await idsBetween(db, words, lo, hi);
      keep = new Set([...keep].filter((id) => has.has(id)));
    }
    const ids = [...keep];
    for (let i = 0; i < ids.length && !enough(); i += PAGE) await check(ids.slice(i, i + PAGE));
    hi = lo - 1;
    stretch = Math.ceil(stretch * Math.min(8, read ? STRETCH_ENTRIES / read : 8));
  }
  return true;
}

/** The ids of the messages with an entry of any of `words` from `lo` to `hi` (ms, inclusive). */
async function idsBetween(db: AccountDb, words: string[], lo: number, hi: number) {
  const ids = new Set<string>();
  for (const w of words) {
    const keys = await db.searchIndex
      .where('terms')
      .between(entryKey(w, lo), entryKey(w, hi), true, true)
      .primaryKeys();
    for (const id of keys) ids.add(id);
  }
  return ids;
}

/** The times of the newest and the oldest entry of any of `words`. */
async function timeSpan(db: AccountDb, words: string[]) {
  let newest = Number.NEGATIVE_INFINITY;
  let oldest = Number.POSITIVE_INFINITY;
  for (const w of words) {
    const [lo, hi] = termRange(w, false);
    const range = () => db.searchIndex.where('terms').between(lo, hi, true, false);
    const [last] = await range().reverse().limit(1).keys();
    const [first] = await range().limit(1).keys();
    if (last !== undefined) newest = Math.max(newest, entryTime(last as string));
    if (first !== undefined) oldest = Math.min(oldest, entryTime(first as string));
  }
  return newest >= oldest ? { newest, oldest } : null;
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

import type { AccountDb } from '../schema';
import type { Message } from '../types';
import { entryTime, termRange } from './keys';
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
    const driver = await rarest(db, query.lookups);
    if (!driver) return [];
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
    const [lo, hi] = termRange(driver.term, driver.prefix);
    const range = () => db.searchIndex.where('terms').between(lo, hi, true, false);
    if (!driver.prefix) {
      // One term: its entries are in time order, so the newest are read first, a page at a time.
      for (let offset = 0; hits.length < limit; offset += PAGE) {
        const ids = await range().reverse().offset(offset).limit(PAGE).primaryKeys();
        if (!ids.length) break;
        await check(ids);
        if (ids.length < PAGE) break;
      }
      return hits;
    }
    // Many terms (a prefix): read every entry's key, order by the time in it.
    const entries: Array<{ id: string; at: number }> = [];
    await range().eachKey((key, cursor) => {
      entries.push({ id: cursor.primaryKey as string, at: entryTime(key as string) });
    });
    entries.sort((a, b) => b.at - a.at);
    const seen = new Set<string>();
    const ordered = entries.filter((e) => !seen.has(e.id) && seen.add(e.id)).map((e) => e.id);
    for (let i = 0; i < ordered.length && hits.length < limit; i += PAGE)
      await check(ordered.slice(i, i + PAGE));
    return hits;
  });
}

/** The lookup with the fewest index entries: the fewest candidates to check. */
async function rarest(db: AccountDb, lookups: Lookup[]): Promise<Lookup | undefined> {
  if (lookups.length <= 1) return lookups[0];
  const counts = await Promise.all(
    lookups.map((l) => {
      const [lo, hi] = termRange(l.term, l.prefix);
      return db.searchIndex.where('terms').between(lo, hi, true, false).count();
    }),
  );
  let best = 0;
  counts.forEach((n, i) => {
    if (n < (counts[best] ?? Number.POSITIVE_INFINITY)) best = i;
  });
  return lookups[best];
}

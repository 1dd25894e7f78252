// Runs in the benchmark's page (bundled by search.bench.ts with Vite): the app's own index code
// (src/db/search/) over a real IndexedDB, driven from the test through window.searchBench.
import { backfillStep, createSearchIndexer, searchMessages } from '../../src/db';
import { AccountDb } from '../../src/db/schema';
import { termRange } from '../../src/db/search/keys';
import { matchRanges, parseQuery, terms } from '../../src/db/search/text';
import type { Message } from '../../src/db/types';
import { corpus } from './corpus';

const probeParts = { termRange, parseQuery, matchRanges, terms };

const db = new AccountDb('bench@search.local');

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? 0, n: s.length };
};

const api = {
  /** Store `n` messages without indexing them (as before the index existed). */
  async seed(n: number) {
    const t0 = performance.now();
    const CHUNK = 2000;
    for (let i = 0; i < n; i += CHUNK) {
      const rows: Message[] = corpus(i, Math.min(CHUNK, n - i));
      await db.messages.bulkAdd(rows);
    }
    return { ms: performance.now() - t0, count: await db.messages.count() };
  },
  /** Index them the way a first start after the upgrade does: chunk by chunk. */
  async backfill(chunk: number) {
    const steps: number[] = [];
    // What the person would feel: main-thread tasks over 50 ms while it runs.
    const long: number[] = [];
    const obs = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) long.push(e.duration);
    });
    obs.observe({ type: 'longtask' });
    const t0 = performance.now();
    for (;;) {
      const s = performance.now();
      const done = await backfillStep(db, chunk);
      steps.push(performance.now() - s);
      if (done) break;
    }
    const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 100)); // the observer reports after the task
    obs.disconnect();
    const rows = await db.searchIndex.toArray();
    const entries = rows.reduce((n, r) => n + r.terms.length, 0);
    const keyChars = rows.reduce((n, r) => n + r.terms.reduce((k, t) => k + t.length, 0), 0);
    return {
      ms,
      step: stats(steps),
      longTasks: stats(long.length ? long : [0]),
      longTaskCount: long.length,
      rows: rows.length,
      entriesPerMessage: entries / rows.length,
      keyCharsPerMessage: keyChars / rows.length,
    };
  },
  /** New messages as they arrive: written, then indexed by the indexer after commit. */
  async live(batches: number, size: number) {
    const indexer = createSearchIndexer(db);
    const times: number[] = [];
    const base = 1_000_000;
    for (let b = 0; b < batches; b++) {
      const rows = corpus(base + b * size, size).map((m) => ({ ...m, id: `live-${m.id}` }));
      await db.messages.bulkAdd(rows);
      const t = performance.now();
      await indexer.flush();
      times.push(performance.now() - t);
    }
    indexer.stop();
    return stats(times);
  },
  /** Time to the first page of results (what the search box asks: 50 messages). */
  async query(q: string, runs: number) {
    const times: number[] = [];
    // The first results the search box can show: the first progress report with hits, else
    // the end (a search that finds its page at once, or nothing, reports no progress).
    const firsts: number[] = [];
    let hits = 0;
    await searchMessages(db, q, { limit: 50 }); // warm-up
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      let first: number | undefined;
      const r = await searchMessages(db, q, {
        limit: 50,
        onProgress: () => {
          first ??= performance.now() - t;
        },
      });
      times.push(performance.now() - t);
      firsts.push(first ?? performance.now() - t);
      hits = r.length;
    }
    return { ...stats(times), first: stats(firsts), hits };
  },
  /** Where a query's time goes: the index read, the message read, the check of each. */
  async probe(term: string) {
    const { termRange, parseQuery, matchRanges, terms } = probeParts;
    const [lo, hi] = termRange(term, false);
    const t0 = performance.now();
    const ids = await db.searchIndex
      .where('terms')
      .between(lo, hi, true, false)
      .reverse()
      .limit(200)
      .primaryKeys();
    const t1 = performance.now();
    const msgs = await db.messages.bulkGet(ids);
    const t2 = performance.now();
    const q = parseQuery(term);
    let n = 0;
    for (const m of msgs) if (m && q && matchRanges(m.body, q)) n++;
    const t3 = performance.now();
    for (const m of msgs) if (m) terms(m.body);
    const t4 = performance.now();
    return { keys: t1 - t0, get: t2 - t1, check: t3 - t2, terms: t4 - t3, n, ids: ids.length };
  },
  async estimate() {
    const e = await navigator.storage.estimate();
    return e.usage ?? 0;
  },
};

(window as unknown as { searchBench: typeof api }).searchBench = api;

export type SearchBenchApi = typeof api;

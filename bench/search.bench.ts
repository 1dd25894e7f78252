// Local search over 100,000 stored messages, mixed Chinese and English (issue 17): time to the
// first page of results, and the index's size on disk per message. Runs the app's own index
// code (src/db/search/, bundled from source with Vite) in Debian's Chromium, on a real
// IndexedDB in a profile folder on disk. Needs no XMPP server.
// Run: npx playwright test -c bench/playwright.config.ts --grep 'time to first results'
// (BENCH_MESSAGES, BENCH_RUNS, BENCH_CHUNK change the sizes; results in bench/RESULTS-search.md)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, test } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../dev/chromium.mjs';

const MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 100_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 30);
const CHUNK = Number(process.env['BENCH_CHUNK'] ?? 100);
const ORIGIN = 'http://search.bench.local';
const HERE = dirname(fileURLToPath(import.meta.url));

/** What people type: common and rare, Chinese and English, whole words and the start of one. */
const QUERIES = [
  '会议', // a common Chinese word
  '图书馆门口', // a Chinese phrase
  '服务器上线', // two words that meet rarely
  '会', // one character
  'meeting', // a common English word
  'meet', // the start of a word, as typed
  'dead', // a prefix of a rarer word
  'cafe', // folds to café
  'report 报告', // mixed
  'xyzzy', // nothing
];

async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: true,
      lib: { entry: join(HERE, 'search/page.ts'), formats: ['iife'], name: 'searchBench' },
    },
  });
  const first = (Array.isArray(out) ? out[0] : out) as { output: Array<{ code?: string }> };
  const code = first.output[0]?.code;
  if (!code) throw new Error('no bundle');
  return code;
}

const du = (dir: string) => Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]);

test('search: 100,000 messages, time to first results and index size', async () => {
  const code = await bundle();
  const profile = mkdtempSync(join(tmpdir(), 'parley-search-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    await context.route(`${ORIGIN}/**`, (route) =>
      route.request().url().endsWith('/bench.js')
        ? route.fulfill({ contentType: 'text/javascript', body: code })
        : route.fulfill({
            contentType: 'text/html',
            body: '<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>',
          }),
    );
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => 'searchBench' in window);
    type Api = import('./search/page').SearchBenchApi;
    const run = <K extends keyof Api>(k: K, ...args: Parameters<Api[K]>) =>
      page.evaluate(
        ([k, args]) => {
          const api = (
            window as unknown as { searchBench: Record<string, (...a: unknown[]) => unknown> }
          ).searchBench;
          return api[k as string]?.(...(args as unknown[]));
        },
        [k, args] as const,
      ) as Promise<Awaited<ReturnType<Api[K]>>>;

    const idb = join(profile, 'Default', 'IndexedDB');
    const seeded = await run('seed', MESSAGES);
    // Let LevelDB settle its log before measuring (a fresh page on the same profile).
    await page.reload();
    await page.waitForFunction(() => 'searchBench' in window);
    const before = du(idb);
    const backfill = await run('backfill', CHUNK);
    await page.reload();
    await page.waitForFunction(() => 'searchBench' in window);
    const after = du(idb);
    const live = await run('live', 20, 50);
    const rows: string[] = [];
    const all: number[] = [];
    for (const q of QUERIES) {
      const r = await run('query', q, RUNS);
      rows.push(
        `| \`${q}\` | ${r.hits} | ${r.first.median.toFixed(1)} | ${r.first.p95.toFixed(1)} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} |`,
      );
      all.push(r.median);
    }
    const version = await context.browser()?.version();
    const report = [
      '# Search benchmark (bench/search.bench.ts)',
      '',
      `${new Date().toISOString()}, Chromium ${version ?? '?'}, ${MESSAGES.toLocaleString('en')} messages, ${RUNS} timed runs per query after one warm-up.`,
      `Command: \`npx playwright test -c bench/playwright.config.ts --grep 'time to first results'\``,
      '',
      `Seeding (messages only, no index): ${(seeded.ms / 1000).toFixed(1)} s for ${seeded.count} rows.`,
      `Background indexing (backfill, chunks of ${CHUNK}): ${(backfill.ms / 1000).toFixed(1)} s in all; one chunk (one transaction, wall time) median ${backfill.step.median.toFixed(1)} ms, p95 ${backfill.step.p95.toFixed(1)} ms, max ${backfill.step.max.toFixed(1)} ms; main-thread long tasks (> 50 ms) meanwhile: ${backfill.longTaskCount}, longest ${backfill.longTasks.max.toFixed(0)} ms.`,
      `Live indexing of a batch of 50 new messages (after their write commits): median ${live.median.toFixed(1)} ms, p95 ${live.p95.toFixed(1)} ms.`,
      `Index: ${backfill.entriesPerMessage.toFixed(1)} entries per message, ${backfill.keyCharsPerMessage.toFixed(0)} key characters per message.`,
      `IndexedDB folder on disk (du -sb): ${(before / 1e6).toFixed(1)} MB with messages only, ${(after / 1e6).toFixed(1)} MB with the index: ${((after - before) / MESSAGES).toFixed(0)} bytes per message for the index (before LevelDB compaction settles; the figure moves with it).`,
      '',
      'First results: the first hits the search box can show (the search reports its newest hits while it reads further back); the same as the full page when it finds the page at once. Full page: all 50 (or all there are).',
      '',
      '| query | results (max 50) | first results, median ms | first, p95 ms | full page, median ms | full, p95 ms | full, max ms |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n');
    console.log(report);
    writeFileSync(join(HERE, 'RESULTS-search.md'), report);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

// Parley and Converse.js side by side, on the same server, data, browser and machine.
// Run with `npm run bench` (or `npm run bench -- --quick`): bench/run.mjs builds Parley and
// starts this file. What each scenario measures, and the Converse.js settings: bench/README.md.
// The runner is compare/runner.ts, the scenarios compare/scenarios/*.ts, the plans of runs
// compare/plans.ts.
import { test } from '@playwright/test';
import { CLIENTS, ONLY_ALL_AT_ONCE, ONLY_LATENCY, QUICK, SIZE } from './compare/config';
import { type EntryPoints, measureEntryPoints } from './compare/entryPoints';
import { ALL_AT_ONCE, FAIR_PLANS } from './compare/plans';
import { writeReport } from './compare/report';
import { createStore } from './compare/results';
import { runOnce } from './compare/runner';
import { latencyScenario } from './compare/scenarios/latency';
import { seedServer } from './compare/server';
import { startStage } from './compare/sites';

const KEYS = ['parley', 'converse'] as const;

test('Parley and Converse.js side by side', async () => {
  test.setTimeout((QUICK ? 40 : 150) * 60_000);
  const started = Date.now();
  const server = await seedServer();
  const store = createStore();
  const { sites, browser, close } = await startStage(server);
  let failure: unknown = null;
  let entry: EntryPoints | null = null;
  try {
    // A warm-up run each (signed in, then stopped), then SIZE.runs counted rounds, each round
    // every plan once per client, alternating A B A B (none of it with BENCH_ONLY=latency).
    const keys = ONLY_LATENCY ? [] : KEYS.filter((k) => CLIENTS.includes(k));
    for (const key of keys)
      await runOnce(browser, server, sites, store, ALL_AT_ONCE, key, 0, false);
    for (let run = 1; run <= SIZE.runs; run++)
      for (const plan of ONLY_ALL_AT_ONCE ? [ALL_AT_ONCE] : [...FAIR_PLANS, ALL_AT_ONCE])
        for (const key of keys) await runOnce(browser, server, sites, store, plan, key, run, true);
    if (CLIENTS.includes('parley')) await latencyScenario(browser, server, sites, store);
    // Bytes per entry point: the widget on its demo shop (its own server with guest sign-up).
    if (CLIENTS.includes('parley') && !ONLY_LATENCY && !ONLY_ALL_AT_ONCE)
      entry = await measureEntryPoints('dist', SIZE.runs);
  } catch (error) {
    failure = error;
  }

  writeReport({ store, entry, browserVersion: browser.version(), startedAt: started, failure });

  await close();
  await server.stop();
  if (failure) throw failure;
});

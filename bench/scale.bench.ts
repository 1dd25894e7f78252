// The scale tier (issue 18, "At ten times the size"): Parley and Converse.js side by side on an
// account ten times the size of the side-by-side benchmark's. Run with `npm run bench -- --scale`
// (bench/run.mjs builds Parley and starts this file). Seeding: scale/server.ts; the steps:
// scale/steps.ts, on the side-by-side runner (compare/runner.ts); rows: bench/README.md.
import { test } from '@playwright/test';
import { CLIENTS } from './compare/config';
import { createStore } from './compare/results';
import { runOnce } from './compare/runner';
import { startStage } from './compare/sites';
import { SCALE } from './scale/config';
import { scalePlans } from './scale/plans';
import { writeScaleReport } from './scale/report';
import { seedScaleServer } from './scale/server';

const KEYS = (['parley', 'converse'] as const).filter((k) => CLIENTS.includes(k));

test('the scale tier, side by side', async () => {
  test.setTimeout(60 * 60_000);
  const started = Date.now();
  const seeded = await seedScaleServer();
  // Seeded once and never restored: a restore restarts Prosody, which would drop the crowd.
  const server = { ...seeded.server, restore: async () => {} };
  const store = createStore();
  const { sites, browser, close } = await startStage(seeded.server);
  const { warmUp, plans } = scalePlans(seeded.corpus.recentNames);
  let failure: unknown = null;
  try {
    for (const key of KEYS) await runOnce(browser, server, sites, store, warmUp, key, 0, false);
    for (let run = 1; run <= SCALE.runs; run++)
      for (const plan of plans)
        for (const key of KEYS) await runOnce(browser, server, sites, store, plan, key, run, true);
  } catch (error) {
    failure = error;
  }
  writeScaleReport({
    store,
    browserVersion: browser.version(),
    startedAt: started,
    failure,
    seeding: seeded.seeding,
    counts: seeded.corpus.counts,
    files: seeded.corpus.files,
    recentMessages: seeded.corpus.recentMessages,
  });
  await close();
  await seeded.stop();
  if (failure) throw failure;
});

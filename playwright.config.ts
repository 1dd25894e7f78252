import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './dev/chromium.mjs';

// End-to-end tests drive Debian's Chromium (`apt-get install chromium`; Playwright's own
// browser downloads are not used) against a real Prosody and a real ejabberd that
// e2e/global-setup.ts starts on free loopback ports, with the built app (dist/) served by
// dev/serve.mjs. One project per server; `--project prosody` runs one.

/**
 * The specs that also run on ejabberd: those where the server does the work (accounts and
 * sign-in, receipts, archive and history, reloads and session ends, BOSH and host-meta,
 * carbons, a private PEP node, delivery errors, rooms, XEP-0133 for known customers, and the
 * two-node cluster, which is ejabberd's alone). The others are about the app's own screens
 * and storage (a11y, look, keyboard, navigation, drafts, search, notifications, offline start,
 * PWA, tabs...), which do not change with the server: they run on Prosody only, to keep
 * `npm test` within its 20 minutes. PARLEY_EJABBERD_ALL=1 runs every spec on ejabberd too.
 */
const ON_EJABBERD = process.env['PARLEY_EJABBERD_ALL']
  ? ['*.spec.ts']
  : ['chat', 'connect', 'devices', 'chatSync', 'failed', 'rooms', 'customers', 'cluster'].map(
      (name) => `${name}.spec.ts`,
    );

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  // A wait ends at the event it waits for; the ceiling is for a 2-core machine that is also
  // busy with other work (CI runs the suite beside two CPU-bound processes), where a message
  // through Prosody and two browsers has taken over 10 s. Speed is measured in bench/.
  expect: { timeout: 20_000 },
  reporter: [['list'], ['./e2e/summary-reporter.ts']],
  forbidOnly: !!process.env['CI'],
  projects: [
    // Clustering is ejabberd's (Prosody 0.12 has none): the cluster spec runs there only.
    { name: 'prosody', metadata: { server: 'prosody' }, testIgnore: ['cluster.spec.ts'] },
    {
      name: 'ejabberd',
      metadata: { server: 'ejabberd' },
      testMatch: ON_EJABBERD,
      // Rooms on ejabberd are run by the reload and cluster tests; the long tour of a room's
      // settings, invitations, mention and kick runs on Prosody only (time, as above).
      ...(process.env['PARLEY_EJABBERD_ALL'] ? {} : { grepInvert: /a configured room:/ }),
    },
  ],
  use: {
    browserName: 'chromium',
    // No service worker unless a spec asks for it (pwa.spec.ts, notifications.spec.ts): each new
    // context would install it and precache the whole app (39 files), which is a quarter of the
    // suite's CPU time and tests nothing but the worker. Measured on four specs (9 tests), two
    // runs each: 60.0 and 60.1 s of CPU with the worker, 45.4 and 46.3 s without.
    serviceWorkers: 'block',
    headless: true,
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      // A fake microphone (a beep) that needs no permission prompt, for voice messages.
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    },
    // A trace is recorded for every test and thrown away when it passes: on four specs (11
    // tests, two runs each, idle) 57.5 and 59.7 s of CPU with it, 53.0 and 45.3 s without. CI
    // runs without (a failure still prints its error, the console and a screenshot); a run by
    // hand keeps the trace of a failure for `npx playwright show-trace`.
    trace: process.env['CI'] ? 'off' : 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});

// Comparison screenshots (issue 17's visual pass): Parley and Converse.js on the same server and
// the same data, three screens each (the chat list, a conversation, a room), written to
// docs/compare/. What the data is and what the pictures show: docs/compare/README.md.
//
//   npm run build && npx playwright test -c bench/playwright.config.ts --grep 'comparison screenshots'
//
// The data (bench/screens/data.ts) is sent live by XMPP sessions (bench/screens/seed.ts); each
// client signs in to the same seeded state in its own context (bench/screens/clients.ts).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../dev/chromium.mjs';
import { ensurePackages } from '../dev/packages.mjs';
import { serveApp } from '../dev/serve.mjs';
import { type Client, converse, parley, type Screen } from './screens/clients';
import { DOMAIN } from './screens/data';
import { startScreensServer } from './screens/seed';
import { serveConverse } from './server.mjs';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));
const OUT = fileURLToPath(new URL('../docs/compare', import.meta.url));
const SCREENS: Screen[] = ['chats', 'conversation', 'room'];
/** Without them the Chinese names and the emoji are drawn as empty boxes. */
const FONTS = [
  { name: 'fonts-noto-cjk', why: 'Chinese names and messages' },
  { name: 'fonts-noto-color-emoji', why: 'emoji in messages' },
];

test('comparison screenshots', async () => {
  test.setTimeout(5 * 60_000);
  const t0 = Date.now();
  const fonts = ensurePackages(FONTS);
  if (!fonts.ok) throw new Error(fonts.message);
  mkdirSync(OUT, { recursive: true });
  // Whatever was started is stopped, last first, however far the run got.
  const started: Array<() => Promise<void>> = [];
  try {
    const server = await startScreensServer();
    started.push(() => server.stop());
    const parleySite = await serveApp({
      root: DIST,
      port: 0,
      prosodyHttpPort: server.prosody.httpPort,
      config: { websocketUrl: '/xmpp-websocket', domain: DOMAIN, allowRegistration: false },
    });
    const converseSite = await serveConverse(server.prosody.websocketUrl, DOMAIN);
    started.push(
      () => parleySite.close(),
      () => converseSite.close(),
    );
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    started.push(() => browser.close());
    const runs: Array<[Client, string]> = [
      [parley, parleySite.url],
      [converse, converseSite.url],
    ];
    for (const [i, [client, url]] of runs.entries()) {
      // The same seeded state for each client: nothing the one before did on the server.
      if (i > 0) await server.restore();
      const context = await browser.newContext({
        baseURL: url,
        viewport: { width: 1280, height: 800 },
        colorScheme: 'light',
        locale: 'en-US',
        timezoneId: 'UTC',
      });
      const page = await context.newPage();
      await client.signIn(page);
      for (const screen of SCREENS) {
        await client.show(page, screen);
        // Nothing hovered, every font in.
        await page.mouse.move(0, 0);
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({
          path: `${OUT}/${client.key}-${screen}.png`,
          animations: 'disabled',
        });
      }
      await context.close();
    }
  } finally {
    for (const stop of started.reverse()) await stop();
  }
  console.log(`Six screenshots in docs/compare/ in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
});

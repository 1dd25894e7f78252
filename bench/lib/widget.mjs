// The support widget's weight and speed on loopback, from a built dist/ (`npm run build`):
// - loader: dist/widget.js, gzip
// - first open: every file the browser fetched from Parley's origin between the click on the
//   launcher and a usable panel (the message box shown and the shopper's session connected),
//   each counted at its gzip size, on a first visit (nothing cached, guest account created)
// - click → usable panel (message box focused), warm cache, a returning shopper, per run
// - click → connected (the header no longer says "Connecting…"), the same runs
// Used by bench/widget.mjs (printed) and by the side-by-side bench (its "bytes per entry point").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../dev/chromium.mjs';
import { freePort, startProsody } from '../../dev/prosody.mjs';
import { serveApp } from '../../dev/serve.mjs';
import { serveShop } from '../../dev/shop.mjs';
import { gzipBytes } from './precache.mjs';

/** Loader, first open and warm-cache times of the widget on a demo shop page. */
export async function measureWidget({ dist, runs }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-widget-'));
  const prosody = await startProsody({
    dataDir,
    c2sPort: await freePort(),
    httpPort: await freePort(),
    allowRegistration: true,
  });
  const app = await serveApp({
    root: dist,
    prosodyHttpPort: prosody.httpPort,
    config: { websocketUrl: '/xmpp-websocket', domain: 'localhost', allowRegistration: true },
  });
  const shop = await serveShop({
    widgetBase: app.url,
    agents: [],
    uploadOrigin: new URL(prosody.uploadUrl).origin,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetched = new Set();
    let counting = false;
    page.on('request', (r) => {
      if (counting && r.url().startsWith(app.url)) fetched.add(new URL(r.url()).pathname);
    });
    await page.goto(new URL('p/tea', shop.url).toString());
    const host = page.locator('parley-chat');
    const launcher = host.getByRole('button', { name: /^Open chat/ });
    const input = host.getByRole('textbox', { name: 'Your message' });
    await launcher.waitFor();
    counting = true;
    await launcher.click();
    await input.waitFor();
    // Connected: the header no longer says "Connecting…".
    const connected = () =>
      page.waitForFunction(
        () => {
          const s = document
            .querySelector('parley-chat')
            ?.shadowRoot?.querySelector('[role=status]');
          return s && s.textContent !== 'Connecting…';
        },
        null,
        { timeout: 30_000 },
      );
    await connected();
    counting = false;
    const files = [...fetched]
      .map((p) => ({ p, file: path.join(dist, p) }))
      .filter(({ file }) => fs.existsSync(file) && fs.statSync(file).isFile())
      .map(({ p, file }) => ({ path: p, bytes: gzipBytes(file) }))
      .sort((a, b) => b.bytes - a.bytes);

    // A returning shopper, warm cache: reload, click, time until the message box has focus.
    const usable = [];
    const online = [];
    for (let run = 0; run < runs; run++) {
      await page.reload();
      await launcher.waitFor();
      await page.evaluate(() => new Promise((r) => setTimeout(r, 300))); // let the page settle
      const t0 = Date.now();
      await launcher.click();
      await page.waitForFunction(
        () =>
          document.querySelector('parley-chat')?.shadowRoot?.activeElement?.tagName === 'TEXTAREA',
      );
      usable.push(Date.now() - t0);
      await connected();
      online.push(Date.now() - t0);
      await host.getByRole('button', { name: 'Hide chat' }).click();
    }
    return {
      loader: gzipBytes(path.join(dist, 'widget.js')),
      firstOpen: files.reduce((n, f) => n + f.bytes, 0),
      files,
      usable,
      online,
    };
  } finally {
    await browser.close();
    await shop.close();
    await app.close();
    await prosody.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// The support widget's weight and speed on loopback (needs `npm run build` first):
//   node bench/widget.mjs [--runs 5]
// - loader: dist/widget.js, gzip
// - first open: every file the browser fetched from Parley's origin between the click on the
//   launcher and a usable panel (the message box shown and the shopper's session connected),
//   each counted at its gzip size, on a first visit (nothing cached, guest account created)
// - click → usable panel (message box focused), warm cache, a returning shopper: median of runs
// - click → connected (the header no longer says "Connecting…"), the same runs: median
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../dev/chromium.mjs';
import { freePort, startProsody } from '../dev/prosody.mjs';
import { serveApp } from '../dev/serve.mjs';
import { serveShop } from '../dev/shop.mjs';

const i = process.argv.indexOf('--runs');
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 5;
const DIST = path.resolve('dist');
const gz = (file) => gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-widget-'));
const prosody = await startProsody({
  dataDir,
  c2sPort: await freePort(),
  httpPort: await freePort(),
  allowRegistration: true,
});
const app = await serveApp({
  root: DIST,
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
        const s = document.querySelector('parley-chat')?.shadowRoot?.querySelector('[role=status]');
        return s && s.textContent !== 'Connecting…';
      },
      null,
      { timeout: 30_000 },
    );
  await connected();
  counting = false;
  const rows = [...fetched]
    .map((p) => ({ p, file: path.join(DIST, p) }))
    .filter(({ file }) => fs.existsSync(file) && fs.statSync(file).isFile())
    .map(({ p, file }) => ({ p, bytes: gz(file) }))
    .sort((a, b) => b.bytes - a.bytes);
  const firstOpen = rows.reduce((n, r) => n + r.bytes, 0);

  // A returning shopper, warm cache: reload, click, time until the message box has focus.
  const times = [];
  const online = [];
  for (let run = 0; run < RUNS; run++) {
    await page.reload();
    await launcher.waitFor();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300))); // let the page settle
    const t0 = Date.now();
    await launcher.click();
    await page.waitForFunction(
      () =>
        document.querySelector('parley-chat')?.shadowRoot?.activeElement?.tagName === 'TEXTAREA',
    );
    times.push(Date.now() - t0);
    await connected();
    online.push(Date.now() - t0);
    await host.getByRole('button', { name: 'Hide chat' }).click();
  }
  const median = (list) => {
    list.sort((a, b) => a - b);
    return list[Math.floor(list.length / 2)];
  };

  console.log('\nSupport widget (gzip -9 of the built files; loopback; Debian Chromium)\n');
  console.log(
    `loader  dist/widget.js                 ${kb(gz(path.join(DIST, 'widget.js')))}   (budget 8 KB)`,
  );
  console.log(`first open, all files fetched        ${kb(firstOpen)}   (budget 80 KB)`);
  for (const r of rows) console.log(`    ${r.p.padEnd(36)} ${kb(r.bytes)}`);
  console.log(
    `click → usable panel, warm cache     median ${median(times)} ms of ${RUNS} (${times.join(', ')} ms)   (budget 300 ms)`,
  );
  console.log(
    `click → connected, warm cache        median ${median(online)} ms of ${RUNS} (${online.join(', ')} ms)`,
  );
} finally {
  await browser.close();
  await shop.close();
  await app.close();
  await prosody.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

// Sign-in on loopback until the roster is visible, with where the time goes.
// Usage: node bench/signin.mjs [--contacts 200] [--runs 5]   (needs `npm run build` first)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../dev/chromium.mjs';
import { freePort, startProsody } from '../dev/prosody.mjs';
import { serveApp } from '../dev/serve.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const CONTACTS = arg('contacts', 200);
const RUNS = arg('runs', 5);

/** Seed a roster straight into Prosody's internal storage (a Lua table per user). */
function seedRoster(dataDir, user, n) {
  const dir = path.join(dataDir, 'localhost', 'roster');
  fs.mkdirSync(dir, { recursive: true });
  const items = Array.from(
    { length: n },
    (_, i) =>
      `["contact${i}@localhost"] = { subscription = "both"; groups = { ["Group ${i % 10}"] = true }; name = "Contact ${i}" };`,
  );
  fs.writeFileSync(
    path.join(dir, `${user}.dat`),
    `return {\n[false] = { version = 1; pending = {} };\n${items.join('\n')}\n};\n`,
  );
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
const prosody = await startProsody({
  dataDir,
  c2sPort: await freePort(),
  httpPort: await freePort(),
});
await prosody.register('alice', 'alice-bench-pass');
seedRoster(path.join(dataDir, 'data'), 'alice', CONTACTS);
const server = await serveApp({
  root: 'dist',
  prosodyHttpPort: prosody.httpPort,
  config: { websocketUrl: '/xmpp-websocket', domain: 'localhost', allowRegistration: false },
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

const rows = [];
for (let run = 0; run <= RUNS; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Address').fill('alice@localhost');
  await page.getByLabel('Password').fill('alice-bench-pass');
  await page
    .getByRole('tab', { name: 'Contacts' })
    .waitFor({ state: 'detached' })
    .catch(() => {});
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('tab', { name: 'Contacts' }).click();
  const shownAt = await (
    await page.waitForFunction(
      (name) =>
        [...document.querySelectorAll('button[aria-label]')].some(
          (b) => b.getAttribute('aria-label') === name,
        ) && performance.now(),
      `Contact ${CONTACTS - 1}`,
      { polling: 'raf' },
    )
  ).jsonValue();
  const marks = await page.evaluate(
    ({ shownAt }) => {
      // Zero is our submit handler: the click's own round trip through Playwright is not the app's.
      const t = performance.getEntriesByName('parley:signin:start')[0].startTime;
      const at = (n) => performance.getEntriesByName(n)[0];
      const rel = (n) => (at(n) ? Math.round(at(n).startTime - t) : null);
      const derive = performance.getEntriesByName('parley:scram:derive')[0];
      return {
        total: Math.round(shownAt - t),
        wsOpen: rel('parley:xmpp:open'),
        online: rel('parley:xmpp:online'),
        rosterRequest: rel('parley:roster:request'),
        rosterStored: rel('parley:roster:stored'),
        pbkdf2: derive ? Math.round(derive.duration) : null,
        all: performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('parley:'))
          .map((m) => `${m.name}@${Math.round(m.startTime - t)}`)
          .join(' '),
      };
    },
    { shownAt },
  );
  if (run > 0) rows.push(marks); // run 0 is the warm-up
  await context.close();
}
await browser.close();
await server.close();
await prosody.stop();
fs.rmSync(dataDir, { recursive: true, force: true });

const median = (k) => {
  const v = rows
    .map((r) => r[k])
    .filter((x) => x !== null)
    .sort((a, b) => a - b);
  return v.length ? `${v[Math.floor(v.length / 2)]} (min ${v[0]}, max ${v[v.length - 1]})` : 'n/a';
};
console.log(
  `Sign-in to a ${CONTACTS}-contact roster on screen, ${RUNS} runs after a warm-up, ms from the sign-in submit:`,
);
if (process.argv.includes('--verbose')) for (const r of rows) console.log(r.all);
for (const k of ['wsOpen', 'pbkdf2', 'online', 'rosterRequest', 'rosterStored', 'total'])
  console.log(`  ${k.padEnd(14)} ${median(k)}`);

// Starts a private Prosody and serves the built app for the end-to-end tests.
// Tests read what they need from the environment (see e2e/fixtures.ts):
//   PARLEY_URL          the app, e.g. http://127.0.0.1:41234/
//   PARLEY_PROSODY_CFG  the Prosody config file, for prosodyctl
//   PARLEY_DOMAIN       the XMPP domain (localhost)

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCustomerDesk } from '../dev/customers.mjs';
import { startProsody } from '../dev/prosody.mjs';
import { serveApp } from '../dev/serve.mjs';
import { serveShop } from '../dev/shop.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const DOMAIN = 'localhost';

export default async function globalSetup() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(
      `No built app in ${DIST}. Build it first: \`npm run build\` (\`npm test\` builds before the e2e suite).`,
    );
  }
  const started = performance.now();
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-e2e-'));
  const prosody = await startProsody({ dataDir, domain: DOMAIN, allowRegistration: true });
  let app: Awaited<ReturnType<typeof serveApp>>;
  try {
    app = await serveApp({
      root: DIST,
      port: 0,
      prosodyHttpPort: prosody.httpPort,
      // PARLEY_TRANSPORT=bosh runs the suite over BOSH: a config without a WebSocket URL.
      config: {
        ...(process.env['PARLEY_TRANSPORT'] === 'bosh' ? {} : { websocketUrl: '/xmpp-websocket' }),
        boshUrl: '/http-bind',
        domain: DOMAIN,
        allowRegistration: true,
        idleAwayMinutes: 10,
        supportCustomerDomain: prosody.customersHost,
      },
    });
  } catch (error) {
    await prosody.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  // The support widget's demo shop, on another origin (port) than the app. Its agents are
  // set per test (window.parleySettings); this default is no account.
  // Its backend vouches for its signed-in customers (dev/customers.mjs).
  const deskPassword = randomBytes(18).toString('base64url');
  await prosody.register('shop', deskPassword, prosody.customersHost);
  const desk = await startCustomerDesk({
    service: `xmpp://127.0.0.1:${prosody.c2sPort}`,
    host: prosody.customersHost,
    password: deskPassword,
  });
  const shop = await serveShop({
    widgetBase: app.url,
    agents: [`nobody@${DOMAIN}`],
    desk,
    customersHost: prosody.customersHost,
    uploadOrigin: new URL(prosody.uploadUrl).origin,
  });
  process.env['PARLEY_SHOP_URL'] = shop.url;
  process.env['PARLEY_URL'] = app.url;
  process.env['PARLEY_PROSODY_CFG'] = prosody.configPath;
  process.env['PARLEY_DOMAIN'] = DOMAIN;
  console.log(
    `e2e: Prosody on c2s ${prosody.c2sPort} / http ${prosody.httpPort}, app at ${app.url} ` +
      `(${Math.round(performance.now() - started)} ms)`,
  );

  return async () => {
    await shop.close();
    await desk.stop();
    await app.close();
    await prosody.stop();
    // Keep the server log for a look after a failed run.
    const log = join(dataDir, 'prosody.log');
    if (existsSync(log)) {
      await mkdir(join(ROOT, 'test-results'), { recursive: true });
      await copyFile(log, join(ROOT, 'test-results', 'prosody.log')).catch(() => {});
    }
    await rm(dataDir, { recursive: true, force: true });
  };
}

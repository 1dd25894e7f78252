// Starts the XMPP servers and serves the built app for the end-to-end tests: Prosody, and
// ejabberd for the `ejabberd` project (playwright.config.ts). Each server gets its own app
// server and demo shop. Tests read what they need from the environment; the worker fixture in
// e2e/fixtures.ts points these at the server of the test's project:
//   PARLEY_URL               the app, e.g. http://127.0.0.1:41234/
//   PARLEY_SHOP_URL          the demo shop with the support widget
//   PARLEY_SERVER            prosody | ejabberd
//   PARLEY_SERVER_HTTP_PORT  the server's own HTTP port (WebSocket, BOSH, uploads)
//   PARLEY_PROSODY_CFG       the Prosody config file, for prosodyctl (Prosody only)
//   PARLEY_DOMAIN            the XMPP domain (localhost)

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FullConfig } from '@playwright/test';
import { startCustomerDesk } from '../dev/customers.mjs';
import { startEjabberd } from '../dev/ejabberd.mjs';
import { startProsody } from '../dev/prosody.mjs';
import { serveApp } from '../dev/serve.mjs';
import { serveShop } from '../dev/shop.mjs';
import { chosenProjects, type ServerKind, serverEnvName } from './servers';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const DOMAIN = 'localhost';

/** One XMPP server with its app server, customer desk and demo shop. */
async function startStack(kind: ServerKind) {
  const started = performance.now();
  const dataDir = await mkdtemp(join(tmpdir(), `parley-e2e-${kind}-`));
  const options = { dataDir, domain: DOMAIN, allowRegistration: true };
  // PARLEY_SERVER_LOG=debug logs every stanza (in test-results/<server>.log after the run).
  const debug = process.env['PARLEY_SERVER_LOG'] === 'debug';
  const server =
    kind === 'ejabberd'
      ? await startEjabberd({ ...options, ...(debug ? { logLevel: 'debug' } : {}) })
      : await startProsody({ ...options, ...(debug ? { logLevel: 'debug' } : {}) });
  const closers: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
    await server.stop();
    // Keep the server log for a look after a failed run.
    if (existsSync(server.logPath)) {
      await mkdir(join(ROOT, 'test-results'), { recursive: true });
      await copyFile(server.logPath, join(ROOT, 'test-results', `${kind}.log`)).catch(() => {});
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const app = await serveApp({
      root: DIST,
      port: 0,
      prosodyHttpPort: server.httpPort,
      // PARLEY_TRANSPORT=bosh runs the suite over BOSH: a config without a WebSocket URL.
      config: {
        ...(process.env['PARLEY_TRANSPORT'] === 'bosh' ? {} : { websocketUrl: '/xmpp-websocket' }),
        boshUrl: '/http-bind',
        domain: DOMAIN,
        allowRegistration: true,
        idleAwayMinutes: 10,
        supportCustomerDomain: server.customersHost,
      },
    });
    closers.push(() => app.close());
    // The support widget's demo shop, on another origin (port) than the app. Its agents are
    // set per test (window.parleySettings); this default is no account. Its backend vouches
    // for its signed-in customers (dev/customers.mjs).
    const deskPassword = randomBytes(18).toString('base64url');
    await server.register('shop', deskPassword, server.customersHost);
    const desk = await startCustomerDesk({
      service: `xmpp://127.0.0.1:${server.c2sPort}`,
      host: server.customersHost,
      password: deskPassword,
    });
    closers.push(() => desk.stop());
    const shop = await serveShop({
      widgetBase: app.url,
      agents: [`nobody@${DOMAIN}`],
      desk,
      customersHost: server.customersHost,
      uploadOrigin: new URL(server.uploadUrl).origin,
    });
    closers.push(() => shop.close());
    const env = {
      URL: app.url,
      SHOP_URL: shop.url,
      HTTP_PORT: String(server.httpPort),
      ...(kind === 'prosody' ? { CFG: server.configPath } : {}),
    };
    for (const [key, value] of Object.entries(env)) process.env[serverEnvName(kind, key)] = value;
    console.log(
      `e2e: ${kind} on c2s ${server.c2sPort} / http ${server.httpPort}, app at ${app.url} ` +
        `(${Math.round(performance.now() - started)} ms)`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

export default async function globalSetup(config: FullConfig) {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(
      `No built app in ${DIST}. Build it first: \`npm run build\` (\`npm test\` builds before the e2e suite).`,
    );
  }
  // Only the servers of the projects that run (`--project prosody` starts no ejabberd). The
  // config lists every project whatever the command line chose, so it is read here.
  const chosen = chosenProjects(process.argv);
  const kinds = [
    ...new Set(
      config.projects
        .filter((p) => !chosen.length || chosen.includes(p.name))
        .map((p) => p.metadata['server'] as ServerKind),
    ),
  ];
  process.env['PARLEY_DOMAIN'] = DOMAIN;
  const stops: Array<() => Promise<void>> = [];
  try {
    for (const kind of kinds) stops.push(await startStack(kind));
  } catch (error) {
    for (const stop of stops) await stop();
    throw error;
  }
  return async () => {
    for (const stop of stops) await stop();
  };
}

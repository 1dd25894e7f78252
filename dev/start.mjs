// `npm start`: a local Prosody with two demo accounts, a production build of the
// app, and a static server for it on http://127.0.0.1:8080/ (or $PORT).
//
//   node dev/start.mjs                 everything
//   node dev/start.mjs --prosody-only  just Prosody + demo accounts (pair with `npm run dev`)
//
// Prosody's data lives in .data/prosody and persists between runs.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onPath, startProsody } from './prosody.mjs';
import { serveApp } from './serve.mjs';
import { serveShop } from './shop.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = join(ROOT, '.data', 'prosody');
const DOMAIN = 'localhost';
const C2S_PORT = 5322;
const HTTP_PORT = 5380; // vite.config.ts proxies the dev server to this port too
const APP_PORT = Number(process.env.PORT || 8080);
const SHOP_PORT = Number(process.env.SHOP_PORT || 8090); // the demo shop: another origin
const ACCOUNTS = [
  { user: 'alice', password: 'alice-demo-pass' },
  { user: 'bob', password: 'bob-demo-pass' },
];
const APP_CONFIG = {
  websocketUrl: '/xmpp-websocket',
  boshUrl: '/http-bind',
  domain: DOMAIN,
  allowRegistration: true,
  idleAwayMinutes: 10,
  // The demo shop's signed-in customers: the team's Parley marks them verified.
  supportCustomerDomain: `customers.${DOMAIN}`,
};

const prosodyOnly = process.argv.includes('--prosody-only');
let prosody = null; // stopped on any failure, so no Prosody is left behind

function fail(message) {
  console.error(`\n${message}`);
  const stopped = prosody ? prosody.stop() : Promise.resolve();
  stopped.finally(() => process.exit(1));
}

/** Run a command with inherited stdio; resolves on exit 0, rejects otherwise. */
function run(command, args, options = {}) {
  return new Promise((done, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) done();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

function portIsFree(port) {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

async function ensureProsody() {
  if (onPath('prosody') && onPath('prosodyctl')) return;
  if (process.getuid?.() !== 0) {
    console.error('Prosody is not installed. Run: sudo apt-get install -y prosody');
    process.exit(1);
  }
  console.log('Prosody is not installed; installing it with apt-get (running as root)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { env });
  await run('apt-get', ['install', '-y', '--no-install-recommends', 'prosody'], { env });
  if (!onPath('prosody')) throw new Error('apt-get finished but `prosody` is still not on PATH.');
}

// Prosody's internal storage keeps one file per account: data/<host>/accounts/<user>.dat
// (with '.' in names escaped as %2e).
const accountFile = (user) =>
  join(DATA_DIR, 'data', DOMAIN.replaceAll('.', '%2e'), 'accounts', `${user}.dat`);

async function main() {
  const started = performance.now();
  await ensureProsody();

  const ports = [
    [C2S_PORT, 'Prosody c2s'],
    [HTTP_PORT, 'Prosody HTTP'],
  ];
  if (!prosodyOnly) ports.push([APP_PORT, 'app server (set PORT to use another)']);
  if (!prosodyOnly) ports.push([SHOP_PORT, 'demo shop (set SHOP_PORT to use another)']);
  for (const [port, what] of ports) {
    if (!(await portIsFree(port))) {
      throw new Error(
        `Port ${port} (${what}) is busy on 127.0.0.1. Is another \`npm start\` running?\n` +
          `See who holds it: ss -ltnp 'sport = :${port}'`,
      );
    }
  }

  if (!prosodyOnly) {
    if (!existsSync(join(ROOT, 'node_modules'))) {
      console.log('node_modules is missing: running npm ci...');
      await run('npm', ['ci']);
    }
    // The app, its service worker and the support widget the demo shop embeds.
    console.log('Building the app and the widget (npm run build)...');
    await run('npm', ['run', 'build']);
  }

  prosody = await startProsody({
    dataDir: DATA_DIR,
    c2sPort: C2S_PORT,
    httpPort: HTTP_PORT,
    domain: DOMAIN,
    allowRegistration: true,
    quiet: true,
  });
  for (const { user, password } of ACCOUNTS) {
    if (!existsSync(accountFile(user))) await prosody.register(user, password);
  }

  const app = prosodyOnly
    ? null
    : await serveApp({
        root: join(ROOT, 'dist'),
        port: APP_PORT,
        host: '127.0.0.1',
        prosodyHttpPort: HTTP_PORT,
        config: APP_CONFIG,
      });

  // The support widget's demo: a shop on another origin; alice answers in Parley. Its backend
  // vouches for signed-in customers (dev/customers.mjs), with a password set on every start.
  let desk = null;
  if (app) {
    const deskPassword = randomBytes(18).toString('base64url');
    await prosody.register('shop', deskPassword, prosody.customersHost);
    // Imported here, not at the top: it needs @xmpp/client, which `npm ci` above may have
    // only just installed on a fresh clone.
    const { startCustomerDesk } = await import('./customers.mjs');
    desk = await startCustomerDesk({
      service: `xmpp://127.0.0.1:${C2S_PORT}`,
      host: prosody.customersHost,
      password: deskPassword,
    });
  }
  const shop = app
    ? await serveShop({
        port: SHOP_PORT,
        widgetBase: app.url,
        agents: [`alice@${DOMAIN}`],
        desk,
        customersHost: prosody.customersHost,
        uploadOrigin: new URL(prosody.uploadUrl).origin,
      })
    : null;

  let stopping = false;
  async function shutdown(signal) {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping...`);
    await Promise.allSettled([app?.close(), shop?.close(), desk?.stop()]);
    await prosody.stop();
    process.exit(0);
  }
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  prosody.exited.then((how) => {
    if (stopping) return;
    console.error(
      `\nProsody exited unexpectedly (${JSON.stringify(how)}). Log: ${join(DATA_DIR, 'prosody.log')}`,
    );
    app?.close();
    process.exit(1);
  });

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [
    '',
    `Parley is ready (${seconds} s).`,
    '',
    app ? `  Open:      ${app.url}` : '  App:       run `npm run dev` (it proxies to this Prosody)',
    `  XMPP:      ${DOMAIN}  (c2s 127.0.0.1:${C2S_PORT}, WebSocket ${prosody.websocketUrl}, BOSH ${prosody.boshUrl})`,
    '  Accounts:  alice@localhost  password alice-demo-pass',
    '             bob@localhost    password bob-demo-pass',
    '             (or register a new one from the sign-in page)',
    ...(shop
      ? [
          `  Demo shop: ${shop.url}  (the support widget; answer as alice@${DOMAIN} in Parley)`,
          `             ${shop.url}login signs in a known customer (Ann Lee, Ben Wu)`,
        ]
      : []),
    `  Data:      ${DATA_DIR}  (delete it to start over)`,
    `  Log:       ${join(DATA_DIR, 'prosody.log')}`,
    '',
    'Press Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));

// `npm start`: a local XMPP server (Prosody, or ejabberd) with two demo accounts, a production
// build of the app, and a static server for it on http://127.0.0.1:8080/ (or $PORT).
//
//   node dev/start.mjs                    everything, on Prosody
//   node dev/start.mjs --server ejabberd  everything, on ejabberd
//   node dev/start.mjs --server-only      just the server + demo accounts (pair with
//                                         `npm run dev`; --prosody-only is the old name)
//
// The server's data lives in .data/prosody (or .data/ejabberd) and persists between runs.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ejabberdInstalled, startEjabberd } from './ejabberd.mjs';
import { onPath, startProsody } from './prosody.mjs';
import { serveApp } from './serve.mjs';
import { serveShop } from './shop.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = process.argv.includes('--server')
  ? process.argv[process.argv.indexOf('--server') + 1]
  : 'prosody';
const NAME = SERVER === 'ejabberd' ? 'ejabberd' : 'Prosody';
const DATA_DIR = join(ROOT, '.data', SERVER);
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

const serverOnly =
  process.argv.includes('--server-only') || process.argv.includes('--prosody-only');
let prosody = null; // the XMPP server, stopped on any failure, so none is left behind

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

async function ensureServer() {
  const installed = () =>
    SERVER === 'ejabberd' ? ejabberdInstalled() : onPath('prosody') && onPath('prosodyctl');
  if (installed()) return;
  if (process.getuid?.() !== 0) {
    console.error(`${NAME} is not installed. Run: sudo apt-get install -y ${SERVER}`);
    process.exit(1);
  }
  console.log(`${NAME} is not installed; installing it with apt-get (running as root)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { env });
  await run('apt-get', ['install', '-y', '--no-install-recommends', SERVER], { env });
  // The package starts a system server on 5222/5280; ours runs on its own ports.
  await run('service', [SERVER, 'stop']).catch(() => {});
  if (!installed()) throw new Error(`apt-get finished but ${NAME} is still not installed.`);
}

async function main() {
  const started = performance.now();
  if (SERVER !== 'prosody' && SERVER !== 'ejabberd') {
    throw new Error(`--server ${SERVER}: the choices are prosody and ejabberd`);
  }
  await ensureServer();

  const ports = [
    [C2S_PORT, `${NAME} c2s`],
    [HTTP_PORT, `${NAME} HTTP`],
  ];
  if (!serverOnly) ports.push([APP_PORT, 'app server (set PORT to use another)']);
  if (!serverOnly) ports.push([SHOP_PORT, 'demo shop (set SHOP_PORT to use another)']);
  for (const [port, what] of ports) {
    if (!(await portIsFree(port))) {
      throw new Error(
        `Port ${port} (${what}) is busy on 127.0.0.1. Is another \`npm start\` running?\n` +
          `See who holds it: ss -ltnp 'sport = :${port}'`,
      );
    }
  }

  if (!serverOnly) {
    if (!existsSync(join(ROOT, 'node_modules'))) {
      console.log('node_modules is missing: running npm ci...');
      await run('npm', ['ci']);
    }
    // The app, its service worker and the support widget the demo shop embeds.
    console.log('Building the app and the widget (npm run build)...');
    await run('npm', ['run', 'build']);
  }

  const serverOptions = {
    dataDir: DATA_DIR,
    c2sPort: C2S_PORT,
    httpPort: HTTP_PORT,
    domain: DOMAIN,
    allowRegistration: true,
    quiet: true,
  };
  prosody =
    SERVER === 'ejabberd' ? await startEjabberd(serverOptions) : await startProsody(serverOptions);
  // Made once: a password the person changed since is kept.
  for (const { user, password } of ACCOUNTS) {
    if (!(await prosody.hasAccount(user))) await prosody.register(user, password);
  }

  const app = serverOnly
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
      `\n${NAME} exited unexpectedly (${JSON.stringify(how)}). Log: ${prosody.logPath}`,
    );
    app?.close();
    process.exit(1);
  });

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [
    '',
    `Parley is ready (${seconds} s).`,
    '',
    app
      ? `  Open:      ${app.url}`
      : `  App:       run \`npm run dev\` (it proxies to this ${NAME})`,
    `  XMPP:      ${DOMAIN} on ${NAME}  (c2s 127.0.0.1:${C2S_PORT}, WebSocket ${prosody.websocketUrl}, BOSH ${prosody.boshUrl})`,
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
    `  Log:       ${prosody.logPath}`,
    '',
    'Press Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));

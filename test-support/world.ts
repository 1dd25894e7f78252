// A private world for specs that break things: its own XMPP server (Prosody, or ejabberd; fresh
// data folder, free ports) that can be killed and started again, and one or more app servers
// over the same dist/ and the same server, each with its own cuttable network path
// (AppServer.net), so each browser can lose its connection on its own.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Ejabberd, startEjabberd } from '../dev/ejabberd.mjs';
import { freePort, type Prosody, startProsody } from '../dev/prosody.mjs';
import { type AppServer, serveApp } from '../dev/serve.mjs';
import { type Bot, type BotOptions, connectBot } from './bot';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const DOMAIN = 'localhost';
const TEST_MODULES = join(ROOT, 'test-support', 'prosody-modules');

export type WorldServerKind = 'prosody' | 'ejabberd';

/** The world's XMPP server: either, with the same shape. */
export type WorldServer = Prosody | Ejabberd;

export interface WorldOptions {
  /**
   * Which XMPP server; default PARLEY_SERVER from the environment (the e2e project's server),
   * else Prosody.
   */
  server?: WorldServerKind;
  /**
   * How long the server keeps a dropped session resumable (Prosody's smacks_hibernation_time,
   * ejabberd's resume_timeout); default 30.
   */
  hibernationSeconds?: number;
  /** How many app servers (each with its own cuttable path); default 1. */
  apps?: number;
  /** More Lua for Prosody's global section (Prosody only: an ejabberd world refuses it). */
  extraConfig?: string;
  /**
   * Test-only Prosody modules (test-support/prosody-modules/mod_NAME.lua) to load on the host
   * (Prosody only: an ejabberd world refuses them),
   * e.g. 'parley_reports' (a server that takes XEP-0377 reports and logs them).
   */
  testModules?: string[];
  /**
   * Uploads (XEP-0363 slot URLs) go through apps[0]'s server, so its `net.cut` cuts them
   * like the XMPP path. Default false: uploads go straight to the server.
   */
  uploadsThroughApp?: boolean;
  /** Prosody's log level (its log ends up in test-results/); default 'info'. Prosody only. */
  prosodyLogLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Changes to WORLD_APP_CONFIG for this world's app servers (e.g. a long keepalive). */
  appConfig?: Partial<Record<keyof typeof WORLD_APP_CONFIG, number>>;
}

/** The runtime config each app server serves as /config.json. */
export const WORLD_APP_CONFIG = {
  websocketUrl: '/xmpp-websocket',
  domain: DOMAIN,
  allowRegistration: true,
  reconnectMaxSeconds: 5,
  keepaliveSeconds: 5,
  keepaliveTimeoutSeconds: 5,
  connectTimeoutSeconds: 5,
} as const;

export interface World {
  /** The running server (a new object after startServerAgain). */
  readonly server: WorldServer;
  readonly kind: WorldServerKind;
  domain: string;
  /** App servers: open `url` in a browser; `net` cuts and restores that server's XMPP path. */
  apps: Array<Pick<AppServer, 'url' | 'port' | 'net'>>;
  /** The server's own WebSocket endpoint (not through any app server: never cut). */
  websocketUrl: string;
  /** Create user@domain (or reset its password); resolves with the address. */
  register(user: string, password: string): Promise<string>;
  /** A Node-side bot logged in straight to the server. Stopped by dispose() if still running. */
  bot(user: string, password: string, options?: Partial<BotOptions>): Promise<Bot>;
  /**
   * SIGKILL the server: no goodbye to anyone. What it acknowledged is on disk first (ejabberd's
   * Mnesia is synced: see `crash` in dev/prosody.d.mts); what is in flight is lost.
   */
  crashServer(): Promise<void>;
  /** Start the server again on the same data folder and ports. */
  startServerAgain(): Promise<void>;
  /** Close the app servers and bots, stop the server, keep its log in test-results/, delete the data. */
  dispose(): Promise<void>;
}

export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const {
    server: kind = (process.env['PARLEY_SERVER'] as WorldServerKind | undefined) ?? 'prosody',
    hibernationSeconds = 30,
    apps: appCount = 1,
    extraConfig = '',
    testModules = [],
    // PARLEY_WORLD_LOG=debug logs every stanza of every world, to find out after a failure.
    prosodyLogLevel = (process.env['PARLEY_WORLD_LOG'] as WorldOptions['prosodyLogLevel']) ??
      'info',
    uploadsThroughApp = false,
    appConfig = {},
  } = options;
  // Uploads through the first app server, so that cutting its path cuts them too.
  const firstAppPort = uploadsThroughApp ? await freePort() : 0;
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`No built app in ${DIST}. Build it first: \`npm run build\`.`);
  }
  if (kind === 'ejabberd' && (extraConfig || testModules.length)) {
    throw new Error('createWorld: extraConfig and testModules are Prosody settings');
  }
  const dataDir = await mkdtemp(join(tmpdir(), `parley-world-${kind}-`));
  const serverOptions = {
    dataDir,
    c2sPort: await freePort(),
    httpPort: await freePort(),
    domain: DOMAIN,
    allowRegistration: true,
    logLevel: prosodyLogLevel,
    extraConfig: [
      `smacks_hibernation_time = ${Number(hibernationSeconds)}`,
      testModules.length ? `plugin_paths = { ${JSON.stringify(TEST_MODULES)} }` : '',
      extraConfig,
    ]
      .filter(Boolean)
      .join('\n'),
    hostConfig: testModules.length
      ? `  modules_enabled = { ${testModules.map((m) => JSON.stringify(m)).join('; ')} }`
      : '',
    resumeSeconds: hibernationSeconds,
    ...(uploadsThroughApp
      ? {
          uploadUrl: `http://127.0.0.1:${firstAppPort}${kind === 'ejabberd' ? '/file_share' : '/'}`,
        }
      : {}),
  };
  const erlangNode = `${basename(dataDir).replace(/[^a-zA-Z0-9_-]/g, '')}@localhost`;
  const start = (): Promise<WorldServer> =>
    kind === 'ejabberd'
      ? startEjabberd({
          ...serverOptions,
          logLevel: prosodyLogLevel === 'warn' ? 'warning' : prosodyLogLevel,
          // Erlang distribution, so that crashServer can have Mnesia sync its log first.
          node: erlangNode,
          cookie: erlangNode,
        })
      : startProsody(serverOptions);

  let server: WorldServer | null;
  try {
    server = await start();
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const servers: AppServer[] = [];
  const bots = new Set<Bot>();
  try {
    for (let i = 0; i < appCount; i++) {
      servers.push(
        await serveApp({
          root: DIST,
          port: i === 0 ? firstAppPort : 0,
          prosodyHttpPort: serverOptions.httpPort,
          config: { ...WORLD_APP_CONFIG, ...appConfig },
          // Prosody's file share answers on its component's host; ejabberd's finds the slot by
          // the Host its put_url names (this app server's own).
          ...(i === 0 && uploadsThroughApp
            ? {
                uploadHost: kind === 'ejabberd' ? `127.0.0.1:${firstAppPort}` : `upload.${DOMAIN}`,
              }
            : {}),
        }),
      );
    }
  } catch (error) {
    for (const server of servers) await server.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  const running = (): WorldServer => {
    if (!server) throw new Error(`${kind} is down (crashServer): call startServerAgain first`);
    return server;
  };
  const websocketUrl = `ws://127.0.0.1:${serverOptions.httpPort}/xmpp-websocket`;

  return {
    get server() {
      return running();
    },
    kind,
    domain: DOMAIN,
    apps: servers.map(({ url, port, net }) => ({ url, port, net })),
    websocketUrl,

    async register(user, password) {
      await running().register(user, password);
      return `${user}@${DOMAIN}`;
    },

    async bot(user, password, botOptions = {}) {
      const bot = await connectBot({
        service: websocketUrl,
        domain: DOMAIN,
        username: user,
        password,
        ...botOptions,
      });
      bots.add(bot);
      return bot;
    },

    async crashServer() {
      if (!server) return;
      const dying = server;
      server = null;
      await dying.crash();
    },

    async startServerAgain() {
      if (server) return;
      server = await start();
    },

    async dispose() {
      for (const bot of bots) await bot.stop();
      for (const app of servers) await app.close();
      if (server) await server.stop();
      server = null;
      const log =
        kind === 'ejabberd' ? join(dataDir, 'logs', 'ejabberd.log') : join(dataDir, 'prosody.log');
      if (existsSync(log)) {
        await mkdir(join(ROOT, 'test-results'), { recursive: true });
        await copyFile(log, join(ROOT, 'test-results', `${basename(dataDir)}-${kind}.log`)).catch(
          () => {},
        );
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

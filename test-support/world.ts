// A private world for specs that break things: its own Prosody (fresh data folder, free
// ports) that can be killed and started again, and one or more app servers over the same
// dist/ and the same Prosody, each with its own cuttable network path (AppServer.net), so
// each browser can lose its connection on its own.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type Prosody, startProsody } from '../dev/prosody.mjs';
import { type AppServer, serveApp } from '../dev/serve.mjs';
import { type Bot, type BotOptions, connectBot } from './bot';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const DOMAIN = 'localhost';
const TEST_MODULES = join(ROOT, 'test-support', 'prosody-modules');

export interface WorldOptions {
  /** smacks_hibernation_time: how long Prosody keeps a dropped session resumable; default 30. */
  hibernationSeconds?: number;
  /** How many app servers (each with its own cuttable path); default 1. */
  apps?: number;
  /** More Lua for Prosody's global section. */
  extraConfig?: string;
  /**
   * Test-only Prosody modules (test-support/prosody-modules/mod_NAME.lua) to load on the host,
   * e.g. 'parley_reports' (a server that takes XEP-0377 reports and logs them).
   */
  testModules?: string[];
  /**
   * Uploads (XEP-0363 slot URLs) go through apps[0]'s server, so its `net.cut` cuts them
   * like the XMPP path. Default false: uploads go straight to Prosody.
   */
  uploadsThroughApp?: boolean;
  /** Prosody's log level (its log ends up in test-results/); default 'info'. */
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
  /** The running Prosody (a new object after startProsodyAgain). */
  readonly prosody: Prosody;
  domain: string;
  /** App servers: open `url` in a browser; `net` cuts and restores that server's XMPP path. */
  apps: Array<Pick<AppServer, 'url' | 'port' | 'net'>>;
  /** Prosody's own WebSocket endpoint (not through any app server: never cut). */
  websocketUrl: string;
  /** Create user@domain (or reset its password); resolves with the address. */
  register(user: string, password: string): Promise<string>;
  /** A Node-side bot logged in straight to Prosody. Stopped by dispose() if still running. */
  bot(user: string, password: string, options?: Partial<BotOptions>): Promise<Bot>;
  /** SIGKILL Prosody: no goodbye to anyone; what it had not written to disk is lost. */
  crashProsody(): Promise<void>;
  /** Start Prosody again on the same data folder and ports. */
  startProsodyAgain(): Promise<void>;
  /** Close the app servers and bots, stop Prosody, keep its log in test-results/, delete the data. */
  dispose(): Promise<void>;
}

export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const {
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
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-world-'));
  const prosodyOptions = {
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
    ...(uploadsThroughApp ? { uploadUrl: `http://127.0.0.1:${firstAppPort}/` } : {}),
  };

  let prosody: Prosody | null;
  try {
    prosody = await startProsody(prosodyOptions);
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
          prosodyHttpPort: prosodyOptions.httpPort,
          config: { ...WORLD_APP_CONFIG, ...appConfig },
          ...(i === 0 && uploadsThroughApp ? { uploadHost: `upload.${DOMAIN}` } : {}),
        }),
      );
    }
  } catch (error) {
    for (const server of servers) await server.close();
    await prosody.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  const running = (): Prosody => {
    if (!prosody) throw new Error('Prosody is down (crashProsody): call startProsodyAgain first');
    return prosody;
  };
  const websocketUrl = `ws://127.0.0.1:${prosodyOptions.httpPort}/xmpp-websocket`;

  return {
    get prosody() {
      return running();
    },
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

    async crashProsody() {
      if (!prosody) return;
      const dying = prosody;
      prosody = null;
      await dying.stop({ signal: 'SIGKILL' });
    },

    async startProsodyAgain() {
      if (prosody) return;
      prosody = await startProsody(prosodyOptions);
    },

    async dispose() {
      for (const bot of bots) await bot.stop();
      for (const server of servers) await server.close();
      if (prosody) await prosody.stop();
      prosody = null;
      const log = join(dataDir, 'prosody.log');
      if (existsSync(log)) {
        await mkdir(join(ROOT, 'test-results'), { recursive: true });
        await copyFile(log, join(ROOT, 'test-results', `${basename(dataDir)}-prosody.log`)).catch(
          () => {},
        );
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

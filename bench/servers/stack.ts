// One XMPP server (Prosody or ejabberd) with two app servers over the same dist/: one whose
// config.json names only the WebSocket, one whose config.json names only BOSH (as
// e2e/connect.spec.ts forces BOSH), so each transport is the only one a page can use.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ejabberdInstalled, startEjabberd } from '../../dev/ejabberd.mjs';
import type { XmppServer } from '../../dev/prosody.mjs';
import { startProsody } from '../../dev/prosody.mjs';
import { type AppServer, serveApp } from '../../dev/serve.mjs';

export type ServerKind = 'prosody' | 'ejabberd';
export type Transport = 'websocket' | 'bosh';

export const DOMAIN = 'localhost';
const DIST = fileURLToPath(new URL('../../dist', import.meta.url));

/** What each transport's config.json says (relative URLs: the app server proxies them). */
const CONFIGS: Record<Transport, object> = {
  websocket: { websocketUrl: '/xmpp-websocket' },
  bosh: { boshUrl: '/http-bind' },
};

export interface Stack {
  kind: ServerKind;
  server: XmppServer;
  apps: Record<Transport, AppServer>;
  stop(): Promise<void>;
}

export async function startStack(kind: ServerKind): Promise<Stack> {
  if (kind === 'ejabberd' && !ejabberdInstalled()) throw new Error('ejabberd is not installed');
  // In memory when the machine has one (as bench/lib/seededServer.ts): the server's disk
  // writes then cost neither server anything, and both are measured alike.
  const base = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dataDir = await mkdtemp(path.join(base, `parley-servers-${kind}-`));
  const options = { dataDir, domain: DOMAIN, allowRegistration: true };
  const server = kind === 'ejabberd' ? await startEjabberd(options) : await startProsody(options);
  const opened: AppServer[] = [];
  const stop = async () => {
    for (const app of opened) await app.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const serve = async (transport: Transport) => {
      const app = await serveApp({
        root: DIST,
        port: 0,
        prosodyHttpPort: server.httpPort,
        config: { ...CONFIGS[transport], domain: DOMAIN, allowRegistration: true },
      });
      opened.push(app);
      return app;
    };
    const apps = { websocket: await serve('websocket'), bosh: await serve('bosh') };
    return { kind, server, apps, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

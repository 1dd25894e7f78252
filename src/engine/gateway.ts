// The app's one door into the engine (scripts/check-layers.mjs holds app/ to it). It is light
// on purpose: the XMPP library and the engine load only when a tab connects (./connect), so
// the first screen stays small. Nothing of xmpp/ is re-exported here: the app sees engine
// types and the plain records of db/ and shared/.
import type { AccountDb, StoredKeys } from '../db';
import type { ConnectivityOptions } from './connectivity';
import type { Engine } from './index';

export type { ConnectivityOptions } from './connectivity';
export type { Engine, UploadService } from './index';
export { kindOf, typeFromName } from './upload/attachment';

export interface ConnectionOptions {
  service: string; // ws(s):// URL, or http(s):// for BOSH
  fallbackService?: string;
  domain: string;
  username: string;
  resource: string;
  timeoutMs: number;
  /** The typed password (a sign-in in this tab), or the SCRAM keys kept from one. */
  password?: string;
  scramKeys?: StoredKeys;
  /** Create the account (XEP-0077) first. */
  register?: boolean;
}

/** A signed-in stream, before and after the engine runs on it. */
export interface Connection {
  /** The SCRAM keys this sign-in used (none with PLAIN): what "keep me signed in" stores. */
  readonly keys: StoredKeys | undefined;
  /** Run the engine on this stream; from now on it keeps the stream up (reconnects). */
  run(opts: { db: AccountDb; account: string; connectivity: ConnectivityOptions }): Engine;
  /**
   * Change the account's password on this stream (XEP-0077), with no engine on it: the short
   * stream of the tab where the person typed both passwords, so that neither leaves that tab.
   */
  changePassword(password: string): Promise<void>;
  /** The page is going: close the stream at once (see XmppSession.closeNow). */
  closeNow(): void;
  stop(): Promise<void>;
}

/** What createSession needs of the engine; tests give a fake with the same shape. */
export interface EngineGateway {
  openConnection(opts: ConnectionOptions): Promise<Connection>;
  /** Try `attempt` with backoff until it succeeds (the leader's first connection). */
  connectUntilUp(
    db: AccountDb,
    opts: { maxDelayMs: number; attempt: () => Promise<void> },
  ): { stop(): void };
  /** SCRAM keys for a password with a known salt, in this tab, without a connection. */
  deriveKeys(known: StoredKeys, password: string): Promise<StoredKeys>;
  /** Fetch the engine while nothing waits for it (a tab that may lead next). */
  preload(): void;
}

/** The real engine, loaded on first use. */
export const engineGateway: EngineGateway = {
  async openConnection(opts) {
    return (await import('./connect')).openConnection(opts);
  },
  connectUntilUp(db, opts) {
    let stopped = false;
    let inner: { stop(): void } | undefined;
    void import('./connect').then((m) => {
      if (!stopped) inner = m.connectUntilUp(db, opts);
    });
    return {
      stop() {
        stopped = true;
        inner?.stop();
      },
    };
  },
  async deriveKeys(known, password) {
    const { deriveKeys } = await import('./connect');
    return deriveKeys(known, password);
  },
  preload: () => preloadEngine(),
};

/** The XEP-0156 host-meta parsers, for a config.json that names no endpoints. */
export function loadDiscovery(): Promise<typeof import('./discovery')> {
  return import('./discovery');
}

/**
 * Fetch the engine and the XMPP library while the person types their address and password:
 * after the sign-in screen shows, not before it.
 */
export function preloadEngine(): void {
  const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1));
  idle(() => void import('./connect').catch(() => {}));
}

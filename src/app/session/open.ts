// One sign-in on this tab's own stream: the account's rows in the root database prepared
// alongside the handshake, and put back as they were when it fails.
import {
  type AccountRow,
  accountDb,
  accountDbExists,
  currentSession,
  forgetAccount,
  getAccountRow,
  putAccountRow,
  rootDb,
  type StoredKeys,
} from '../../db';
import type { Connection, EngineGateway } from '../../engine/gateway';
import { ConnectError } from '../../shared/connectError';
import { completeAddress } from '../address';
import type { BrowserSession } from '../browserSession';
import type { RuntimeConfig } from '../config';

export interface Secret {
  password?: string;
  scramKeys?: StoredKeys;
}

export interface OpenDeps {
  config: () => Promise<RuntimeConfig>;
  engine: EngineGateway;
  browserSession: () => Promise<BrowserSession>;
}

/** What a sign-in needs; the browser session is joined once, at the first ask. */
export function openDeps(
  config: () => Promise<RuntimeConfig>,
  engine: EngineGateway,
  join: () => Promise<BrowserSession>,
): OpenDeps & { joined(): Promise<BrowserSession> | null } {
  let joined: Promise<BrowserSession> | null = null;
  return {
    config,
    engine,
    browserSession: () => {
      joined ??= join();
      return joined;
    },
    joined: () => joined,
  };
}

export interface Opened {
  account: string;
  resource: string;
  remember: boolean;
  /** Set for an account without "keep me signed in": the browser session it ends with. */
  sessionOnly: { sessionOnly?: string };
  connection: Connection;
  cfg: RuntimeConfig;
}

export function splitAddress(address: string, defaultDomain: string) {
  const parts = completeAddress(address, defaultDomain);
  if (!parts) throw new ConnectError('not-acceptable', 'address');
  return parts;
}

/** WebSocket when there is one; BOSH when it is all there is, or when a WebSocket fails. */
export function endpoints(cfg: RuntimeConfig): { service: string; fallbackService?: string } {
  return {
    service: cfg.websocketUrl ?? cfg.boshUrl ?? '',
    ...(cfg.websocketUrl && cfg.boshUrl ? { fallbackService: cfg.boshUrl } : {}),
  };
}

/** Without a choice (a reconnect asking for the password): what the account chose last. */
async function keepsSignedIn(account: string): Promise<boolean> {
  const row = await getAccountRow(account);
  if (row) return row.sessionOnly === undefined;
  return Boolean((await currentSession())?.keys);
}

export async function openAccount(
  deps: OpenDeps,
  address: string,
  secret: Secret,
  opts: { register?: boolean; remember?: boolean; resource?: string },
): Promise<Opened> {
  performance.mark('parley:signin:start');
  const cfg = await deps.config();
  const { username, domain, bare } = splitAddress(address, cfg.domain);
  const [prior, known, joined] = await Promise.all([
    currentSession(),
    getAccountRow(bare),
    deps.browserSession(),
  ]);
  const remember = opts.remember ?? (await keepsSignedIn(bare));
  const sessionOnly = remember ? {} : { sessionOnly: joined.id };
  performance.mark('parley:signin:local-ready');
  const resource =
    opts.resource ??
    (prior?.account === bare ? prior.resource : `parley-${crypto.randomUUID().slice(0, 8)}`);
  // Open the account's database while the network handshake runs. Note first whether it is
  // new (a failed sign-in must leave no database behind), and mark a session-only account as
  // such before its database holds anything.
  const dbReady = (async () => {
    const existed = await accountDbExists(bare);
    await putAccountRow({ account: bare, lastSignIn: known?.lastSignIn ?? 0, ...sessionOnly });
    await accountDb(bare).open();
    return existed;
  })().catch(() => true);
  let connection: Connection;
  try {
    connection = await deps.engine.openConnection({
      ...endpoints(cfg),
      domain,
      username,
      resource,
      timeoutMs: cfg.connectTimeoutSeconds * 1000,
      ...secret,
      ...(opts.register ? { register: true } : {}),
    });
  } catch (err) {
    await undoAccountRow(bare, await dbReady, known);
    throw err;
  }
  await dbReady;
  return { account: bare, resource, remember, sessionOnly, connection, cfg };
}

/** A sign-in failed: delete the database it opened if it was new, else put the row back. */
async function undoAccountRow(account: string, existed: boolean, known: AccountRow | undefined) {
  if (!existed) await forgetAccount(account);
  else if (known) await putAccountRow(known);
  else await rootDb().accounts.delete(account);
}

// Passwords typed in this tab, checked or changed on a short stream of its own: the password
// goes to no other tab and is kept nowhere.
import { currentSession, type StoredKeys } from '../../db';
import { ConnectError } from '../../shared/connectError';
import type { TabKeys } from './keys';
import { endpoints, type OpenDeps, splitAddress } from './open';

/** A short stream of this tab's own, signed in with a password typed here (no engine on it). */
export async function openCheckStream(deps: OpenDeps, address: string, password: string) {
  const cfg = await deps.config();
  const { username, domain } = splitAddress(address, cfg.domain);
  return deps.engine.openConnection({
    ...endpoints(cfg),
    domain,
    username,
    resource: `parley-check-${crypto.randomUUID().slice(0, 8)}`,
    timeoutMs: cfg.connectTimeoutSeconds * 1000,
    password,
  });
}

/**
 * Check a password on a short stream of this tab's own and keep only its SCRAM keys: for a
 * tab that does not lead and does not know the server's salt for the account.
 */
export async function checkPassword(
  deps: OpenDeps,
  address: string,
  password: string,
): Promise<StoredKeys> {
  const check = await openCheckStream(deps, address, password);
  const keys = check.keys;
  await check.stop();
  // Without SCRAM (PLAIN only) there are no keys to hand over, and the password stays here.
  if (!keys) throw new ConnectError('unsupported', 'no SCRAM keys to hand to the leader tab');
  return keys;
}

/**
 * Check that `password` is the account's: against the SCRAM keys this browser keeps when it has
 * them, else, or when they no longer fit (changed elsewhere), on a short stream of this tab's
 * own. Throws ConnectError('auth') when wrong.
 */
export async function verifyPassword(
  deps: OpenDeps & { keys: TabKeys },
  account: string,
  password: string,
) {
  if (!password) throw new ConnectError('auth', 'empty password');
  const known = deps.keys.get(account) ?? (await currentSession())?.keys;
  if (known && (await deps.engine.deriveKeys(known, password)).clientKey === known.clientKey)
    return;
  await checkPassword(deps, account, password);
}

/**
 * Change the password (XEP-0077) on a short stream signed in with the current one. Throws
 * ConnectError('auth') for a wrong current password, or the server's refusal.
 */
export async function changePassword(
  deps: OpenDeps,
  account: string,
  current: string,
  fresh: string,
) {
  if (!current) throw new ConnectError('auth', 'empty password');
  const stream = await openCheckStream(deps, account, current);
  try {
    await stream.changePassword(fresh);
  } finally {
    await stream.stop();
  }
}

import { currentSession, type StoredKeys } from '../../db';
import { ConnectError, errorCode } from '../../shared/connectError';
import type { TabKeys } from './keys';
import type { OpenDeps } from './open';
import { checkPassword } from './password';
import type { createTabChannel } from './tabChannel';

/**
 * A tab that does not lead signs in through the leader with SCRAM keys it works out itself:
 * from the salt it already knows (no stream of its own), else on a short check stream. The
 * password stays in this tab; the leader's refusal comes back as a ConnectError to show here.
 */
export async function signInThroughLeader(
  deps: OpenDeps & { keys: TabKeys; channel: ReturnType<typeof createTabChannel> | null },
  account: string,
  password: string,
): Promise<void> {
  const tabs = deps.channel;
  if (!tabs?.open) throw new ConnectError('other', 'no tab channel');
  const ask = (keys: StoredKeys) => tabs.ask((id) => ({ type: 'signin', account, id, keys }));
  const known = deps.keys.get(account) ?? (await currentSession())?.keys;
  if (known) {
    try {
      await ask(await deps.engine.deriveKeys(known, password));
      return;
    } catch (err) {
      // The server may have a new salt (the password changed elsewhere): learn it below.
      if (errorCode(err) !== 'auth') throw err;
    }
  }
  await ask(await checkPassword(deps, account, password));
}

// The heavy half of the gateway (./gateway): loads the XMPP library and the engine.
export { connectUntilUp } from './connectivity';

import type { StoredKeys } from '../db';
import { connectXmpp } from '../xmpp/connection';
import { buildPasswordChange } from '../xmpp/register';
import { deriveKeys as deriveScramKeys } from '../xmpp/scram';
import type { Connection, ConnectionOptions } from './gateway';

import { type Engine, startEngine } from './index';

export async function openConnection(opts: ConnectionOptions): Promise<Connection> {
  let keys: StoredKeys | undefined;
  const session = await connectXmpp({
    ...opts,
    onScramKeys: (k) => {
      keys = k;
    },
  });
  let engine: Engine | null = null;
  return {
    get keys() {
      return keys;
    },
    run(o) {
      engine ??= startEngine({ ...o, session });
      return engine;
    },
    async changePassword(password) {
      await session.request(
        buildPasswordChange({ domain: opts.domain, username: opts.username, password }),
      );
    },
    closeNow: () => session.closeNow(),
    async stop() {
      engine?.stop();
      await session.stop();
    },
  };
}

/** The keys a password gives with the salt and iteration count the server chose before. */
export function deriveKeys(known: StoredKeys, password: string): Promise<StoredKeys> {
  return deriveScramKeys(known.mechanism, password, known.salt, known.iterations);
}

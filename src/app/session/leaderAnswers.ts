// What a tab answers on the tabs' channel: the leader hands out the SCRAM keys, signs in for a
// tab that asks with keys (never a password), and runs engine calls for the others.
import type { StoredKeys } from '../../db';
import type { Engine } from '../../engine/gateway';
import { errorCode } from '../../shared/connectError';
import { type Args, callEngine } from './engineCalls';
import type { TabKeys } from './keys';
import type { createTabChannel, TabMessage } from './tabChannel';

export function answerTab(
  m: Exclude<TabMessage, { type: 'answer' }>,
  here: {
    account: string;
    tabs: ReturnType<typeof createTabChannel>;
    keys: TabKeys;
    /** This tab holds the lead. */
    leads: boolean;
    /** This tab's engine, when it holds the connection. */
    engine: Engine | null;
    signIn: (keys: StoredKeys) => Promise<void>;
  },
) {
  const { account, tabs, keys, engine } = here;
  if (m.type === 'keys?' && here.leads) {
    const k = keys.get(account);
    if (k) tabs.post({ type: 'keys', account, keys: k });
  } else if (m.type === 'keys') {
    // Kept in this tab too, so that it still connects after a reload once the others are gone.
    keys.keep(account, m.keys, true);
  } else if (m.type === 'signin' && here.leads) {
    void here.signIn(m.keys).then(
      () => tabs.post({ type: 'answer', account, id: m.id }),
      (err: unknown) =>
        tabs.post({ type: 'answer', account, id: m.id, code: errorCode(err), error: 'signin' }),
    );
  } else if (m.type === 'call' && engine) {
    void callEngine(engine, m.name, ...(m.args as Args<typeof m.name>)).then(
      (value) => tabs.post({ type: 'answer', account, id: m.id, value }),
      (err: unknown) => tabs.post({ type: 'answer', account, id: m.id, error: String(err) }),
    );
  }
}

import type { AccountDb } from '../db';
import type { XmppSession } from '../xmpp/session';

/** What every engine part gets: the account's database, the live session, our bare JID. */
export interface EngineContext {
  db: AccountDb;
  session: XmppSession;
  account: string; // our bare JID, lower-case
  log: (msg: string, detail?: unknown) => void;
}

export const consoleLog = (msg: string, detail?: unknown) => {
  // One place for engine diagnostics; dropped stanzas are logged, never thrown.
  console.warn(`[parley] ${msg}`, detail ?? '');
};

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
  // Errors by name and message: class names are minified in production builds.
  const d = detail instanceof Error ? `${detail.name}: ${detail.message}` : (detail ?? '');
  console.warn(`[parley] ${msg}`, d, detail instanceof Error ? (detail.stack ?? '') : '');
};

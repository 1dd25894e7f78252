import { type ConnectOptions, connectXmpp } from '../xmpp/connection';
import type { XmppSession } from '../xmpp/session';

export type SessionOptions = ConnectOptions;

/** The app's one way to open an XMPP session; it never sees @xmpp/* itself. */
export function openSession(opts: SessionOptions): Promise<XmppSession> {
  return connectXmpp(opts);
}

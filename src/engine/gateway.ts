import { connectXmpp } from '../xmpp/connection';
import type { XmppSession } from '../xmpp/session';

export interface SessionOptions {
  service: string;
  domain: string;
  username: string;
  password: string;
  resource: string;
  register?: boolean;
}

/** The app's one way to open an XMPP session; it never sees @xmpp/* itself. */
export function openSession(opts: SessionOptions): Promise<XmppSession> {
  return connectXmpp(opts);
}

// XEP-0199 XMPP ping: a cheap round trip to check the link (or a peer) is alive.
import xml, { type Element } from '@xmpp/xml';
import { NS_PING } from './ns';
import { newId } from './stanza';

/** Ping `to`, or our own server when absent. Any result (or error reply) means the link is up. */
export function buildPing(to?: string): Element {
  return xml('iq', { type: 'get', id: newId(), to }, xml('ping', { xmlns: NS_PING }));
}

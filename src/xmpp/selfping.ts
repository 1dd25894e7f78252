// XEP-0410 MUC self-ping: after a quiet while, ping our own occupant JID to learn whether
// the room still has us (a restart of the room's server drops occupants silently).
//
// Prosody 0.12 advertises muc#self-ping-optimization and answers itself: a result while we
// are joined; cancel/not-acceptable ("You are not currently connected to this chat",
// by = room) when we are not; item-not-found from the service (by = its domain) when the
// room no longer exists, and from the room when no occupant has that nick.
import xml, { type Element } from '@xmpp/xml';
import { occupantJid } from './muc';
import { NS_PING } from './ns';
import { XmppRequestError } from './session';
import { attr, isElement, newId, parseStanzaError } from './stanza';

/** 'unknown': no verdict (no answer, or the room's server unreachable); ping again later. */
export type SelfPingResult = 'joined' | 'not-joined' | 'unknown';

/** Ping our own nick in `room`. Throws RangeError for a bad room or nick. */
export function buildSelfPing(room: string, nick: string): Element {
  return xml(
    'iq',
    { type: 'get', id: newId(), to: occupantJid(room, nick) },
    xml('ping', { xmlns: NS_PING }),
  );
}

/**
 * What the answer to buildSelfPing says (null or undefined for a timeout). A result, or
 * service-unavailable / feature-not-implemented (one of our clients got the ping and does not
 * do XEP-0199), means joined. remote-server-not-found / remote-server-timeout, and errors of
 * type wait, mean unknown. Every other error means not joined, and the engine rejoins.
 * XEP-0410 reads item-not-found as "joined, another client just changed the nick"; Prosody
 * sends it when the room is gone, and as the engine changes its own nick and does not ping
 * meanwhile, rejoining is the safe answer.
 */
export function classifySelfPing(iq: Element | null | undefined): SelfPingResult {
  if (!isElement(iq, 'iq')) return 'unknown';
  const type = attr(iq, 'type');
  if (type === 'result') return 'joined';
  if (type !== 'error') return 'unknown';
  const error = parseStanzaError(iq);
  if (!error) return 'not-joined';
  switch (error.condition) {
    case 'service-unavailable':
    case 'feature-not-implemented':
      return 'joined';
    case 'remote-server-not-found':
    case 'remote-server-timeout':
      return 'unknown';
    default:
      return error.type === 'wait' ? 'unknown' : 'not-joined';
  }
}

/**
 * What a self-ping's failed request says: an error reply (XmppRequestError with its <error/>)
 * is classified as the iq error it was; anything else (a timeout, a lost link) is no verdict.
 */
export function classifySelfPingFailure(err: unknown): SelfPingResult {
  if (!(err instanceof XmppRequestError) || !err.error) return 'unknown';
  return classifySelfPing(xml('iq', { type: 'error' }, err.error));
}

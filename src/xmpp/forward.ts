// XEP-0297 stanza forwarding, as carbons and MAM wrap messages. Never trusted on its own:
// whoever forwards decides what the inner message says, so callers check the outer sender.
import type { Element } from '@xmpp/xml';
import { parseDateTime } from './datetime';
import { parseMessage } from './message';
import { NS_CLIENT, NS_DELAY, NS_FORWARD } from './ns';
import { attr, localName } from './stanza';
import type { ChatMessage } from './types';

export interface Forwarded {
  message: ChatMessage;
  stamp?: Date; // the <forwarded/>'s own <delay/>
}

/** The elements among `parent`'s children with this local name, in any namespace. */
function named(parent: Element, name: string): Element[] {
  return parent.getChildElements().filter((c) => localName(c) === name);
}

/**
 * The message inside the single <forwarded/> child of `parent`; null unless there is exactly
 * one <forwarded/> (in any namespace: a second in a foreign one makes it ambiguous) holding
 * exactly one <message/>, in jabber:client, and at most one <delay/> with a valid stamp.
 */
export function unwrapForwarded(parent: Element): Forwarded | null {
  const forwardeds = named(parent, 'forwarded');
  const fwd = forwardeds[0];
  if (forwardeds.length !== 1 || !fwd || fwd.getNS() !== NS_FORWARD) return null;
  const messages = named(fwd, 'message');
  const inner = messages[0];
  if (messages.length !== 1 || !inner || inner.getNS() !== NS_CLIENT) return null;
  const message = parseMessage(inner);
  if (!message) return null;
  const delays = named(fwd, 'delay');
  const d = delays[0];
  if (!d) return { message };
  if (delays.length !== 1 || d.getNS() !== NS_DELAY) return null;
  const stamp = parseDateTime(attr(d, 'stamp'));
  return stamp ? { message, stamp } : null;
}

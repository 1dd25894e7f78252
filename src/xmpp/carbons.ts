// XEP-0280 message carbons: copies of what our other devices send and receive.
//
// Trust is the engine's, not this file's: anyone can send us a <message/> wrapping a <sent/>
// with a made-up message inside, to put words in a contact's mouth. The engine accepts a
// carbon only when `outerFrom` is our own bare JID ('' counts as our account, RFC 6120
// §8.1.2.1), and never one whose inner message is type=groupchat (servers do not carbon room
// messages; a forged one would inject room history).
import xml, { type Element } from '@xmpp/xml';
import { parseJid } from '../shared/jid';
import { unwrapForwarded } from './forward';
import { NS_CARBONS } from './ns';
import { attr, isElement, localName, newId } from './stanza';
import type { Carbon } from './types';

/** Ask the server to carbon our messages to this resource from now on. */
export function buildCarbonsEnable(): Element {
  return xml('iq', { type: 'set', id: newId() }, xml('enable', { xmlns: NS_CARBONS }));
}

/**
 * The carbon in `el`, or null unless it is a <message/> with exactly one <sent/> or <received/>
 * in the carbons namespace, wrapping exactly one <forwarded/> with one jabber:client <message/>.
 * Unchecked: see the file comment.
 */
export function parseCarbon(el: Element | null | undefined): Carbon | null {
  if (!isElement(el, 'message')) return null;
  const wrappers = el
    .getChildElements()
    .filter((c) => c.getNS() === NS_CARBONS && ['sent', 'received'].includes(localName(c)));
  const wrapper = wrappers[0];
  if (wrappers.length !== 1 || !wrapper) return null;
  const outerFrom = attr(el, 'from') ?? '';
  if (outerFrom && !parseJid(outerFrom)) return null;
  const forwarded = unwrapForwarded(wrapper);
  if (!forwarded) return null;
  const direction = localName(wrapper) === 'sent' ? 'sent' : 'received';
  return { direction, outerFrom, message: forwarded.message };
}

// XEP-0115 entity capabilities, and the XEP-0030 disco#info answer they stand for. The server
// sends PEP notifications (avatars, nicknames) only to resources whose caps name the node with
// "+notify" (XEP-0163 §4.3), so our presence carries them and we answer the query they prompt.
import xml, { type Element } from '@xmpp/xml';
import { sha1 } from '../shared/sha1';
import { NS_DISCO_INFO } from './ns';
import { attr } from './stanza';

export const NS_CAPS = 'http://jabber.org/protocol/caps';
/** Names the software (XEP-0115 §4: a URI); we have no home page of our own to point to. */
export const CAPS_NODE = 'urn:parley:client';

const IDENTITY = { category: 'client', type: 'web', name: 'Parley' };

/** What this client does, for peers and the server to know. Only what it really handles. */
export const FEATURES: readonly string[] = [
  NS_CAPS,
  NS_DISCO_INFO,
  'http://jabber.org/protocol/chatstates',
  'http://jabber.org/protocol/muc',
  'http://jabber.org/protocol/nick',
  'http://jabber.org/protocol/nick+notify',
  'jabber:x:conference',
  'jabber:x:oob',
  'urn:xmpp:avatar:metadata+notify',
  'urn:xmpp:chat-markers:0',
  'urn:xmpp:receipts',
  'urn:xmpp:sid:0',
  // Our own chat choices from our other devices (XEP-0223, xmpp/chatChoices.ts).
  'urn:parley:chats:0+notify',
];

/** §5.1 verification string of one identity (no xml:lang) and features, SHA-1, base64. */
export function verificationHash(
  identity: { category: string; type: string; name: string },
  features: readonly string[],
): string {
  const sorted = [...new Set(features)].sort();
  const s = `${identity.category}/${identity.type}//${identity.name}<${sorted.map((f) => `${f}<`).join('')}`;
  return btoa(String.fromCharCode(...sha1(new TextEncoder().encode(s))));
}

export function capsVer(features: readonly string[] = FEATURES): string {
  return verificationHash(IDENTITY, features);
}

/** The <c/> that goes in our presence. */
export function buildCaps(features: readonly string[] = FEATURES): Element {
  return xml('c', { xmlns: NS_CAPS, hash: 'sha-1', node: CAPS_NODE, ver: capsVer(features) });
}

/**
 * The payload answering a disco#info query to us, or null when it asks about a node we do not
 * have (answered item-not-found by the caller's refusal).
 */
export function answerDiscoInfo(
  iq: Element,
  features: readonly string[] = FEATURES,
): Element | null {
  const query = iq.getChild('query', NS_DISCO_INFO);
  if (!query) return null;
  const node = attr(query, 'node');
  if (node !== undefined && node !== `${CAPS_NODE}#${capsVer(features)}`) return null;
  return xml(
    'query',
    node === undefined ? { xmlns: NS_DISCO_INFO } : { xmlns: NS_DISCO_INFO, node },
    xml('identity', IDENTITY),
    ...[...new Set(features)].sort().map((f) => xml('feature', { var: f })),
  );
}

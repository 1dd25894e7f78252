// XML namespaces of the core specs and XEPs this folder speaks.
export const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
export const NS_ROSTER = 'jabber:iq:roster';
export const NS_REGISTER = 'jabber:iq:register'; // XEP-0077
export const NS_DATA = 'jabber:x:data'; // XEP-0004
export const NS_CHAT_STATES = 'http://jabber.org/protocol/chatstates'; // XEP-0085
export const NS_NICK = 'http://jabber.org/protocol/nick'; // XEP-0172
export const NS_RECEIPTS = 'urn:xmpp:receipts'; // XEP-0184
export const NS_DELAY = 'urn:xmpp:delay'; // XEP-0203
export const NS_IDLE = 'urn:xmpp:idle:1'; // XEP-0319
export const NS_MARKERS = 'urn:xmpp:chat-markers:0'; // XEP-0333
export const NS_HINTS = 'urn:xmpp:hints'; // XEP-0334
export const NS_SID = 'urn:xmpp:sid:0'; // XEP-0359

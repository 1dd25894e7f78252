// Typed records made from stanzas at the boundary. Nothing past xmpp/ sees XML.
export type { Element as XmlElement } from '@xmpp/xml';

export type Show = 'online' | 'chat' | 'away' | 'xa' | 'dnd';
export type ChatStateName = 'active' | 'composing' | 'paused' | 'inactive' | 'gone';
export type Subscription = 'none' | 'to' | 'from' | 'both' | 'remove';

export interface StanzaError {
  type: string; // cancel | modify | auth | wait | continue
  condition: string; // e.g. service-unavailable
  text?: string;
}

export type ChatMarkerType = 'received' | 'displayed' | 'acknowledged';

/** XEP-0333: the peer has received/displayed/acknowledged our message `id` (and all before it). */
export interface ChatMarker {
  type: ChatMarkerType;
  id: string;
}

/** A <message/> as the engine sees it. Fields absent from the stanza are undefined. */
export interface ChatMessage {
  kind: 'message';
  type: 'chat' | 'normal' | 'groupchat' | 'headline' | 'error';
  from: string; // full JID as sent (may be '' when absent: from own server/account)
  to: string;
  id?: string; // stanza id attribute
  body?: string;
  thread?: string;
  originId?: string; // XEP-0359 <origin-id id>
  stanzaIds: Array<{ id: string; by: string }>; // XEP-0359 <stanza-id>
  chatState?: ChatStateName; // XEP-0085
  receiptRequest: boolean; // XEP-0184 <request/>
  receiptFor?: string; // XEP-0184 <received id>
  markable: boolean; // XEP-0333 <markable/>: the sender wants chat markers for this message
  marker?: ChatMarker; // XEP-0333 <received|displayed|acknowledged id>
  delay?: { stamp: Date; from?: string }; // XEP-0203
  error?: StanzaError;
}

export interface PresenceUpdate {
  kind: 'presence';
  type:
    | 'available'
    | 'unavailable'
    | 'subscribe'
    | 'subscribed'
    | 'unsubscribe'
    | 'unsubscribed'
    | 'probe'
    | 'error';
  from: string; // full JID
  to: string;
  show: Show; // 'online' when no <show/>
  status?: string;
  priority: number; // 0 when absent or invalid
  nick?: string; // XEP-0172 on subscription requests
  idleSince?: Date; // XEP-0319
  error?: StanzaError;
}

export interface RosterItem {
  jid: string; // bare
  name?: string;
  subscription: Subscription;
  ask?: 'subscribe';
  groups: string[];
}

/** Result of a roster get. `items` null means "up to date with your version" (empty result). */
export interface RosterResult {
  ver?: string;
  items: RosterItem[] | null;
}

export interface RosterPush {
  kind: 'rosterPush';
  id: string;
  from: string; // '' when absent
  ver?: string;
  item: RosterItem;
}

/** XEP-0077 registration form fields the server asks for. */
export interface RegistrationForm {
  registered: boolean;
  fields: string[]; // e.g. ['username', 'password', 'email']
  instructions?: string;
}

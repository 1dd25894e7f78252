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
  oob?: OutOfBand; // XEP-0066 <x xmlns='jabber:x:oob'/>: a shared file's or link's URL
  file?: FileMeta; // XEP-0446 <file/>: what that file is
  error?: StanzaError;
  /** Acts on an earlier message (XEP-0308, XEP-0424, XEP-0444) instead of saying something. */
  act?: MessageAct;
  /** XEP-0461: replies to this message; `body` is then without the fallback quote. */
  reply?: { id: string; to?: string };
  /** XEP-0421, as a room stamped it (trusted only where the room advertises it). */
  occupantId?: string;
  /** Support widget (urn:parley:support:0): a claim, and the room's stamp of the sender. */
  claim?: import('./support').SupportClaim;
  roomSender?: import('./support').RoomSender;
  prechat?: import('./support').Prechat;
  card?: import('../shared/supportCard').SupportCard;
  closed?: boolean;
  rating?: import('./support').SupportRating;
  /** The shopper hands the conversation to the shop account they signed in as (bare JID). */
  handover?: string;
  /**
   * It carries a room invitation (XEP-0045 §7.8.2 <invite/> or XEP-0249): an invitation, not a
   * line of conversation, wherever it is read (live, or archived with the body servers add).
   */
  invitation?: true;
}

/** What a message does to an earlier one, named by `id` (its sender's id, or a room's). */
export type MessageAct =
  | { kind: 'correct'; id: string } // the new text is the message's body
  | { kind: 'retract'; id: string }
  /** XEP-0425: the room retracted it (a moderator asked); `by` is the moderator's room JID. */
  | { kind: 'moderate'; id: string; by?: string; reason?: string }
  | { kind: 'react'; id: string; emojis: string[] };

/** XEP-0066 out-of-band data: a URL (http or https only) and an optional description. */
export interface OutOfBand {
  url: string;
  desc?: string;
}

/**
 * XEP-0446 file metadata, the parts a chat shows. All optional; numbers are non-negative
 * integers except `duration`, which the wire carries as whole milliseconds (<length/>).
 */
export interface FileMeta {
  name?: string; // as the sender named it: may hold '/', '..' etc., escape before any file use
  mediaType?: string; // lowercased type/subtype, parameters dropped
  size?: number; // bytes
  width?: number; // pixels
  height?: number; // pixels
  duration?: number; // seconds
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

/**
 * A message carbon (XEP-0280): a copy of a message another of our devices sent or received.
 * Nothing here is checked: the engine accepts it only when `outerFrom` is our own bare JID
 * (or '', which RFC 6120 §8.1.2.1 makes our account's) and `message.type` is not groupchat.
 */
export interface Carbon {
  direction: 'sent' | 'received';
  outerFrom: string; // `from` of the wrapping message, '' when absent
  message: ChatMessage; // the forwarded message, from/to as in the original
}

/**
 * One archived message from a MAM query (XEP-0313). Trusted by the engine only for a queryId
 * it has open, from the archive it asked: outerFrom '' or our bare JID for our own archive,
 * the room's bare JID for a room's.
 */
export interface MamResult {
  queryId: string;
  archiveId: string; // the archive's id for the message: its stanza-id, and the RSM paging key
  outerFrom: string; // '' when absent
  stamp?: Date; // when the archive stored it (the <forwarded/>'s delay)
  message: ChatMessage;
}

/** The end of one MAM page. Page on with `before: first` (backwards) or `after: last`. */
export interface MamFin {
  complete: boolean; // no more pages in the direction asked
  first?: string;
  last?: string;
  count?: number; // the whole query's result count, when the server says
}

/** XEP-0004 result form as XEP-0128 attaches it to disco#info (e.g. upload limits). */
export interface DataFormResult {
  formType?: string; // the FORM_TYPE hidden field's value
  fields: Record<string, string[]>; // var → values, FORM_TYPE left out; null prototype
}

export interface DiscoIdentity {
  category: string;
  type: string;
  name?: string;
}

export interface DiscoInfo {
  identities: DiscoIdentity[];
  features: string[];
  forms: DataFormResult[];
}

export interface DiscoItem {
  jid: string;
  name?: string;
  node?: string;
}

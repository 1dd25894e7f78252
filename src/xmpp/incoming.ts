// Every incoming stanza is parsed here, once, into one typed record: the engine switches on
// `kind` and never reads XML. The per-XEP parsers do the reading; this file only decides
// which of them applies, in the order a stanza must be read (an archived or carboned message
// before the message around it, an invitation before the room's own traffic).
//
// Trust rules that need nothing but our own address are checked here (carbons, roster
// pushes, PEP events for our own nodes: bookmarks, chat choices): a forged stanza comes out
// as `unknown` with the reason. Those that need the engine's state are carried for it to check: a MAM result's
// query id and outer `from` (is the query open, is that the archive we asked?), a direct
// invitation's sender (is it a contact?), and whether a sender is one of our rooms, which
// the engine tells us through `isRoom`.
import type { Element } from '@xmpp/xml';
import { bareJid, isValidBareJid, resourceOf } from '../shared/jid';
import { type AvatarInfo, parseAvatarEvent } from './avatar';
import { type BlockPush, parseBlockPush } from './blocking';
import { type BookmarkEvent, parseBookmarkEvent } from './bookmarks';
import { parseCarbon } from './carbons';
import { type ChatChoicesEvent, parseChatChoicesEvent } from './chatChoices';
import { type DirectInvite, parseDirectInvite } from './conference';
import { parseMamResult } from './mam';
import { parseMessage } from './message';
import { type MucPresence, parseMucPresence, parseOccupantId, parseSubject } from './muc';
import { type MediatedInvite, parseMediatedInvite } from './mucInvite';
import { parseNickEvent } from './nick';
import { parsePresence } from './presence';
import { parseRosterPush } from './roster';
import { attr, isElement } from './stanza';
import type { Carbon, ChatMessage, MamResult, PresenceUpdate, RosterPush } from './types';

/** What the engine knows that reading a stanza depends on. */
export interface IncomingContext {
  /** Our own bare JID, lowercased. */
  account: string;
  /** Is this bare JID a room of ours (joined, joining or left but kept)? */
  isRoom(jid: string): boolean;
}

/** One incoming stanza as the engine sees it. `excerpt` is the start of its XML, for logs. */
export type Incoming = IncomingRecord & { excerpt(): string };

export type IncomingRecord =
  /** A one-to-one message with something to show (text or a file). */
  | { kind: 'chat'; message: ChatMessage }
  /** One-to-one: a correction, retraction or reactions (message.act) for an earlier message. */
  | { kind: 'act'; message: ChatMessage }
  /** One-to-one, nothing to show but a receipt (XEP-0184) for a message of ours. */
  | { kind: 'receipt'; message: ChatMessage }
  /** One-to-one, nothing to show but a chat marker (XEP-0333). */
  | { kind: 'marker'; message: ChatMessage }
  /** One-to-one, nothing to show but a chat state (XEP-0085), or nothing at all. */
  | { kind: 'chatState'; message: ChatMessage }
  /** A copy from our own account (XEP-0280), already checked: from our bare JID, not groupchat. */
  | { kind: 'carbon'; carbon: Carbon }
  /** One archived message (XEP-0313): the engine checks `queryId` and `outerFrom`. */
  | { kind: 'mamResult'; result: MamResult }
  /** A message error bounce; `room` when it came from one of our rooms. */
  | { kind: 'error'; message: ChatMessage; room?: string }
  /** A room's message from one of our rooms: see Groupchat. */
  | Groupchat
  /** A private message from an occupant of one of our rooms (XEP-0045 §7.5): never a contact's. */
  | { kind: 'roomPrivate'; room: string; nick: string; message: ChatMessage }
  /**
   * An invitation into a room: `mediated` through the room (XEP-0045 §7.8.2), or `direct`
   * (XEP-0249), which the engine takes only from a contact (`from`, bare).
   */
  | { kind: 'invitation'; via: 'mediated'; invite: MediatedInvite }
  | { kind: 'invitation'; via: 'direct'; invite: DirectInvite; from: string }
  /** A presence from a contact or anyone else not a room of ours. */
  | { kind: 'presence'; presence: PresenceUpdate }
  /** A presence from one of our rooms: an occupant's, or the room's answer to our join. */
  | { kind: 'roomPresence'; presence: MucPresence }
  /**
   * The presence of one of our rooms itself (its bare address: ejabberd announces a room's
   * caps and avatar this way, and its going away when it stops). Not an occupant's.
   */
  | { kind: 'roomOwnPresence'; room: string; available: boolean }
  /** A roster push (RFC 6121 §2.1.6), already checked: no `from`, or our bare JID. */
  | { kind: 'rosterPush'; push: RosterPush }
  /**
   * Any other IQ: requests are answered by the session's IQ handlers (see XmppSession.onIq),
   * results and errors by the request() that waits for them.
   */
  | { kind: 'iq'; type: 'get' | 'set' | 'result' | 'error'; id: string; from: string }
  /** A PEP notification for our own bookmarks (XEP-0402), already checked: from our bare JID. */
  | { kind: 'pepEvent'; node: 'bookmarks'; event: BookmarkEvent }
  /** A PEP notification for our chat choices (urn:parley:chats:0), already checked: ours. */
  | { kind: 'chatChoices'; event: ChatChoicesEvent }
  /**
   * What someone says of themselves over PEP: their avatar (XEP-0084; null = removed) or
   * nickname (XEP-0172; '' = removed). Already checked: from a bare JID, never a room's;
   * `jid` is that bare JID (ours for an event without `from`).
   */
  | { kind: 'profile'; jid: string; avatar?: AvatarInfo | null; nick?: string }
  /** A blocklist push (XEP-0191), already checked: no `from`, or our bare JID. */
  | { kind: 'blockPush'; push: BlockPush }
  /** Nothing for the engine: unreadable, forged, or of no kind it acts on. */
  | { kind: 'unknown'; reason: string };

/**
 * A room's message from one of our rooms. `nick` is '' for the room's own notices;
 * `subject` is set (possibly '') when it changes the subject and says nothing else.
 */
export interface Groupchat {
  kind: 'groupchat';
  room: string;
  nick: string;
  message: ChatMessage;
  subject?: string;
  occupantId?: string; // XEP-0421, as the room stamped it
}

export type IncomingKind = IncomingRecord['kind'];

const unknown = (reason: string): IncomingRecord => ({ kind: 'unknown', reason });

/** Read one incoming stanza. Never throws. */
export function parseIncoming(el: Element, ctx: IncomingContext): Incoming {
  const record = read(el, ctx);
  return { ...record, excerpt: () => el.toString().slice(0, 300) };
}

function read(el: Element, ctx: IncomingContext): IncomingRecord {
  if (isElement(el, 'message')) return readMessage(el, ctx);
  if (isElement(el, 'presence')) return readPresence(el, ctx);
  if (isElement(el, 'iq')) return readIq(el, ctx);
  return unknown(`not a stanza: <${String((el as { name?: unknown }).name)}>`);
}

/** From our own account: no `from` (RFC 6120 §8.1.2.1: the account's), or our bare JID. */
const fromAccount = (from: string, ctx: IncomingContext) =>
  from === '' || bareJid(from) === ctx.account;

function readMessage(el: Element, ctx: IncomingContext): IncomingRecord {
  // An archived message wraps one in <forwarded/>: the outer stanza is the archive's.
  const result = parseMamResult(el);
  if (result) return { kind: 'mamResult', result };

  const carbon = parseCarbon(el);
  if (carbon) {
    // Trust: carbons only from our own bare JID, and never a room message.
    if (carbon.outerFrom !== '' && carbon.outerFrom !== ctx.account)
      return unknown('carbon refused: not from our own account');
    if (carbon.message.type === 'groupchat') return unknown('carbon refused: a room message');
    // Private messages in rooms go to the resource that is in the room, not by carbon.
    const { from, to } = carbon.message;
    if (ctx.isRoom(bareJid(from)) || ctx.isRoom(bareJid(to)))
      return unknown('carbon of a room private message: the room sends those itself');
    return { kind: 'carbon', carbon };
  }

  const choices = parseChatChoicesEvent(el);
  if (choices) {
    // Trust: our own nodes' events only from our bare JID.
    if (!fromAccount(choices.from, ctx)) return unknown('chat choices event refused: not ours');
    return { kind: 'chatChoices', event: choices };
  }

  const event = parseBookmarkEvent(el);
  if (event) {
    // Trust: our own nodes' events only from our bare JID.
    if (!fromAccount(event.from, ctx)) return unknown('bookmarks event refused: not ours');
    return { kind: 'pepEvent', node: 'bookmarks', event };
  }

  const profile = readProfileEvent(el, ctx);
  if (profile) return profile;

  // <forwarded/> anywhere else is never trusted: parseMessage reads only the outer stanza.
  const message = parseMessage(el);
  if (!message) return unknown('message unreadable');

  const mediated = parseMediatedInvite(el);
  if (mediated) return { kind: 'invitation', via: 'mediated', invite: mediated };
  const direct = parseDirectInvite(el);
  if (direct)
    return { kind: 'invitation', via: 'direct', invite: direct, from: bareJid(direct.from) };

  const sender = bareJid(message.from);
  if (ctx.isRoom(sender)) return readRoomMessage(el, message, sender);
  if (message.type === 'error') return { kind: 'error', message };
  if (message.type === 'groupchat') return unknown('groupchat message from no room of ours');
  if (message.type === 'headline') return unknown('headline message');
  if (message.act) return { kind: 'act', message };
  if (message.body !== undefined || message.oob || message.file) return { kind: 'chat', message };
  if (message.receiptFor) return { kind: 'receipt', message };
  if (message.marker) return { kind: 'marker', message };
  return { kind: 'chatState', message };
}

/**
 * Trust: a profile event speaks for the bare JID it comes from, so a full JID (someone's
 * resource, a room occupant) or a room never sets anyone's picture or name.
 */
function readProfileEvent(el: Element, ctx: IncomingContext): IncomingRecord | null {
  const avatar = parseAvatarEvent(el);
  const nick = avatar ? null : parseNickEvent(el);
  const from = avatar?.from ?? nick?.from;
  if (from === undefined) return null;
  if (from !== '' && !isValidBareJid(from))
    return unknown('profile event refused: not from a bare JID');
  const jid = from === '' ? ctx.account : bareJid(from);
  if (ctx.isRoom(jid)) return unknown('profile event refused: from a room');
  if (avatar) return { kind: 'profile', jid, avatar: avatar.info };
  return { kind: 'profile', jid, nick: nick?.nick ?? '' };
}

function readRoomMessage(el: Element, message: ChatMessage, room: string): IncomingRecord {
  const nick = resourceOf(message.from);
  if (message.type === 'error') return { kind: 'error', message, room };
  if (message.type !== 'groupchat') return { kind: 'roomPrivate', room, nick, message };
  const record: Groupchat = { kind: 'groupchat', room, nick, message };
  const subject = parseSubject(el);
  if (subject) record.subject = subject.subject;
  const occupantId = parseOccupantId(el);
  if (occupantId) record.occupantId = occupantId;
  return record;
}

function readPresence(el: Element, ctx: IncomingContext): IncomingRecord {
  // A room's presences are about its occupants, never about our contacts.
  const from = attr(el, 'from') ?? '';
  if (ctx.isRoom(bareJid(from))) {
    if (!resourceOf(from)) {
      const type = attr(el, 'type');
      if (type === undefined || type === 'unavailable')
        return { kind: 'roomOwnPresence', room: bareJid(from), available: type === undefined };
    }
    const presence = parseMucPresence(el, { fromRoom: true });
    return presence ? { kind: 'roomPresence', presence } : unknown('room presence unreadable');
  }
  const presence = parsePresence(el);
  return presence ? { kind: 'presence', presence } : unknown('presence unreadable');
}

function readIq(el: Element, ctx: IncomingContext): IncomingRecord {
  const type = attr(el, 'type');
  if (type !== 'get' && type !== 'set' && type !== 'result' && type !== 'error')
    return unknown('iq without a valid type');
  const push = type === 'set' ? parseRosterPush(el) : null;
  if (push) {
    // Trust: roster pushes only from our own server (no from) or our bare JID.
    if (!fromAccount(push.from, ctx)) return unknown('roster push refused: not from our account');
    return { kind: 'rosterPush', push };
  }
  const block = type === 'set' ? parseBlockPush(el) : null;
  if (block) {
    // Trust: only our own server (no from) or our bare JID changes our blocklist.
    if (!fromAccount(block.from, ctx)) return unknown('block push refused: not from our account');
    return { kind: 'blockPush', push: block };
  }
  return { kind: 'iq', type, id: attr(el, 'id') ?? '', from: attr(el, 'from') ?? '' };
}

// <message/> stanzas: one-to-one chat with XEP-0359 ids, XEP-0184 receipts, XEP-0203 delay,
// XEP-0333 chat markers, XEP-0066 out-of-band URLs and XEP-0446 file metadata.
import xml, { type Element } from '@xmpp/xml';
import { parseJid } from '../shared/jid';
import type { SupportCard } from '../shared/supportCard';
import { parseChatState } from './chatStates';
import { NS_CONFERENCE } from './conference';
import { buildReplace, parseReplace } from './correction';
import { parseDateTime } from './datetime';
import { buildFileMeta, parseFileMeta } from './filemeta';
import { parseModeration } from './moderation';
import { NS_MUC_USER, parseOccupantId } from './muc';
import { NS_CHAT_STATES, NS_DELAY, NS_MARKERS, NS_RECEIPTS, NS_SID } from './ns';
import { buildOob, parseOob } from './oob';
import { parseReactions } from './reactions';
import { buildReplyChildren, parseReply, type ReplyTo, replyBody } from './reply';
import { parseRetract } from './retraction';
import {
  attr,
  coreChildren,
  isElement,
  localName,
  oneOf,
  parseStanzaError,
  pickLang,
} from './stanza';
import {
  buildClaim,
  buildClosed,
  buildHandover,
  buildPrechat,
  buildRating,
  type Prechat,
  parseClaim,
  parseClosed,
  parseHandover,
  parsePrechat,
  parseRating,
  parseRoomSender,
  type SupportClaim,
  type SupportRating,
} from './support';
import { buildCard, parseCard } from './supportCard';
import { truncate, xmlText } from './text';
import type {
  ChatMarker,
  ChatMarkerType,
  ChatMessage,
  FileMeta,
  MessageAct,
  OutOfBand,
} from './types';

// Characters (UTF-16 units) kept of a body; the rest is cut. Servers cap stanzas lower
// (Prosody: 256 KiB by default), so this only bounds what a hostile server could send; the UI
// shows the start of a long body and offers all of it (ui/MessageBody.tsx).
export const MAX_BODY = 1_048_576;

const TYPES: readonly ChatMessage['type'][] = ['chat', 'normal', 'groupchat', 'headline', 'error'];
const MARKERS: readonly ChatMarkerType[] = ['received', 'displayed', 'acknowledged'];

function stanzaIds(el: Element): ChatMessage['stanzaIds'] {
  const ids: ChatMessage['stanzaIds'] = [];
  for (const s of el.getChildren('stanza-id', NS_SID)) {
    const id = attr(s, 'id');
    const by = attr(s, 'by');
    if (id && by) ids.push({ id, by });
  }
  return ids;
}

function delay(el: Element): ChatMessage['delay'] {
  for (const d of el.getChildren('delay', NS_DELAY)) {
    const stamp = parseDateTime(attr(d, 'stamp'));
    if (!stamp) continue;
    const from = attr(d, 'from');
    return from ? { stamp, from } : { stamp };
  }
  return undefined;
}

/** The first XEP-0333 marker with an id, in document order. */
function marker(el: Element): ChatMarker | undefined {
  for (const c of el.getChildElements()) {
    if (c.getNS() !== NS_MARKERS) continue;
    const type = oneOf(MARKERS, localName(c));
    const id = attr(c, 'id');
    if (type && id) return { type, id };
  }
  return undefined;
}

/** A room invitation's element, mediated or direct (read in full by mucInvite/conference). */
function carriesInvitation(el: Element): boolean {
  if (el.getChildren('x', NS_MUC_USER).some((x) => x.getChild('invite') !== undefined)) return true;
  return el.getChild('x', NS_CONFERENCE) !== undefined;
}

/** A typed message, or null when `el` is not a <message/> we can read. Never throws. */
export function parseMessage(el: Element | null | undefined): ChatMessage | null {
  if (!isElement(el, 'message')) return null;
  const from = attr(el, 'from') ?? '';
  const to = attr(el, 'to') ?? '';
  if ((from && !parseJid(from)) || (to && !parseJid(to))) return null;
  // RFC 6121 §5.2.2: a missing or unknown type means 'normal'.
  const type = oneOf(TYPES, attr(el, 'type')) ?? 'normal';
  const msg: ChatMessage = {
    kind: 'message',
    type,
    from,
    to,
    stanzaIds: stanzaIds(el),
    receiptRequest: el.getChild('request', NS_RECEIPTS) !== undefined,
    markable: el.getChild('markable', NS_MARKERS) !== undefined,
  };
  const id = attr(el, 'id');
  if (id) msg.id = id;
  const body = pickLang(coreChildren(el, 'body'), el)?.getText();
  if (body) msg.body = truncate(body, MAX_BODY);
  const thread = coreChildren(el, 'thread')[0]?.getText();
  if (thread) msg.thread = thread;
  const originId = el
    .getChildren('origin-id', NS_SID)
    .map((o) => attr(o, 'id'))
    .find((v) => v);
  if (originId) msg.originId = originId;
  const chatState = parseChatState(el);
  if (chatState) msg.chatState = chatState;
  const received = el.getChild('received', NS_RECEIPTS);
  const receiptFor = received && attr(received, 'id');
  if (receiptFor) msg.receiptFor = receiptFor;
  const chatMarker = marker(el);
  if (chatMarker) msg.marker = chatMarker;
  const delayed = delay(el);
  if (delayed) msg.delay = delayed;
  const oob = parseOob(el);
  if (oob) msg.oob = oob;
  const file = parseFileMeta(el);
  if (file) msg.file = file;
  const claim = type === 'groupchat' ? parseClaim(el) : undefined;
  if (claim) msg.claim = claim;
  const roomSender = type === 'groupchat' ? parseRoomSender(el) : undefined;
  if (roomSender) msg.roomSender = roomSender;
  const prechat = type === 'groupchat' ? parsePrechat(el) : undefined;
  if (prechat) msg.prechat = prechat;
  const card = type === 'groupchat' ? parseCard(el) : undefined;
  if (card) msg.card = card;
  if (type === 'groupchat' && parseClosed(el)) msg.closed = true;
  const rating = type === 'groupchat' ? parseRating(el) : undefined;
  if (rating) msg.rating = rating;
  const handover = type === 'groupchat' ? parseHandover(el) : undefined;
  if (handover) msg.handover = handover;
  const error = type === 'error' ? parseStanzaError(el) : undefined;
  if (error) msg.error = error;
  const act = parseAct(el);
  if (act) {
    msg.act = act;
    // A retraction's body is only the notice for clients that do not know retractions.
    if (act.kind !== 'correct') delete msg.body;
  }
  const reply = parseReply(el);
  if (reply && msg.body !== undefined && !act) {
    msg.reply = reply;
    msg.body = replyBody(el, msg.body);
  }
  const occupantId = parseOccupantId(el);
  if (occupantId) msg.occupantId = occupantId;
  if (carriesInvitation(el)) msg.invitation = true;
  return msg;
}

/** A correction, retraction or reaction; a retraction wins (the message is gone either way). */
function parseAct(el: Element): MessageAct | undefined {
  // A moderation carries a <retract/> too: read as what it is, so its own trust rule applies.
  const moderation = parseModeration(el);
  if (moderation) return { kind: 'moderate', ...moderation };
  const retract = parseRetract(el);
  if (retract) return { kind: 'retract', id: retract };
  const replace = parseReplace(el);
  if (replace) return { kind: 'correct', id: replace };
  const reactions = parseReactions(el);
  if (reactions) return { kind: 'react', id: reactions.id, emojis: reactions.emojis };
  return undefined;
}

export interface ChatMessageOptions {
  to: string;
  id: string; // client-made; also the XEP-0359 origin-id
  body: string;
  chatState?: 'active' | null; // null leaves chat states out
  requestReceipt?: boolean;
  oob?: OutOfBand; // XEP-0066: a shared file's URL (clients show it inline when body === url)
  file?: FileMeta; // XEP-0446: what that file is
  /** 'groupchat': to a room (no receipts or markers); 'private': chat to a room occupant. */
  toKind?: 'groupchat' | 'private';
  /** XEP-0308: this corrects the message with this id (the body is the new text). */
  replace?: string;
  /** XEP-0461: a reply; `quote` (XEP-0428 fallback) is put before the body. */
  reply?: { to: ReplyTo; quote: string };
  /** Support widget: an agent takes the conversation (rooms only). */
  claim?: SupportClaim;
  /** Support widget: the shopper's pre-chat details (rooms only). */
  prechat?: Prechat;
  /** Support widget: a product or order card (rooms only). */
  card?: SupportCard;
  /** Support widget: the team closes the conversation; the shopper rates it (rooms only). */
  closed?: boolean;
  rating?: SupportRating;
  /** Support widget: the shopper goes on as the shop account they signed in as (rooms only). */
  handover?: string;
}

/**
 * An outgoing chat message: body, origin-id = id, receipt request, markable, <active/>, then
 * the out-of-band URL and file metadata when given.
 */
export function buildChatMessage(opts: ChatMessageOptions): Element {
  const { to, id, chatState = 'active', oob, file, toKind, replace, reply } = opts;
  const body = reply ? `${reply.quote}${opts.body}` : opts.body;
  const room = toKind === 'groupchat';
  // XEP-0184 and XEP-0333 are for one-to-one chats; a room reflects our message instead.
  const requestReceipt = (opts.requestReceipt ?? true) && !room;
  return xml(
    'message',
    { type: room ? 'groupchat' : 'chat', to, id },
    xml('body', {}, xmlText(body)),
    xml('origin-id', { xmlns: NS_SID, id }),
    requestReceipt && xml('request', { xmlns: NS_RECEIPTS }),
    !room && xml('markable', { xmlns: NS_MARKERS }),
    chatState && xml(chatState, { xmlns: NS_CHAT_STATES }),
    oob && buildOob(oob),
    file && buildFileMeta(file),
    replace && buildReplace(replace),
    ...(reply ? buildReplyChildren(reply.to, reply.quote) : []),
    room && opts.claim && buildClaim(opts.claim),
    room && opts.prechat && buildPrechat(opts.prechat),
    room && opts.card && buildCard(opts.card),
    room && opts.closed && buildClosed(),
    room && opts.rating && buildRating(opts.rating),
    room && opts.handover && buildHandover(opts.handover),
    // XEP-0045 §7.5: a private message to an occupant says so.
    toKind === 'private' && xml('x', { xmlns: 'http://jabber.org/protocol/muc#user' }),
  );
}

/**
 * A message that only acts on another (a retraction, reactions): `children` say what, with
 * an origin-id so its copies are recognised; no receipt, marker or chat state.
 */
export function buildActMessage(opts: {
  to: string;
  id: string;
  toKind?: 'groupchat' | 'private';
  children: Element[];
}): Element {
  return xml(
    'message',
    { type: opts.toKind === 'groupchat' ? 'groupchat' : 'chat', to: opts.to, id: opts.id },
    ...opts.children,
    xml('origin-id', { xmlns: NS_SID, id: opts.id }),
    opts.toKind === 'private' && xml('x', { xmlns: 'http://jabber.org/protocol/muc#user' }),
  );
}

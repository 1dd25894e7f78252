// Parley's support payloads (urn:parley:support:0), carried beside a plain <body/> so any
// other XMPP client shows the human text. A claim: <claim xmlns='urn:parley:support:0'
// agent='ann@shop.example' name='Ann'/> ("Ann is taking care of this").
import xml, { type Element } from '@xmpp/xml';
import { parseJid } from '../shared/jid';
import { attr } from './stanza';

export const NS_SUPPORT = 'urn:parley:support:0';
const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
const MAX_NAME = 64;

/** Who takes care of a support conversation from now on. */
export interface SupportClaim {
  agent: string; // bare JID
  name: string; // as the agent calls themself in the room (untrusted text)
}

/** The real sender of a room message, as the room itself stamped it (non-anonymous rooms). */
export interface RoomSender {
  jid: string; // bare
  affiliation?: string;
}

function cleanName(v: string | undefined): string {
  // Control characters would show as boxes; the rest is rendered as text.
  return [...(v ?? '')]
    .filter((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127)
    .join('')
    .trim()
    .slice(0, MAX_NAME);
}

/** The message's claim, or undefined (absent, or an agent that is not a bare JID). */
export function parseClaim(el: Element): SupportClaim | undefined {
  const c = el.getChild('claim', NS_SUPPORT);
  if (!c) return undefined;
  const jid = parseJid(attr(c, 'agent') ?? '');
  if (!jid?.local || jid.resource) return undefined;
  const agent = `${jid.local}@${jid.domain}`.toLowerCase();
  return { agent, name: cleanName(attr(c, 'name')) || jid.local };
}

/**
 * The room's own `<x xmlns='…muc#user'><item jid/></x>`: Prosody appends it to its archived
 * copy of a message in a non-anonymous room. The last one is the room's (a sender may have
 * put a forged one before it).
 */
export function parseRoomSender(el: Element): RoomSender | undefined {
  const xs = el.getChildren('x', NS_MUC_USER);
  const item = xs[xs.length - 1]?.getChild('item');
  const jid = parseJid(item ? (attr(item, 'jid') ?? '') : '');
  if (!item || !jid?.local) return undefined;
  const sender: RoomSender = { jid: `${jid.local}@${jid.domain}`.toLowerCase() };
  const affiliation = attr(item, 'affiliation');
  if (affiliation) sender.affiliation = affiliation;
  return sender;
}

/** Pre-chat details: <prechat xmlns='urn:parley:support:0'><field name='email'>…</field></prechat>. */
export const PRECHAT_FIELDS = ['name', 'email', 'order'] as const;
export type PrechatField = (typeof PRECHAT_FIELDS)[number];
export type Prechat = Partial<Record<PrechatField, string>>;
const MAX_FIELD = 200;

export function parsePrechat(el: Element): Prechat | undefined {
  const p = el.getChild('prechat', NS_SUPPORT);
  if (!p) return undefined;
  const out: Prechat = {};
  for (const f of p.getChildren('field')) {
    const name = PRECHAT_FIELDS.find((n) => n === attr(f, 'name'));
    const value = [...f.getText()]
      .filter((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127)
      .join('')
      .trim()
      .slice(0, MAX_FIELD);
    if (name && value && out[name] === undefined) out[name] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

export function buildPrechat(details: Prechat): Element {
  return xml(
    'prechat',
    { xmlns: NS_SUPPORT },
    ...PRECHAT_FIELDS.flatMap((n) => {
      const v = details[n];
      return v ? [xml('field', { name: n }, v)] : [];
    }),
  );
}

export function buildClaim(claim: SupportClaim): Element {
  return xml('claim', { xmlns: NS_SUPPORT, agent: claim.agent, name: claim.name });
}

/**
 * The shopper signed in to the shop, as this account: the conversation goes on with it.
 * <handover xmlns='urn:parley:support:0' to='customer-1042@customers.shop.example'/>; the
 * address must be bare.
 */
export function parseHandover(el: Element): string | undefined {
  const h = el.getChild('handover', NS_SUPPORT);
  const jid = parseJid(h ? (attr(h, 'to') ?? '') : '');
  if (!jid?.local || jid.resource) return undefined;
  return `${jid.local}@${jid.domain}`.toLowerCase();
}

export function buildHandover(to: string): Element {
  return xml('handover', { xmlns: NS_SUPPORT, to });
}

/** The team closed the conversation: <closed xmlns='urn:parley:support:0'/>. */
export function parseClosed(el: Element): boolean {
  return el.getChild('closed', NS_SUPPORT) !== undefined;
}

export function buildClosed(): Element {
  return xml('closed', { xmlns: NS_SUPPORT });
}

/** The shopper's satisfaction rating: 1 to 5 stars and an optional comment. */
export interface SupportRating {
  stars: number;
  comment?: string;
}
const MAX_COMMENT = 1000;

/** <rating xmlns='urn:parley:support:0' stars='4'><comment>…</comment></rating>, or undefined. */
export function parseRating(el: Element): SupportRating | undefined {
  const r = el.getChild('rating', NS_SUPPORT);
  const raw = r ? attr(r, 'stars') : undefined;
  if (!r || !raw || !/^[1-5]$/.test(raw)) return undefined;
  const rating: SupportRating = { stars: Number(raw) };
  // Line breaks are kept (a comment may have paragraphs); other controls would show as boxes.
  const comment = [...(r.getChildText('comment') ?? '')]
    .filter((c) => c === '\n' || (c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127))
    .join('')
    .trim()
    .slice(0, MAX_COMMENT);
  if (comment) rating.comment = comment;
  return rating;
}

export function buildRating(rating: SupportRating): Element {
  return xml(
    'rating',
    { xmlns: NS_SUPPORT, stars: String(rating.stars) },
    rating.comment ? xml('comment', {}, rating.comment) : null,
  );
}

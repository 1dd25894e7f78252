// <presence/>: availability (RFC 6121 §4), subscriptions (§3), XEP-0172 nick, XEP-0319 idle.
import xml, { type Element } from '@xmpp/xml';
import { parseJid } from '../shared/jid';
import { formatDateTime, parseDateTime } from './datetime';
import { NS_IDLE, NS_NICK } from './ns';
import {
  attr,
  coreChildren,
  isElement,
  newId,
  oneOf,
  parseStanzaError,
  pickLang,
  shortText,
} from './stanza';
import { xmlText } from './text';
import type { PresenceUpdate, Show } from './types';

type PresenceType = PresenceUpdate['type'];
const TYPES: readonly PresenceType[] = [
  'unavailable',
  'subscribe',
  'subscribed',
  'unsubscribe',
  'unsubscribed',
  'probe',
  'error',
];
const SHOWS: readonly Show[] = ['away', 'chat', 'dnd', 'xa'];
const PRIORITY = /^[+-]?\d{1,4}$/;

function parsePriority(text: string | undefined): number {
  const t = text?.trim() ?? '';
  const n = PRIORITY.test(t) ? Number(t) : 0;
  return n >= -128 && n <= 127 ? n : 0;
}

/** A typed presence, or null when `el` is not a <presence/> we can read. Never throws. */
export function parsePresence(el: Element | null | undefined): PresenceUpdate | null {
  if (!isElement(el, 'presence')) return null;
  const from = attr(el, 'from') ?? '';
  const to = attr(el, 'to') ?? '';
  if ((from && !parseJid(from)) || (to && !parseJid(to))) return null;
  const rawType = attr(el, 'type');
  const type = rawType === undefined ? 'available' : oneOf(TYPES, rawType);
  if (!type) return null; // RFC 6120 §8.3.3.1: an unknown type is a bad request
  const p: PresenceUpdate = {
    kind: 'presence',
    type,
    from,
    to,
    show: oneOf(SHOWS, coreChildren(el, 'show')[0]?.getText().trim()) ?? 'online',
    priority: parsePriority(coreChildren(el, 'priority')[0]?.getText()),
  };
  const status = shortText(pickLang(coreChildren(el, 'status'), el)?.getText());
  if (status) p.status = status;
  const nick = shortText(el.getChildText('nick', NS_NICK));
  if (nick) p.nick = nick;
  const idle = el.getChild('idle', NS_IDLE);
  const idleSince = idle && parseDateTime(attr(idle, 'since'));
  if (idleSince) p.idleSince = idleSince;
  const error = type === 'error' ? parseStanzaError(el) : undefined;
  if (error) p.error = error;
  return p;
}

function clampPriority(n: number): number {
  return Number.isFinite(n) ? Math.max(-128, Math.min(127, Math.trunc(n))) : 0;
}

export interface PresenceOptions {
  show: Show; // 'online' sends no <show/>
  status?: string;
  priority?: number; // clamped to -128..127
  idleSince?: Date;
  /** XEP-0115 caps: what this client does, so the server sends the PEP events it asks for. */
  caps?: Element;
  /** A directed presence (RFC 6121 §4.6) to this address; a broadcast when left out. */
  to?: string;
}

/** Our own available presence. */
export function buildPresence(opts: PresenceOptions): Element {
  const since = opts.idleSince && formatDateTime(opts.idleSince);
  return xml(
    'presence',
    opts.to ? { to: opts.to } : {},
    opts.show !== 'online' && xml('show', {}, opts.show),
    opts.status && xml('status', {}, xmlText(opts.status)),
    opts.priority !== undefined && xml('priority', {}, String(clampPriority(opts.priority))),
    since && xml('idle', { xmlns: NS_IDLE, since }),
    opts.caps,
  );
}

export function buildUnavailable(): Element {
  return xml('presence', { type: 'unavailable' });
}

export interface SubscriptionOptions {
  to: string; // a bare JID
  type: 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed';
  nick?: string; // XEP-0172: how we would like to be called
}

export function buildSubscription(opts: SubscriptionOptions): Element {
  return xml(
    'presence',
    { to: opts.to, type: opts.type, id: newId() },
    opts.nick && xml('nick', { xmlns: NS_NICK }, xmlText(opts.nick)),
  );
}

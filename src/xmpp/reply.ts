// XEP-0461 message replies, with the quote other clients show as a fallback (XEP-0428): the
// body starts with "> Name: quoted text\n", and that range is marked so clients that know
// replies show their own quote instead.
import xml, { type Element } from '@xmpp/xml';
import { buildFallback, parseFallback, stripFallback } from './fallback';
import { NS_REPLY } from './ns';
import { attr } from './stanza';

export interface ReplyTo {
  id: string; // the sender's id of the message replied to (the room's stanza-id in rooms)
  to?: string; // who wrote it (full JID; the occupant's in rooms)
}

/** Characters of the quoted text kept in the fallback. */
const QUOTE_CHARS = 80;

export function parseReply(el: Element): ReplyTo | undefined {
  const r = el.getChild('reply', NS_REPLY);
  const id = r && attr(r, 'id');
  if (!id) return undefined;
  const to = attr(r, 'to');
  return to ? { id, to } : { id };
}

/** The body as a client that knows replies shows it: without the quote marked as fallback. */
export function replyBody(el: Element, body: string): string {
  const fb = parseFallback(el, NS_REPLY);
  if (!fb || 'whole' in fb) return body;
  return stripFallback(body, fb.ranges);
}

/** The fallback quote of a reply: "> Name: text" over every line of the quoted text. */
export function quoteOf(name: string, quoted: string): string {
  const flat = quoted.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  const cut = chars.length > QUOTE_CHARS ? `${chars.slice(0, QUOTE_CHARS - 1).join('')}…` : flat;
  return `> ${name}: ${cut}\n`;
}

/** The <reply/> and its fallback marker over the quote that starts the body. */
export function buildReplyChildren(reply: ReplyTo, quote: string): Element[] {
  return [
    xml('reply', { xmlns: NS_REPLY, id: reply.id, ...(reply.to ? { to: reply.to } : {}) }),
    buildFallback(NS_REPLY, Array.from(quote).length),
  ];
}

// The person's choices about their chats (pinned, archived, marked unread, deleted), kept in
// a private PEP node of Parley's own (XEP-0223) so that they follow the person to their other
// devices: one item per conversation, item id = the peer's bare JID, payload
//   <chat xmlns='urn:parley:chats:0' at='…'>   when these choices were made (the merge's clock)
//     <pinned at='…'/> <archived at='…'/> <unread/> <deleted at='…'/>
//   </chat>
// A conversation with nothing chosen has no item (it is retracted). Times are XEP-0082 UTC.
import xml, { type Element } from '@xmpp/xml';
import { bareJid, isValidBareJid, parseJid } from '../shared/jid';
import { formatDateTime, parseDateTime } from './datetime';
import { NS_PUBSUB, NS_PUBSUB_EVENT } from './pep';
import {
  buildPrivateItemsGet,
  buildPrivatePublish,
  buildPrivateRetract,
  type PrivateNodeOptions,
} from './privatePep';
import { attr, isElement, parseStanzaError } from './stanza';

export const NS_CHAT_CHOICES = 'urn:parley:chats:0';

/** One conversation's choices; times in ms since the epoch. */
export interface ChatChoices {
  peer: string; // bare, normalized
  /** When the person last changed any of them: the newest item wins. */
  at: number;
  pinnedAt?: number;
  archivedAt?: number;
  markedUnread?: boolean;
  /** Deleted at this time (a later message brings the conversation back). */
  deletedAt?: number;
}

/** A PEP notification for the node. Trust it only when `from` is '' or our bare JID. */
export interface ChatChoicesEvent {
  from: string; // '' when absent
  items: ChatChoices[];
  retracted: string[]; // peers
  /** The node was purged or deleted: nothing chosen anywhere. */
  purged: boolean;
}

/** An answer to buildChatChoicesGet; `from` for the caller's trust check. */
export interface ChatChoicesItems {
  from: string; // '' when absent
  items: ChatChoices[];
}

function isPeer(s: string | undefined): s is string {
  return !!s && isValidBareJid(s);
}

function time(el: Element | undefined): number | undefined {
  return parseDateTime(el ? attr(el, 'at') : undefined)?.getTime();
}

/** The item, or null (with nothing read from it) when its id, payload or any time is bad. */
function parseItem(item: Element): ChatChoices | null {
  const id = attr(item, 'id');
  const chat = item.getChild('chat', NS_CHAT_CHOICES);
  if (!isPeer(id) || !chat) return null;
  const at = time(chat);
  if (at === undefined) return null;
  const c: ChatChoices = { peer: bareJid(id), at };
  for (const [name, key] of [
    ['pinned', 'pinnedAt'],
    ['archived', 'archivedAt'],
    ['deleted', 'deletedAt'],
  ] as const) {
    const el = chat.getChild(name, NS_CHAT_CHOICES);
    if (!el) continue;
    const t = time(el);
    if (t === undefined) return null;
    c[key] = t;
  }
  if (chat.getChild('unread', NS_CHAT_CHOICES)) c.markedUnread = true;
  return c;
}

/** The first item of each peer, unreadable ones left out. */
function collect(items: Element[]): ChatChoices[] {
  const out: ChatChoices[] = [];
  const seen = new Set<string>();
  for (const el of items) {
    const c = parseItem(el);
    if (!c || seen.has(c.peer)) continue;
    seen.add(c.peer);
    out.push(c);
  }
  return out;
}

/** Whether anything is chosen: an item without a choice is retracted instead of published. */
export function hasChoices(c: Omit<ChatChoices, 'peer' | 'at'>): boolean {
  return (
    c.pinnedAt !== undefined ||
    c.archivedAt !== undefined ||
    c.markedUnread === true ||
    c.deletedAt !== undefined
  );
}

const stamp = (ms: number) => ({ at: formatDateTime(new Date(ms)) });

/** Publish one conversation's choices. Throws RangeError for a peer that is not a bare JID. */
export function buildChatChoicesPublish(
  c: ChatChoices,
  options: PrivateNodeOptions = 'full',
): Element {
  if (!isPeer(c.peer) || !Number.isFinite(c.at))
    throw new RangeError('ChatChoices: bad peer or time');
  const chat = xml(
    'chat',
    { xmlns: NS_CHAT_CHOICES, ...stamp(c.at) },
    c.pinnedAt !== undefined && xml('pinned', stamp(c.pinnedAt)),
    c.archivedAt !== undefined && xml('archived', stamp(c.archivedAt)),
    c.markedUnread === true && xml('unread'),
    c.deletedAt !== undefined && xml('deleted', stamp(c.deletedAt)),
  );
  return buildPrivatePublish(NS_CHAT_CHOICES, bareJid(c.peer), chat, options);
}

/** Nothing chosen about `peer` any more. */
export function buildChatChoicesRetract(peer: string): Element {
  if (!isPeer(peer)) throw new RangeError('ChatChoices: bad peer');
  return buildPrivateRetract(NS_CHAT_CHOICES, bareJid(peer));
}

export function buildChatChoicesGet(): Element {
  return buildPrivateItemsGet(NS_CHAT_CHOICES);
}

/**
 * The items in the answer to buildChatChoicesGet. An item-not-found error (the node was never
 * written) is no items; other errors and anything else are null.
 */
export function parseChatChoicesItems(iq: Element | null | undefined): ChatChoicesItems | null {
  if (!isElement(iq, 'iq')) return null;
  const from = attr(iq, 'from') ?? '';
  if (attr(iq, 'type') === 'error')
    return parseStanzaError(iq)?.condition === 'item-not-found' ? { from, items: [] } : null;
  if (attr(iq, 'type') !== 'result') return null;
  const items = iq
    .getChild('pubsub', NS_PUBSUB)
    ?.getChildren('items', NS_PUBSUB)
    .find((i) => attr(i, 'node') === NS_CHAT_CHOICES);
  return items ? { from, items: collect(items.getChildren('item', NS_PUBSUB)) } : null;
}

/**
 * A PEP notification about the node; null unless `el` is a message whose pubsub <event/>
 * concerns urn:parley:chats:0. Unchecked: anyone can send such a message, so the caller takes
 * it only from our own bare JID.
 */
export function parseChatChoicesEvent(el: Element | null | undefined): ChatChoicesEvent | null {
  if (!isElement(el, 'message') || attr(el, 'type') === 'error') return null;
  const from = attr(el, 'from') ?? '';
  if (from && !parseJid(from)) return null;
  const ours = (el.getChild('event', NS_PUBSUB_EVENT)?.getChildElements() ?? []).filter(
    (c) => c.getNS() === NS_PUBSUB_EVENT && attr(c, 'node') === NS_CHAT_CHOICES,
  );
  if (!ours.length) return null;
  const lists = ours.filter((c) => c.name === 'items');
  const items = collect(lists.flatMap((i) => i.getChildren('item', NS_PUBSUB_EVENT)));
  const retracted = [
    ...new Set(
      lists
        .flatMap((i) => i.getChildren('retract', NS_PUBSUB_EVENT))
        .map((r) => attr(r, 'id'))
        .filter(isPeer)
        .map(bareJid),
    ),
  ];
  const purged = ours.some((c) => c.name === 'purge' || c.name === 'delete');
  return { from, items, retracted, purged };
}

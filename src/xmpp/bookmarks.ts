// XEP-0402 PEP native bookmarks (one pubsub item per room, item id = room JID), with the
// XEP-0048 list in XEP-0049 private storage as the fallback for servers that do not
// advertise urn:xmpp:bookmarks:1#compat on the account.
//
// Prosody 0.12's mod_bookmarks advertises #compat and keeps both in step: a private-storage
// set replaces the PEP list (publishing, republishing and retracting items to match, and
// purging the node when the list is empty), and a private-storage get is answered from PEP.
// It creates the node with the publish-options below, so a publish with other options fails
// with conflict/precondition-not-met. A get of a node never written answers item-not-found.
// Notifications go to resources whose XEP-0115 caps include urn:xmpp:bookmarks:1+notify, as
// <message type='headline' from='our bare JID'>; retractions as <items><retract/></items>.
import xml, { type Element } from '@xmpp/xml';
import parse from '@xmpp/xml/lib/parse.js';
import { bareJid, isValidBareJid, parseJid } from '../shared/jid';
import {
  buildPrivateItemsGet,
  buildPrivateNodeConfigure,
  buildPrivatePublish,
  type PrivateNodeOptions,
} from './privatePep';
import { attr, isElement, MAX_SHORT_TEXT, newId, parseStanzaError, shortText } from './stanza';
import { truncate, xmlText } from './text';

export const NS_BOOKMARKS = 'urn:xmpp:bookmarks:1';
const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';
const NS_PRIVATE = 'jabber:iq:private'; // XEP-0049
const NS_LEGACY = 'storage:bookmarks'; // XEP-0048
const MAX_EXTENSIONS = 16_384; // characters of <extensions/> kept for republishing

export interface Bookmark {
  room: string; // bare, normalized
  name?: string;
  autojoin: boolean;
  nick?: string;
  password?: string;
  extensions?: string; // XEP-0402 <extensions/> as XML: opaque, only handed back when publishing
}

/** A PEP notification for the bookmarks node. Trust it only when `from` is our bare JID. */
export interface BookmarkEvent {
  from: string; // '' when absent
  published: Bookmark[];
  retracted: string[]; // room JIDs
  purged: boolean; // the node was purged or deleted: no bookmarks left
}

function isRoom(s: string | undefined): s is string {
  return !!s && !!parseJid(s)?.local && isValidBareJid(s);
}

function isTrue(v: string | undefined): boolean {
  return v === 'true' || v === '1';
}

/** name/nick/password shared by both formats; `ns` is the one their children are in. */
function readConference(el: Element, room: string, ns: string): Bookmark {
  const b: Bookmark = { room: bareJid(room), autojoin: isTrue(attr(el, 'autojoin')) };
  const name = shortText(attr(el, 'name'));
  if (name) b.name = name;
  const nick = shortText(el.getChildText('nick', ns));
  if (nick) b.nick = nick;
  const password = el.getChildText('password', ns);
  if (password) b.password = truncate(password, MAX_SHORT_TEXT);
  return b;
}

/** A XEP-0402 <item id='room'><conference/></item>; null when either is missing or bad. */
function parseItem(item: Element): Bookmark | null {
  const room = attr(item, 'id');
  const conference = item.getChild('conference', NS_BOOKMARKS);
  if (!isRoom(room) || !conference) return null;
  const b = readConference(conference, room, NS_BOOKMARKS);
  const ext = conference.getChild('extensions', NS_BOOKMARKS)?.toString();
  if (ext && ext.length <= MAX_EXTENSIONS) b.extensions = ext;
  return b;
}

/** Bookmarks from a list of items, the first of each room kept. */
function collect(items: Element[], read: (el: Element) => Bookmark | null): Bookmark[] {
  const out: Bookmark[] = [];
  const seen = new Set<string>();
  for (const el of items) {
    const b = read(el);
    if (!b || seen.has(b.room)) continue;
    seen.add(b.room);
    out.push(b);
  }
  return out;
}

function extensionsElement(s: string | undefined): Element | undefined {
  if (!s) return undefined;
  try {
    const el = parse(s);
    return el.name === 'extensions' && [undefined, NS_BOOKMARKS].includes(attr(el, 'xmlns'))
      ? el
      : undefined;
  } catch {
    return undefined; // not XML: nothing to keep
  }
}

/** How much of XEP-0402's node configuration a publish asks for (see xmpp/privatePep.ts). */
export type BookmarkOptions = PrivateNodeOptions;

/** Configure the bookmarks node as XEP-0402 asks (XEP-0223 private storage). */
export function buildBookmarksConfigure(options: 'full' | 'lean' | 'access'): Element {
  return buildPrivateNodeConfigure(NS_BOOKMARKS, options);
}

/** Add or update the bookmark for `b.room`. Throws RangeError unless it is a room's bare JID. */
export function buildBookmarkPublish(b: Bookmark, options: BookmarkOptions = 'full'): Element {
  if (!isRoom(b.room)) throw new RangeError('Bookmark: bad room');
  const conference = xml(
    'conference',
    {
      xmlns: NS_BOOKMARKS,
      name: b.name ? xmlText(b.name) : undefined,
      autojoin: b.autojoin ? 'true' : undefined,
    },
    b.nick && xml('nick', {}, xmlText(b.nick)),
    b.password && xml('password', {}, b.password),
    extensionsElement(b.extensions),
  );
  return buildPrivatePublish(NS_BOOKMARKS, bareJid(b.room), conference, options);
}

export function buildBookmarksGet(): Element {
  return buildPrivateItemsGet(NS_BOOKMARKS);
}

/**
 * The bookmarks in the answer to buildBookmarksGet. An item-not-found error (the node was
 * never written) is an empty list; other errors and anything else are null.
 */
export function parseBookmarks(iq: Element | null | undefined): Bookmark[] | null {
  if (!isElement(iq, 'iq')) return null;
  if (attr(iq, 'type') === 'error') {
    return parseStanzaError(iq)?.condition === 'item-not-found' ? [] : null;
  }
  if (attr(iq, 'type') !== 'result') return null;
  const items = iq
    .getChild('pubsub', NS_PUBSUB)
    ?.getChildren('items', NS_PUBSUB)
    .find((i) => attr(i, 'node') === NS_BOOKMARKS);
  return items ? collect(items.getChildren('item', NS_PUBSUB), parseItem) : null;
}

/**
 * A PEP notification about the bookmarks node; null unless `el` is a message whose pubsub
 * <event/> concerns urn:xmpp:bookmarks:1. Unchecked: the engine takes it only when `from`
 * is our own bare JID, as anyone can send such a message.
 */
export function parseBookmarkEvent(el: Element | null | undefined): BookmarkEvent | null {
  if (!isElement(el, 'message') || attr(el, 'type') === 'error') return null;
  const event = el.getChild('event', NS_PUBSUB_EVENT);
  if (!event) return null; // most messages: checked before the sender's address
  const ours = event
    .getChildElements()
    .filter((c) => c.getNS() === NS_PUBSUB_EVENT && attr(c, 'node') === NS_BOOKMARKS);
  if (!ours.length) return null;
  const from = attr(el, 'from') ?? '';
  if (from && !parseJid(from)) return null;
  const items = ours.filter((c) => c.name === 'items');
  const published = collect(
    items.flatMap((i) => i.getChildren('item', NS_PUBSUB_EVENT)),
    parseItem,
  );
  const retracts = items.flatMap((i) => i.getChildren('retract', NS_PUBSUB_EVENT));
  const retracted = [
    ...new Set(
      retracts
        .map((r) => attr(r, 'id'))
        .filter(isRoom)
        .map(bareJid),
    ),
  ];
  const purged = ours.some((c) => c.name === 'purge' || c.name === 'delete');
  return { from, published, retracted, purged };
}

function privateIq(type: 'get' | 'set', storage: Element): Element {
  return xml('iq', { type, id: newId() }, xml('query', { xmlns: NS_PRIVATE }, storage));
}

/** XEP-0048 bookmarks from private storage: only where hasBookmarksCompat is false. */
export function buildPrivateBookmarksGet(): Element {
  return privateIq('get', xml('storage', { xmlns: NS_LEGACY }));
}

function parseLegacy(el: Element): Bookmark | null {
  const room = attr(el, 'jid');
  return isRoom(room) ? readConference(el, room, NS_LEGACY) : null;
}

/** The <conference/>s in the answer to buildPrivateBookmarksGet (URL bookmarks ignored). */
export function parsePrivateBookmarks(iq: Element | null | undefined): Bookmark[] | null {
  if (!isElement(iq, 'iq') || attr(iq, 'type') !== 'result') return null;
  const storage = iq.getChild('query', NS_PRIVATE)?.getChild('storage', NS_LEGACY);
  return storage ? collect(storage.getChildren('conference', NS_LEGACY), parseLegacy) : null;
}

/**
 * Replace the whole private-storage list with `list` (XEP-0048 has no per-item update).
 * Extensions cannot be stored there and are dropped; entries whose room is not a room's
 * bare JID are left out.
 */
export function buildPrivateBookmarksSet(list: readonly Bookmark[]): Element {
  const conferences = list
    .filter((b) => isRoom(b.room))
    .map((b) =>
      xml(
        'conference',
        {
          jid: bareJid(b.room),
          name: b.name ? xmlText(b.name) : undefined,
          autojoin: b.autojoin ? 'true' : 'false',
        },
        b.nick && xml('nick', {}, xmlText(b.nick)),
        b.password && xml('password', {}, b.password),
      ),
    );
  return privateIq('set', xml('storage', { xmlns: NS_LEGACY }, ...conferences));
}

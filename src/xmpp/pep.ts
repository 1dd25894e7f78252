// XEP-0163 personal eventing: reading a notification (<message><event><items node='…'>) and
// building a publish to one of our own nodes. Each XEP with a PEP node (avatar, nick) reads
// its payload from what this gives; the trust rule (whose event it is) is the caller's.
import xml, { type Element } from '@xmpp/xml';
import { attr, isElement, newId } from './stanza';

export const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
export const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';

export interface PepNotification {
  from: string; // '' when absent (our own account's)
  node: string;
  /** Published items, newest first as the server lists them. */
  items: Array<{ id?: string; payload?: Element }>;
  /** Item ids retracted. */
  retracted: string[];
}

/** A PEP notification of `node`, or null when `el` is none. Never throws. */
export function parsePepNotification(el: Element, node: string): PepNotification | null {
  if (!isElement(el, 'message') || attr(el, 'type') === 'error') return null;
  const items = el.getChild('event', NS_PUBSUB_EVENT)?.getChild('items');
  if (!items || attr(items, 'node') !== node) return null;
  const out: PepNotification = { from: attr(el, 'from') ?? '', node, items: [], retracted: [] };
  for (const item of items.getChildren('item')) {
    const id = attr(item, 'id');
    const payload = item.getChildElements()[0];
    out.items.push({ ...(id ? { id } : {}), ...(payload ? { payload } : {}) });
  }
  for (const r of items.getChildren('retract')) {
    const id = attr(r, 'id');
    if (id) out.retracted.push(id);
  }
  return out;
}

/** Publish one item to a node of our own account. */
export function buildPublish(node: string, id: string, payload: Element): Element {
  return xml(
    'iq',
    { type: 'set', id: newId() },
    xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node }, xml('item', { id }, payload))),
  );
}

/** Ask `jid` for items of its node (one by id, or the latest). */
export function buildItemsGet(jid: string, node: string, itemId?: string): Element {
  return xml(
    'iq',
    { type: 'get', to: jid, id: newId() },
    xml(
      'pubsub',
      { xmlns: NS_PUBSUB },
      xml(
        'items',
        itemId ? { node } : { node, max_items: '1' },
        itemId && xml('item', { id: itemId }),
      ),
    ),
  );
}

/** The payloads of an items result, by item id. */
export function parseItemsResult(
  iq: Element,
  node: string,
): Array<{ id?: string; payload?: Element }> {
  const items = iq.getChild('pubsub', NS_PUBSUB)?.getChild('items');
  if (!items || attr(items, 'node') !== node) return [];
  return items.getChildren('item').map((item) => {
    const id = attr(item, 'id');
    const payload = item.getChildElements()[0];
    return { ...(id ? { id } : {}), ...(payload ? { payload } : {}) };
  });
}

// Roster management, RFC 6121 §2, with roster versioning (§2.6).
import xml, { type Element } from '@xmpp/xml';
import { bareJid, isValidBareJid } from '../shared/jid';
import { NS_ROSTER } from './ns';
import { attr, isElement, newId, oneOf, shortText } from './stanza';
import { xmlText } from './text';
import type { RosterItem, RosterPush, RosterResult, Subscription } from './types';

const SUBSCRIPTIONS: readonly Subscription[] = ['none', 'to', 'from', 'both', 'remove'];

/** Trimmed, capped, without empties or repeats, in first-seen order. */
function cleanGroups(names: Array<string | null | undefined>): string[] {
  const groups = names.map((g) => shortText(g)).filter((g) => g !== undefined);
  return [...new Set(groups)];
}

function parseItem(item: Element, allowRemove: boolean): RosterItem | null {
  const raw = attr(item, 'jid');
  if (!raw || !isValidBareJid(raw)) return null;
  const subscription = oneOf(SUBSCRIPTIONS, attr(item, 'subscription')) ?? 'none';
  if (subscription === 'remove' && !allowRemove) return null;
  const groups = cleanGroups(item.getChildren('group', NS_ROSTER).map((g) => g.getText()));
  const result: RosterItem = { jid: bareJid(raw), subscription, groups };
  const name = shortText(attr(item, 'name'));
  if (name) result.name = name;
  if (attr(item, 'ask') === 'subscribe') result.ask = 'subscribe';
  return result;
}

/** Roster get; pass the stored `ver` ('' when we have none) if the server supports versioning. */
export function buildRosterGet(ver?: string): Element {
  return xml('iq', { type: 'get', id: newId() }, xml('query', { xmlns: NS_ROSTER, ver }));
}

/** The answer to a roster get; items null means "your version is current". */
export function parseRosterResult(iq: Element | null | undefined): RosterResult | null {
  if (!isElement(iq, 'iq') || attr(iq, 'type') !== 'result') return null;
  const query = iq.getChild('query', NS_ROSTER);
  if (!query) return iq.getChildElements().length === 0 ? { items: null } : null;
  const items: RosterItem[] = [];
  const seen = new Set<string>();
  for (const el of query.getChildren('item', NS_ROSTER)) {
    const item = parseItem(el, false);
    if (!item || seen.has(item.jid)) continue;
    seen.add(item.jid);
    items.push(item);
  }
  const ver = attr(query, 'ver');
  return ver === undefined ? { items } : { ver, items };
}

/** A roster push (iq set with exactly one item); null otherwise. The caller checks `from`. */
export function parseRosterPush(iq: Element | null | undefined): RosterPush | null {
  if (!isElement(iq, 'iq') || attr(iq, 'type') !== 'set') return null;
  const id = attr(iq, 'id');
  const query = iq.getChild('query', NS_ROSTER);
  const items = query?.getChildren('item', NS_ROSTER) ?? [];
  if (!id || !query || items.length !== 1 || !items[0]) return null;
  const item = parseItem(items[0], true);
  if (!item) return null;
  const push: RosterPush = { kind: 'rosterPush', id, from: attr(iq, 'from') ?? '', item };
  const ver = attr(query, 'ver');
  if (ver !== undefined) push.ver = ver;
  return push;
}

/** Add or update a contact. */
export function buildRosterSet(opts: { jid: string; name?: string; groups?: string[] }): Element {
  const name = opts.name === undefined ? undefined : shortText(xmlText(opts.name));
  const groups = cleanGroups((opts.groups ?? []).map(xmlText));
  return xml(
    'iq',
    { type: 'set', id: newId() },
    xml(
      'query',
      { xmlns: NS_ROSTER },
      xml('item', { jid: opts.jid, name }, ...groups.map((g) => xml('group', {}, g))),
    ),
  );
}

export function buildRosterRemove(jid: string): Element {
  return xml(
    'iq',
    { type: 'set', id: newId() },
    xml('query', { xmlns: NS_ROSTER }, xml('item', { jid, subscription: 'remove' })),
  );
}

// XEP-0030 service discovery, with XEP-0128 extended info (data forms in disco#info).
import xml, { type Element } from '@xmpp/xml';
import { parseJid } from '../shared/jid';
import { NS_DATA, NS_DISCO_INFO, NS_DISCO_ITEMS } from './ns';
import { attr, isElement, newId, shortText } from './stanza';
import type { DataFormResult, DiscoIdentity, DiscoInfo, DiscoItem } from './types';

/** What `to` (our own account when absent) is and supports; `node` for one of its nodes. */
export function buildDiscoInfo(to?: string, node?: string): Element {
  return xml('iq', { type: 'get', id: newId(), to }, xml('query', { xmlns: NS_DISCO_INFO, node }));
}

/** What `to` holds: a server's services, a MUC service's rooms... */
export function buildDiscoItems(to: string, node?: string): Element {
  return xml('iq', { type: 'get', id: newId(), to }, xml('query', { xmlns: NS_DISCO_ITEMS, node }));
}

/** The <query/> of an iq result in namespace `ns`, or undefined. */
function resultQuery(iq: unknown, ns: string): Element | undefined {
  if (!isElement(iq, 'iq') || attr(iq, 'type') !== 'result') return undefined;
  return iq.getChild('query', ns);
}

function identities(query: Element): DiscoIdentity[] {
  const out: DiscoIdentity[] = [];
  const seen = new Set<string>();
  for (const el of query.getChildren('identity', NS_DISCO_INFO)) {
    const category = attr(el, 'category');
    const type = attr(el, 'type');
    if (!category || !type) continue;
    const name = shortText(attr(el, 'name'));
    const key = JSON.stringify([category, type, name]);
    if (seen.has(key)) continue; // one per xml:lang is common; the names may repeat
    seen.add(key);
    out.push(name ? { category, type, name } : { category, type });
  }
  return out;
}

function features(query: Element): string[] {
  const vars = query.getChildren('feature', NS_DISCO_INFO).map((f) => attr(f, 'var'));
  return [...new Set(vars.filter((v): v is string => !!v))];
}

/**
 * A XEP-0128 result form. `fields` has a null prototype, so a field named `__proto__` or
 * `constructor` is just a field. Of repeated vars, the first counts.
 */
function form(x: Element): DataFormResult {
  const fields: Record<string, string[]> = Object.create(null);
  let formType: string | undefined;
  for (const f of x.getChildren('field', NS_DATA)) {
    const name = attr(f, 'var');
    if (!name || Object.hasOwn(fields, name) || (name === 'FORM_TYPE' && formType !== undefined))
      continue;
    const values = f.getChildren('value', NS_DATA).map((v) => v.getText());
    if (name === 'FORM_TYPE') formType = values[0] ?? '';
    else fields[name] = values;
  }
  return formType ? { formType, fields } : { fields };
}

/** The answer to buildDiscoInfo; null when `iq` is not a disco#info result. */
export function parseDiscoInfo(iq: Element | null | undefined): DiscoInfo | null {
  const query = resultQuery(iq, NS_DISCO_INFO);
  if (!query) return null;
  const forms = query
    .getChildren('x', NS_DATA)
    .filter((x) => attr(x, 'type') === 'result')
    .map(form);
  return { identities: identities(query), features: features(query), forms };
}

/** The answer to buildDiscoItems; null when `iq` is not a disco#items result. */
export function parseDiscoItems(iq: Element | null | undefined): DiscoItem[] | null {
  const query = resultQuery(iq, NS_DISCO_ITEMS);
  if (!query) return null;
  const out: DiscoItem[] = [];
  const seen = new Set<string>();
  for (const el of query.getChildren('item', NS_DISCO_ITEMS)) {
    const jid = attr(el, 'jid');
    if (!jid || !parseJid(jid)) continue;
    const node = attr(el, 'node') || undefined;
    const key = JSON.stringify([jid, node]);
    if (seen.has(key)) continue;
    seen.add(key);
    const item: DiscoItem = { jid };
    const name = shortText(attr(el, 'name'));
    if (name) item.name = name;
    if (node) item.node = node;
    out.push(item);
  }
  return out;
}

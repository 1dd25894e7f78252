// XEP-0191 blocking command: the server keeps the list and drops, in both directions, the
// messages and presence of a blocked address. Pushes tell every resource of a change; they
// are ours only when they come from our own account (checked in incoming.ts).
import xml, { type Element } from '@xmpp/xml';
import { bareJid, parseJid } from '../shared/jid';
import { attr, isElement, newId } from './stanza';

export const NS_BLOCKING = 'urn:xmpp:blocking';
/** More items than anyone blocks by hand: a longer list is cut, not stored whole. */
const MAX_ITEMS = 10_000;

function jidsOf(el: Element | undefined): string[] {
  if (!el) return [];
  const out = new Set<string>();
  for (const item of el.getChildren('item')) {
    const jid = attr(item, 'jid');
    if (jid && parseJid(jid)) out.add(jid.toLowerCase());
    if (out.size >= MAX_ITEMS) break;
  }
  return [...out];
}

export function buildBlocklistGet(): Element {
  return xml('iq', { type: 'get', id: newId() }, xml('blocklist', { xmlns: NS_BLOCKING }));
}

/** The blocked addresses of a blocklist result; null when `iq` is none. */
export function parseBlocklistResult(iq: Element): string[] | null {
  const list = iq.getChild('blocklist', NS_BLOCKING);
  return list ? jidsOf(list) : null;
}

/** XEP-0377: a report to the server's operator, carried by a block. */
export const NS_REPORTING = 'urn:xmpp:reporting:1';

export interface BlockReport {
  reason: 'spam' | 'abuse';
  /** The reported messages, by the archive ids our server gave them (XEP-0359). */
  stanzaIds?: ReadonlyArray<{ id: string; by: string }>;
}

function reportOf(report: BlockReport): Element {
  return xml(
    'report',
    { xmlns: NS_REPORTING, reason: `urn:xmpp:reporting:${report.reason}` },
    ...(report.stanzaIds ?? []).map((s) =>
      xml('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: s.by, id: s.id }),
    ),
  );
}

function command(name: 'block' | 'unblock', jids: string[], report?: BlockReport): Element {
  return xml(
    'iq',
    { type: 'set', id: newId() },
    xml(
      name,
      { xmlns: NS_BLOCKING },
      ...jids.map((jid) =>
        xml('item', { jid: bareJid(jid) }, ...(report ? [reportOf(report)] : [])),
      ),
    ),
  );
}

/** Block these addresses; with a report (XEP-0377), only where the server offers reporting. */
export const buildBlock = (jids: string[], report?: BlockReport) => command('block', jids, report);
/** No addresses: unblock everyone (§3.4). */
export const buildUnblock = (jids: string[]) => command('unblock', jids);

/** A block or unblock push; `jids` empty in an unblock means everyone. */
export interface BlockPush {
  from: string; // '' when absent
  action: 'block' | 'unblock';
  jids: string[];
}

export function parseBlockPush(iq: Element): BlockPush | null {
  if (!isElement(iq, 'iq') || attr(iq, 'type') !== 'set') return null;
  const from = attr(iq, 'from') ?? '';
  const block = iq.getChild('block', NS_BLOCKING);
  if (block) {
    const jids = jidsOf(block);
    return jids.length ? { from, action: 'block', jids } : null; // an empty block is a bad request
  }
  const unblock = iq.getChild('unblock', NS_BLOCKING);
  return unblock ? { from, action: 'unblock', jids: jidsOf(unblock) } : null;
}

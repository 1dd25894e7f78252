// XEP-0045 §8-9 moderation and administration (muc#admin): roles by nick, affiliations by
// bare JID, affiliation lists.
//
// Prosody 0.12 answers a change it does not allow with cancel/not-allowed, an unknown nick with
// modify/item-not-found, a full JID where a bare one belongs with modify/jid-malformed, and
// the last owner demoting themselves with cancel/conflict. Lists: admins and owners may read
// lists up to their own rank, members too in a members-only room that shows real JIDs;
// everyone else gets auth/forbidden.
import xml, { type Element } from '@xmpp/xml';
import { bareJid, isValidBareJid } from '../shared/jid';
import {
  MUC_AFFILIATIONS,
  type MucAffiliation,
  type MucRole,
  NS_MUC_ADMIN,
  occupantJid,
} from './muc';
import { attr, isElement, newId, oneOf, shortText } from './stanza';
import { xmlText } from './text';

/** One entry of an affiliation list. `nick`: the nick reserved for that JID, if any. */
export interface AffiliationItem {
  jid: string; // bare, normalized
  affiliation: MucAffiliation;
  nick?: string;
}

function adminIq(type: 'get' | 'set', room: string, item: Element): Element {
  if (!isValidBareJid(room)) throw new RangeError('MUC admin: bad room');
  return xml(
    'iq',
    { type, to: bareJid(room), id: newId() },
    xml('query', { xmlns: NS_MUC_ADMIN }, item),
  );
}

function reasonEl(reason: string | undefined): Element | undefined {
  return reason ? xml('reason', {}, xmlText(reason)) : undefined;
}

/**
 * Change an occupant's role: 'none' kicks, 'participant' gives voice, 'visitor' takes it
 * away, 'moderator' makes a moderator. Throws RangeError for a bad room or nick.
 */
export function buildSetRole(room: string, nick: string, role: MucRole, reason?: string): Element {
  occupantJid(room, nick); // checks both
  return adminIq('set', room, xml('item', { nick, role }, reasonEl(reason)));
}

/**
 * Change a user's affiliation, by bare JID: 'outcast' bans, 'none' removes, 'member', 'admin',
 * 'owner' grant. Throws RangeError unless `jid` is a bare JID (Prosody refuses full ones).
 */
export function buildSetAffiliation(
  room: string,
  jid: string,
  affiliation: MucAffiliation,
  reason?: string,
): Element {
  if (!isValidBareJid(jid)) throw new RangeError('MUC admin: affiliations take a bare JID');
  return adminIq('set', room, xml('item', { jid: bareJid(jid), affiliation }, reasonEl(reason)));
}

/** Ask for everyone with this affiliation (e.g. 'outcast' for the ban list). */
export function buildAffiliationList(room: string, affiliation: MucAffiliation): Element {
  return adminIq('get', room, xml('item', { affiliation }));
}

/**
 * The list in the answer to buildAffiliationList; null unless `iq` is a muc#admin result.
 * Items without a valid bare JID or a known affiliation, and repeats, are left out.
 */
export function parseAffiliationList(iq: Element | null | undefined): AffiliationItem[] | null {
  if (!isElement(iq, 'iq') || attr(iq, 'type') !== 'result') return null;
  const query = iq.getChild('query', NS_MUC_ADMIN);
  if (!query) return null;
  const out: AffiliationItem[] = [];
  const seen = new Set<string>();
  for (const el of query.getChildren('item', NS_MUC_ADMIN)) {
    const raw = attr(el, 'jid');
    const affiliation = oneOf(MUC_AFFILIATIONS, attr(el, 'affiliation'));
    if (!raw || !isValidBareJid(raw) || !affiliation) continue;
    const jid = bareJid(raw);
    if (seen.has(jid)) continue;
    seen.add(jid);
    const nick = shortText(attr(el, 'nick'));
    out.push(nick ? { jid, affiliation, nick } : { jid, affiliation });
  }
  return out;
}

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
import { type MucAffiliation, type MucRole, NS_MUC_ADMIN, occupantJid } from './muc';
import { newId } from './stanza';
import { xmlText } from './text';

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

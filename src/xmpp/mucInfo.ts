// XEP-0045 §6 discovering rooms: a room's disco#info (features and the muc#roominfo form).
//
// Prosody 0.12 advertises on a room: muc, muc#stable_id, muc#self-ping-optimization,
// muc_passwordprotected|muc_unsecured, muc_membersonly|muc_open, muc_persistent|muc_temporary,
// muc_public|muc_hidden, muc_nonanonymous|muc_semianonymous, muc_moderated|muc_unmoderated,
// urn:xmpp:occupant-id:0, urn:xmpp:sid:0, and urn:xmpp:mam:2 only while archiving is on.
// Its muc#roominfo form has muc#roominfo_occupants, muc#roominfo_description,
// muc#roominfo_lang, muc#roomconfig_roomname and muc#roomconfig_changesubject; no subject.
import { NS_MUC, NS_OCCUPANT_ID } from './muc';
import { NS_MAM } from './ns';
import { MAX_SHORT_TEXT, shortText } from './stanza';
import type { DiscoInfo } from './types';

const NS_ROOMINFO = 'http://jabber.org/protocol/muc#roominfo';
const NS_MODERATE = 'urn:xmpp:message-moderate:1';
const NS_SELF_PING_OPTIMIZATION = 'http://jabber.org/protocol/muc#self-ping-optimization';

export interface RoomInfo {
  name?: string;
  description?: string;
  subject?: string;
  lang?: string;
  occupants?: number;
  features: {
    passwordProtected: boolean;
    membersOnly: boolean;
    persistent: boolean;
    moderated: boolean;
    nonAnonymous: boolean; // every occupant sees real JIDs
    public: boolean; // listed in the directory
  };
  mam: boolean; // the room keeps an archive (XEP-0313) we can catch up from
  occupantId: boolean; // XEP-0421: occupant ids can be trusted here
  moderation: boolean; // XEP-0425: moderators may retract others' messages
  selfPingOptimization: boolean; // XEP-0410: the room itself answers self-pings
}

/** RoomInfo from an already parsed disco#info; null unless it describes a MUC room. */
export function roomInfo(info: DiscoInfo | null): RoomInfo | null {
  if (!info) return null;
  const isRoom =
    info.features.includes(NS_MUC) ||
    info.identities.some((i) => i.category === 'conference' && i.type === 'text');
  if (!isRoom) return null;
  const has = (f: string) => info.features.includes(f);
  const fields = info.forms.find((f) => f.formType === NS_ROOMINFO)?.fields;
  const first = (name: string, max = MAX_SHORT_TEXT) => shortText(fields?.[name]?.[0], max);
  const result: RoomInfo = {
    features: {
      passwordProtected: has('muc_passwordprotected'),
      membersOnly: has('muc_membersonly'),
      persistent: has('muc_persistent'),
      moderated: has('muc_moderated'),
      nonAnonymous: has('muc_nonanonymous'),
      public: has('muc_public'),
    },
    mam: has(NS_MAM),
    occupantId: has(NS_OCCUPANT_ID),
    moderation: has(NS_MODERATE),
    selfPingOptimization: has(NS_SELF_PING_OPTIMIZATION),
  };
  const identityName = info.identities.find((i) => i.category === 'conference')?.name;
  const name = first('muc#roomconfig_roomname') ?? identityName;
  if (name) result.name = name;
  const description = first('muc#roominfo_description', 4096);
  if (description) result.description = description;
  const subject = first('muc#roominfo_subject', 4096);
  if (subject) result.subject = subject;
  const lang = first('muc#roominfo_lang', 64);
  if (lang) result.lang = lang;
  const occupants = first('muc#roominfo_occupants');
  if (occupants && /^\d{1,9}$/.test(occupants)) result.occupants = Number(occupants);
  return result;
}

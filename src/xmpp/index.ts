// The public face of xmpp/: parse stanzas into typed records, build stanzas from plain values.

export { bareJid, isValidBareJid, type Jid, parseJid, resourceOf, sameBare } from '../shared/jid';
export { findMentions, type Mention, suggestNick } from '../shared/mentions';
export {
  type Bookmark,
  type BookmarkEvent,
  type BookmarkOptions,
  bookmarkPublishRefusal,
  buildBookmarkPublish,
  buildBookmarksConfigure,
  buildBookmarksGet,
  buildPrivateBookmarksGet,
  buildPrivateBookmarksSet,
  NS_BOOKMARKS,
  parseBookmarkEvent,
  parseBookmarks,
  parsePrivateBookmarks,
} from './bookmarks';
export { buildCarbonsEnable, parseCarbon } from './carbons';
export { buildChatState, CHAT_STATES } from './chatStates';
export {
  buildDirectInvite,
  type DirectInvite,
  NS_CONFERENCE,
  parseDirectInvite,
} from './conference';
export { buildCsi, type CsiState, supportsCsi } from './csi';
export { formatDateTime, parseDateTime } from './datetime';
export { buildDiscoInfo, buildDiscoItems, parseDiscoInfo, parseDiscoItems } from './disco';
export { buildFileMeta, MAX_FILE_NAME, NS_FILE_METADATA, parseFileMeta } from './filemeta';
export {
  type Groupchat,
  type Incoming,
  type IncomingContext,
  type IncomingKind,
  type IncomingRecord,
  parseIncoming,
} from './incoming';
export { buildMamQuery, type MamQueryOptions, parseMamFin, parseMamResult } from './mam';
export { buildDisplayed, buildReceivedMarker, type DisplayedOptions } from './markers';
export {
  buildChatMessage,
  type ChatMessageOptions,
  MAX_BODY,
  parseMessage,
} from './message';
export {
  buildJoin,
  buildLeave,
  buildNickChange,
  buildOccupantPresence,
  buildSubject,
  type JoinHistory,
  type JoinOptions,
  MAX_SUBJECT,
  MUC_AFFILIATIONS,
  MUC_ROLES,
  type MucAffiliation,
  type MucError,
  type MucPresence,
  type MucRole,
  NS_MUC,
  NS_MUC_ADMIN,
  NS_MUC_OWNER,
  NS_MUC_USER,
  NS_OCCUPANT_ID,
  occupantJid,
  parseMucPresence,
  parseOccupantId,
  parseSubject,
} from './muc';
export {
  buildSetAffiliation,
  buildSetRole,
} from './mucAdmin';
export {
  buildConfigRequest,
  buildConfigSubmit,
  buildInstantRoom,
  type FormField,
  NS_MUC_ROOMCONFIG,
  parseConfigForm,
  type RoomConfig,
  type RoomConfigForm,
} from './mucConfig';
export {
  type RoomInfo,
  roomInfo,
} from './mucInfo';
export {
  buildMediatedDecline,
  buildMediatedInvite,
  type MediatedInvite,
  parseMediatedInvite,
} from './mucInvite';
export * from './ns';
export { buildOob, httpUrl, MAX_URL, NS_OOB, parseOob } from './oob';
export {
  buildPresence,
  buildSubscription,
  buildUnavailable,
  type PresenceOptions,
  parsePresence,
  type SubscriptionOptions,
} from './presence';
export { buildReceipt } from './receipts';
export { buildRegisterSet } from './register';
export {
  buildRosterGet,
  buildRosterRemove,
  buildRosterSet,
  parseRosterPush,
  parseRosterResult,
} from './roster';
export {
  buildSelfPing,
  classifySelfPing,
  classifySelfPingFailure,
  type SelfPingResult,
} from './selfping';
export { stanzaIdBy } from './sid';
export { newId, parseStanzaError } from './stanza';
export type {
  Carbon,
  ChatMarker,
  ChatMarkerType,
  ChatMessage,
  ChatStateName,
  DataFormResult,
  DiscoIdentity,
  DiscoInfo,
  DiscoItem,
  FileMeta,
  MamFin,
  MamResult,
  OutOfBand,
  PresenceUpdate,
  RosterItem,
  RosterPush,
  RosterResult,
  Show,
  StanzaError,
  Subscription,
  XmlElement,
} from './types';
export {
  buildSlotRequest,
  findUploadService,
  NS_HTTP_UPLOAD,
  parseSlot,
  parseSlotError,
  parseSlotErrorElement,
  type SlotRequestOptions,
  type UploadError,
  type UploadService,
  type UploadSlot,
} from './upload';

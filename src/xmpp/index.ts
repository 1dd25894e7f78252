// The public face of xmpp/: parse stanzas into typed records, build stanzas from plain values.

export { bareJid, isValidBareJid, type Jid, parseJid, resourceOf, sameBare } from '../shared/jid';
export { findMentions, type Mention, suggestNick } from '../shared/mentions';
export {
  type Bookmark,
  type BookmarkEvent,
  type BookmarkOptions,
  bookmarkPublishRefusal,
  buildBookmarkPublish,
  buildBookmarkRetract,
  buildBookmarksConfigure,
  buildBookmarksGet,
  buildPrivateBookmarksGet,
  buildPrivateBookmarksSet,
  hasBookmarksCompat,
  NS_BOOKMARKS,
  NS_BOOKMARKS_COMPAT,
  parseBookmarkEvent,
  parseBookmarks,
  parsePrivateBookmarks,
} from './bookmarks';
export { buildCarbonsEnable, hasPrivateHint, parseCarbon } from './carbons';
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
  isMucPrivateMessage,
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
  type AffiliationItem,
  buildAffiliationList,
  buildSetAffiliation,
  buildSetRole,
  parseAffiliationList,
} from './mucAdmin';
export {
  buildConfigRequest,
  buildConfigSubmit,
  buildDestroyRoom,
  buildInstantRoom,
  type FormField,
  NS_MUC_ROOMCONFIG,
  parseConfigForm,
  type RoomConfig,
  type RoomConfigForm,
  unofferedConfig,
} from './mucConfig';
export {
  type DirectoryRoom,
  directoryRooms,
  parseRoomInfo,
  type RoomInfo,
  roomInfo,
} from './mucInfo';
export {
  buildMediatedDecline,
  buildMediatedInvite,
  type MediatedDecline,
  type MediatedInvite,
  parseMediatedDecline,
  parseMediatedInvite,
} from './mucInvite';
export * from './ns';
export { buildOob, httpUrl, MAX_URL, NS_OOB, parseOob } from './oob';
export { buildPing } from './ping';
export {
  buildPresence,
  buildSubscription,
  buildUnavailable,
  type PresenceOptions,
  parsePresence,
  type SubscriptionOptions,
} from './presence';
export { buildReceipt } from './receipts';
export {
  buildRegisterGet,
  buildRegisterSet,
  buildUnregister,
  parseRegisterError,
  parseRegistrationForm,
  type RegisterError,
} from './register';
export {
  buildIqResult,
  buildRosterGet,
  buildRosterRemove,
  buildRosterSet,
  parseRosterPush,
  parseRosterResult,
} from './roster';
export { buildSelfPing, classifySelfPing, type SelfPingResult } from './selfping';
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
  RegistrationForm,
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

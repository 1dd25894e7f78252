// The public face of xmpp/: parse stanzas into typed records, build stanzas from plain values.

export {
  bareJid,
  domainOf,
  isValidBareJid,
  type Jid,
  parseJid,
  resourceOf,
  sameBare,
} from '../shared/jid';
export { findMentions, type Mention, suggestNick } from '../shared/mentions';
// people: avatars, nicknames, caps, blocking
export {
  type AvatarInfo,
  avatarId,
  buildAvatarDataGet,
  buildAvatarDataPublish,
  buildAvatarMetadataPublish,
  MAX_AVATAR_BYTES,
  parseAvatarData,
  sniffImage,
} from './avatar';
export type { BlockReport } from './blocking';
export {
  buildBlock,
  buildBlocklistGet,
  buildUnblock,
  NS_BLOCKING,
  NS_REPORTING,
  parseBlocklistResult,
} from './blocking';
export {
  type Bookmark,
  type BookmarkEvent,
  type BookmarkOptions,
  buildBookmarkPublish,
  buildBookmarksConfigure,
  buildBookmarksGet,
  buildPrivateBookmarksGet,
  buildPrivateBookmarksSet,
  NS_BOOKMARKS,
  parseBookmarks,
  parsePrivateBookmarks,
} from './bookmarks';
export { answerDiscoInfo, buildCaps } from './caps';
export { buildCarbonsEnable, parseCarbon } from './carbons';
export {
  buildChatChoicesGet,
  buildChatChoicesPublish,
  buildChatChoicesRetract,
  type ChatChoices,
  type ChatChoicesEvent,
  hasChoices,
  NS_CHAT_CHOICES,
  parseChatChoicesItems,
} from './chatChoices';
export { buildChatState, CHAT_STATES } from './chatStates';
export {
  buildDirectInvite,
  type DirectInvite,
  NS_CONFERENCE,
} from './conference';
export { buildReplace, parseReplace } from './correction';
export { buildCsi, type CsiState, supportsCsi } from './csi';
export { formatDateTime } from './datetime';
export { buildDiscoInfo, buildDiscoItems, parseDiscoInfo, parseDiscoItems } from './disco';
export { buildFallback, parseFallback, stripFallback } from './fallback';
export { buildFileMeta, MAX_FILE_NAME, NS_FILE_METADATA, parseFileMeta } from './filemeta';
export {
  type Groupchat,
  type Incoming,
  type IncomingContext,
  type IncomingKind,
  type IncomingRecord,
  parseIncoming,
} from './incoming';
export { buildMamQuery, type MamQueryOptions, parseMamFin } from './mam';
export { buildDisplayed, buildReceivedMarker, type DisplayedOptions } from './markers';
export {
  buildActMessage,
  buildChatMessage,
  type ChatMessageOptions,
  MAX_BODY,
} from './message';
export { buildModerateRequest } from './moderation';
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
} from './mucInvite';
export { buildNickPublish } from './nick';
export * from './ns';
export { httpUrl, MAX_URL, NS_OOB } from './oob';
export {
  buildPresence,
  buildSubscription,
  buildUnavailable,
  type PresenceOptions,
  type SubscriptionOptions,
} from './presence';
export {
  buildPrivateNodeConfigure,
  type PrivateNodeOptions,
  type PrivatePublishBuilder,
  privatePublishRefusal,
} from './privatePep';
export {
  buildReactionsChildren,
  MAX_REACTION_LENGTH,
  MAX_REACTIONS,
  parseReactions,
} from './reactions';
export { buildReceipt } from './receipts';
export { buildPasswordChange, buildRegisterSet, buildUnregister } from './register';
export { buildReplyChildren, parseReply, quoteOf, type ReplyTo } from './reply';
export { buildRetractChildren, parseRetract } from './retraction';
export {
  buildRosterGet,
  buildRosterRemove,
  buildRosterSet,
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
export {
  buildClaim,
  buildPrechat,
  NS_SUPPORT,
  PRECHAT_FIELDS,
  type Prechat,
  type PrechatField,
  parseClaim,
  parsePrechat,
  parseRoomSender,
  type RoomSender,
  type SupportClaim,
  type SupportRating,
} from './support';
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
  MessageAct,
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
  parseSlotErrorElement,
  type SlotRequestOptions,
  type UploadError,
  type UploadService,
  type UploadSlot,
} from './upload';

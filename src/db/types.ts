// db/ imports nothing of ours: these mirror xmpp/types.ts and stay assignable to it.
export type Show = 'online' | 'chat' | 'away' | 'xa' | 'dnd';
export type ChatStateName = 'active' | 'composing' | 'paused' | 'inactive' | 'gone';
export type Subscription = 'none' | 'to' | 'from' | 'both' | 'remove';

/** SCRAM salted keys (never the password): enough to sign in again to this one server. */
export interface StoredKeys {
  mechanism: 'SCRAM-SHA-1' | 'SCRAM-SHA-256';
  salt: string;
  iterations: number;
  clientKey: string;
  serverKey: string;
}

export type MessageState = 'queued' | 'sent' | 'delivered' | 'displayed' | 'failed';
export type Direction = 'in' | 'out';

export interface Contact {
  jid: string; // bare, lower-case
  name?: string;
  groups: string[];
  subscription: Subscription;
  ask?: 'subscribe';
  /** The contact removed us (subscription lost its 'to' side) or declined our request. */
  lostSubscriptionAt?: number;
}

export interface PresenceRow {
  jid: string; // bare
  resource: string;
  show: Show;
  status?: string;
  priority: number;
  at: number;
}

export interface SubscriptionRequest {
  jid: string;
  nick?: string;
  at: number;
}

/**
 * A one-to-one chat with a contact (or any bare JID), a group chat (peer = room JID), or a
 * private conversation with someone in a room (peer = room/nick).
 */
export type ConversationKind = 'contact' | 'room' | 'private';

export interface Conversation {
  peer: string; // bare JID
  lastAt: number;
  preview: string;
  previewDirection: Direction;
  unread: number;
  /** The sender's id of the last message we told them we displayed (XEP-0333). */
  markedId?: string;
  /** Archive paging: the conversation's oldest message is the first one ever (XEP-0313). */
  historyComplete?: boolean;
  /** What the peer is doing in this chat (XEP-0085), with when we heard it. */
  peerState?: ChatStateName;
  peerStateAt?: number;
  /** A room: who is typing there now (nickname → when they started, ms). */
  typing?: Record<string, number>;
  /** The last message was a file of this kind: the preview is its name. */
  previewFile?: AttachmentKind;
  /** The last message was deleted for everyone (XEP-0424/0425): the preview says so. */
  previewDeleted?: true;
  /** Decided once when the row is made (db/kind.ts), never guessed again from the peer. */
  kind: ConversationKind;
  /** Unread messages that mention us (rooms), counted apart from `unread`. */
  mentions?: number;
  /** Room messages: who wrote the last one. */
  previewNick?: string;
  // --- chats: the person's choices about the conversation (db/chatActions.ts) ---
  /** Pinned to the top of the list, at this time (the latest pinned goes first). */
  pinnedAt?: number;
  /** Archived at this time: out of the list until a message newer than this comes in. */
  archivedAt?: number;
  /** Marked unread by the person: shown so with no message counted, until opened. */
  markedUnread?: boolean;
  /**
   * When these choices were last made, here or on another device (db/chatSync.ts): the clock
   * the sync merges by, the newest winning. Absent: never chosen since the sync existed.
   */
  choicesAt?: number;
  /** The `choicesAt` the server was last known to hold (published, or merged from it). */
  choicesSyncedAt?: number;
}

/** One conversation's choices as kept on the server (mirrors xmpp/chatChoices.ts). */
export interface ChatChoices {
  peer: string;
  at: number;
  pinnedAt?: number;
  archivedAt?: number;
  markedUnread?: boolean;
  deletedAt?: number;
}

/** What the person typed in a conversation and has not sent yet, kept per conversation. */
export interface Draft {
  peer: string; // the conversation's peer: a bare JID, a room, or room/nick
  text: string;
  at: number; // when it was last changed
}

export interface Message {
  id: string; // our id; for outgoing also the stanza id and XEP-0359 origin-id
  peer: string;
  direction: Direction;
  body: string;
  at: number; // ms since epoch (server delay stamp when given)
  state: MessageState;
  originId?: string;
  stanzaId?: string; // server-assigned, from a trusted `by`
  /** Incoming: the sender's stanza id, which markers (XEP-0333) refer to. */
  remoteId?: string;
  /** Incoming: the sender asked for chat markers. */
  markable?: boolean;
  error?: string;
  /** A shared file (XEP-0066 + XEP-0446). Outgoing: no `url` until its upload is done. */
  file?: Attachment;
  /** acts2: retracted by a room moderator (XEP-0425): who (room/nick) and why, when said. */
  moderated?: { by?: string; reason?: string };
  /** acts2: the text sent with the file, shown under it (the body holds it after the URL). */
  caption?: string;
  /** Room messages: the sender's nickname in the room, and its XEP-0421 occupant id. */
  nick?: string;
  occupantId?: string;
  /** Room messages: it mentions our nickname. */
  mention?: boolean;
  /** XEP-0308: corrected; the earlier texts, oldest first, and when it was last corrected. */
  edits?: Array<{ body: string; at: number }>;
  editedAt?: number;
  /** Ids of the corrections applied, so a copy (carbon, archive, reflection) applies once. */
  corrections?: string[];
  /** XEP-0424: its sender deleted it for everyone; body and file are gone. */
  retracted?: boolean;
  /** Deleted here only ("delete for me"): the row stays as a tombstone, so no copy brings it back. */
  hidden?: boolean;
  /** XEP-0444: one entry per person who reacted, with their current set. */
  reactions?: Reaction[];
  /** XEP-0461: the message this one replies to, by the id on the wire (origin-id or stanza-id). */
  replyTo?: { id: string; to?: string };
  /**
   * Support rooms: from now on this agent takes care of the conversation. Set only on a claim
   * the engine believed (engine/supportClaims.ts); the newest one in the room is its state.
   */
  claim?: { agent: string; name: string };
  /**
   * Support rooms: the shopper's pre-chat form (name, email, order), only from the shopper;
   * `by` is the real JID the room vouched for (engine/supportClaims.ts), not from the wire.
   */
  prechat?: { name?: string; email?: string; order?: string; by?: string };
  /** Support rooms: a product or order card (shared/supportCard.ts checked it). */
  card?: import('../shared/supportCard').SupportCard;
  /** Support rooms: the team closed the conversation (believed only from the team). */
  closed?: boolean;
  /** Support rooms: the shopper's rating, 1–5 stars (believed only from the shopper). */
  rating?: { stars: number; comment?: string };
  /**
   * Support rooms: the shopper signed in to the shop and goes on as this account (bare JID;
   * believed only from the shopper the room is named after).
   */
  handover?: string;
}

/** One person's reactions to a message: `by` is 'me', a bare JID, or an occupant in a room. */
export interface Reaction {
  by: string;
  /** A room occupant's nickname, to show who reacted. */
  name?: string;
  emojis: string[];
}

export type MucRole = 'moderator' | 'participant' | 'visitor' | 'none';
export type MucAffiliation = 'owner' | 'admin' | 'member' | 'none' | 'outcast';

/** What a room says about itself (disco#info, XEP-0045 features). */
export interface RoomFeatures {
  mam: boolean; // the room keeps an archive (XEP-0313)
  occupantId: boolean; // XEP-0421
  membersOnly?: boolean;
  passwordProtected?: boolean;
  persistent?: boolean;
  moderated?: boolean;
  nonAnonymous?: boolean;
  /** acts2: XEP-0425, a moderator may have the room retract others' messages. */
  moderation?: boolean;
}

/** Settings for a room we create (XEP-0045 muc#roomconfig). */
export interface RoomConfig {
  name?: string;
  description?: string;
  persistent: boolean;
  membersOnly: boolean;
  password?: string;
  allowInvites: boolean;
  archive: boolean;
  public: boolean;
  /** Everyone sees occupants' real JIDs (whois = anyone): support rooms, to trust claims. */
  nonAnonymous?: boolean;
}

/** A group chat we are in, were in, or are joining. Its conversation has `peer` = `jid`. */
export interface Room {
  jid: string; // bare, lower-case
  name?: string;
  nick: string; // ours
  password?: string;
  /** Joined again after sign-in and reconnect (kept in bookmarks, XEP-0402). */
  autojoin: boolean;
  status: 'joining' | 'joined' | 'left' | 'kicked' | 'banned' | 'error' | 'destroyed';
  /** Why a join failed (a stanza error condition, e.g. conflict = nickname taken). */
  error?: string;
  /** A free nickname to offer after a clash. */
  suggestedNick?: string;
  /**
   * Support rooms: accounts the shopper handed the conversation to on signing in to the shop
   * (engine/supportClaims.ts); the room's shopper too, never the team.
   */
  handedTo?: string[];
  /** Kick, ban or destroy: the reason given, and by whom (nickname). */
  reason?: string;
  actor?: string;
  subject?: string;
  /** The room's description (disco#info muc#roominfo_description). */
  description?: string;
  role?: MucRole;
  affiliation?: MucAffiliation;
  features?: RoomFeatures;
  /** The newest room archive id this browser has (XEP-0313 on the room). */
  mamLastId?: string;
  /** Set while creating: the configuration to apply once the room exists. */
  create?: RoomConfig;
}

/** Someone in a room, as its presence says. */
export interface Occupant {
  room: string;
  nick: string;
  jid?: string; // real bare JID, when the room shows it to us
  role: MucRole;
  affiliation: MucAffiliation;
  show: Show;
  status?: string;
  occupantId?: string;
}

/** An invitation to a room (XEP-0249 direct, or mediated by the room). */
export interface RoomInvite {
  room: string;
  from: string; // bare JID of who invites
  reason?: string;
  password?: string;
  at: number;
  /** What the room says of itself (disco#info), looked up once the invitation is in. */
  roomName?: string;
  description?: string;
}

export type AttachmentKind = 'image' | 'video' | 'audio' | 'voice' | 'file';

/** What a message's file is. Names and types from the network are untrusted: clean before use. */
export interface Attachment {
  url?: string; // http(s), checked by the parser
  kind: AttachmentKind;
  name: string;
  mediaType?: string;
  size?: number; // bytes
  width?: number; // pixels
  height?: number;
  duration?: number; // seconds
}

/**
 * A file waiting to be uploaded (XEP-0363), with its bytes, for the message of the same id.
 * Kept until the upload is done, so a reload or a lost network loses nothing.
 */
export interface UploadRow {
  id: string; // = Message.id
  peer: string;
  blob: Blob;
  createdAt: number;
  state: 'waiting' | 'uploading' | 'failed';
  /** Bytes the server has taken in the current attempt. */
  sent: number;
  /** Attempts that ended in a network or server error. */
  tries: number;
  error?: string;
}

/** A downloaded attachment, kept for offline use and evicted least recently used first. */
export interface MediaRow {
  url: string;
  blob: Blob;
  size: number;
  usedAt: number;
}

/**
 * Something owed to the network, kept until the server acknowledges it (XEP-0198):
 * a chat message (id = Message.id), or a receipt / displayed marker for a message we got.
 */
export interface OutboxRow {
  id: string; // the stanza id
  peer: string;
  createdAt: number;
  tries: number;
  kind?: 'chat' | 'receipt' | 'received' | 'displayed' | MessageActKind; // absent = chat
  ref?: string; // receipt/marker: the id of the message it acknowledges; acts: the row acted on
  /** A correction's new text. */
  body?: string;
  /** Reactions: our whole set for the message (XEP-0444 replaces the set sent before). */
  emojis?: string[];
}

/** Something we do to a message already sent: correct, retract (for everyone), react to it. */
export type MessageActKind = 'correct' | 'retract' | 'react';

export type Task =
  | { kind: 'addContact'; jid: string; name?: string; groups?: string[] }
  | { kind: 'removeContact'; jid: string }
  | { kind: 'acceptRequest'; jid: string }
  | { kind: 'declineRequest'; jid: string }
  | { kind: 'setPresence' }
  | { kind: 'chatState'; peer: string; state: ChatStateName }
  | { kind: 'loadOlder'; peer: string }
  /** Page back through a conversation's archive until the message with this wire id is here. */
  | { kind: 'findMessage'; peer: string; id: string }
  /** XEP-0425: ask `room` to retract its message `id` (the room's stanza-id) for everyone. */
  | { kind: 'moderate'; room: string; id: string; reason?: string }
  | { kind: 'olderConversations' }
  | { kind: 'joinRoom'; room: string }
  | { kind: 'leaveRoom'; room: string }
  | { kind: 'roomInvite'; room: string; to: string; reason?: string }
  | { kind: 'declineInvite'; room: string; to: string }
  | { kind: 'setSubject'; room: string; subject: string }
  | { kind: 'changeNick'; room: string; nick: string }
  | { kind: 'setRole'; room: string; nick: string; role: MucRole; reason?: string }
  | {
      kind: 'setAffiliation';
      room: string;
      jid: string;
      affiliation: MucAffiliation;
      reason?: string;
    }
  // people: contacts and our own profile
  | { kind: 'renameContact'; jid: string; name: string }
  | { kind: 'setContactGroups'; jid: string; groups: string[] }
  | { kind: 'block'; jid: string; report?: 'spam' }
  | { kind: 'unblock'; jid: string }
  | { kind: 'publishNick'; nick: string }
  /** Publish the picture kept in `avatars` under this id; '' removes ours. */
  | { kind: 'publishAvatar'; id: string }
  /** Publish this conversation's choices as they stand then (XEP-0223, db/chatSync.ts). */
  | { kind: 'syncChat'; peer: string };

export type TaskRow = Task & { seq?: number; createdAt: number };

export type ConnectionStatus = 'offline' | 'connecting' | 'online' | 'error';

export interface ConnectionInfo {
  status: ConnectionStatus;
  error?: string; // typed error code, e.g. 'auth', 'unreachable'
  at: number;
  /** When offline: when the next try is. */
  retryAt?: number;
  /** When online: how the session reaches the server. */
  transport?: 'websocket' | 'bosh';
}

export interface OwnPresence {
  show: 'online' | 'away' | 'dnd' | 'xa' | 'invisible';
  status: string;
  /** Set when away was chosen by the idle timer, so activity restores the previous show. */
  auto?: boolean;
}

export interface MetaRows {
  rosterVer: string;
  connection: ConnectionInfo;
  ownPresence: OwnPresence;
  /** The conversation on screen, so incoming messages there are not counted unread. */
  openPeer: string;
  /** Bumped by "retry now" in any tab; the leader's engine reconnects at once. */
  retryNow: number;
  /** The newest archive id (XEP-0313) this browser has caught up to. */
  mamLastId: string;
  /** The archive was empty at this time (ISO date): catch up from then on. */
  mamSince: string;
  /** Set while an archive page for a conversation is being fetched. */
  loadingOlder: string;
  /** The last request the server refused, for the person to see. */
  lastTaskError: { kind: string; error: string; at: number };
  /** When the person dismissed it. */
  taskErrorSeenAt: number;
  /**
   * Messages of ours deleted here after they failed (`peer\norigin-id`, newest last): the
   * server may have archived them before refusing them, and the archive must not bring them back.
   */
  deletedOwn: string[];
  /**
   * Looking for conversations in the archive (a new browser, or "show older conversations"):
   * the archive id to page back from, the oldest time the first look goes back to (absent
   * once it got there), a look the person asked for under way, and the archive's start reached.
   */
  conversationScan: { before?: string; since?: number; loading?: boolean; complete?: boolean };
  /** Notification choices of this account (every tab and the leader follow them). */
  notifyPrefs: NotifyPrefs;
  /** Per conversation (by peer): muted until a time, for good, or rooms on mentions only. */
  mutes: Record<string, MuteSetting>;
  /**
   * acts2: the last look in the archive for a message a reply names (by its wire id), and how
   * it ended; `rowId` once it is stored here.
   */
  messageLookup: MessageLookup;
  /** acts2: the emoji picked last in the reaction picker, newest first (every tab follows). */
  recentEmoji: string[];
  /** Conversations deleted here (by peer), with when: older archived messages stay out. */
  clearedChats: Record<string, number>;
}

// --- acts2: finding a replied-to message in the archive (kept in `meta`, no schema change) ---
export interface MessageLookup {
  peer: string;
  id: string;
  state: 'searching' | 'found' | 'missing' | 'failed';
  rowId?: string;
  at: number;
}

// --- notify: notification preferences, kept in `meta` (no schema change) ---
export interface NotifyPrefs {
  /** The person turned system notifications off here (on by default once the browser allows). */
  off?: boolean;
  /** No sound with a notification. */
  silent?: boolean;
  /** Do not disturb: no notification and no sound at all; counts still show. */
  dnd?: boolean;
  /** A message came in while the page was away and the browser has not been asked yet. */
  offerDue?: boolean;
  /** The person said "Not now" to the in-app offer: it is not shown again. */
  offerDismissed?: boolean;
}

/** `until` null: muted until the person unmutes. `mentions`: a room notifies only mentions. */
export type MuteSetting = { mode: 'muted'; until: number | null } | { mode: 'mentions' };

// --- people: profiles, avatars, blocking (schema version 8) ---

/** What someone (a contact, or we ourselves) says of themselves over PEP. */
export interface Profile {
  jid: string; // bare, lower-case
  /** XEP-0172: how they call themselves; shown where we gave them no name. */
  nick?: string;
  /** XEP-0084: the SHA-1 id of their picture; the bytes are in `avatars` once fetched. */
  avatar?: string;
}

/** A picture, checked (type by its bytes, hash = id) before it is stored. */
export interface AvatarRow {
  id: string; // SHA-1, hex
  blob: Blob;
  type: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';
  width?: number;
  height?: number;
}

/** An address we block (XEP-0191): a bare JID or a domain. */
export interface BlockedRow {
  jid: string;
  at: number;
}

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

export interface Conversation {
  peer: string; // bare JID
  lastAt: number;
  preview: string;
  previewDirection: Direction;
  unread: number;
  /** What the peer is doing in this chat (XEP-0085), with when we heard it. */
  peerState?: ChatStateName;
  peerStateAt?: number;
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
  error?: string;
}

export interface OutboxRow {
  id: string; // = Message.id
  peer: string;
  createdAt: number;
  tries: number;
}

export type Task =
  | { kind: 'addContact'; jid: string; name?: string; groups?: string[] }
  | { kind: 'removeContact'; jid: string }
  | { kind: 'acceptRequest'; jid: string }
  | { kind: 'declineRequest'; jid: string }
  | { kind: 'setPresence' }
  | { kind: 'chatState'; peer: string; state: ChatStateName };

export type TaskRow = Task & { seq?: number; createdAt: number };

export type ConnectionStatus = 'offline' | 'connecting' | 'online' | 'error';

export interface ConnectionInfo {
  status: ConnectionStatus;
  error?: string; // typed error code, e.g. 'auth', 'unreachable'
  at: number;
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
}

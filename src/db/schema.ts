import Dexie, { type Table, type Transaction } from 'dexie';
import { peerKind } from './kind';
import type {
  Contact,
  Conversation,
  Draft,
  MediaRow,
  Message,
  Occupant,
  OutboxRow,
  PresenceRow,
  Room,
  RoomInvite,
  StoredKeys,
  SubscriptionRequest,
  TaskRow,
  UploadRow,
} from './types';

/** Schema versions, oldest first. Add a version; never edit a shipped one. */
export const versions: Array<{
  version: number;
  stores: Record<string, string | null>;
  /** Rewrites rows of the version before (Dexie runs it once, as the database opens). */
  upgrade?: (tx: Transaction) => Promise<void>;
}> = [
  {
    version: 1,
    stores: {
      meta: '',
      contacts: '&jid',
      presences: '[jid+resource], jid',
      requests: '&jid',
      conversations: '&peer, lastAt',
      messages: '&id, [peer+at], [peer+originId], stanzaId, state',
      outbox: '&id, createdAt',
      tasks: '++seq',
    },
  },
  {
    version: 2,
    stores: {
      uploads: '&id, createdAt',
      media: '&url, usedAt',
    },
  },
  {
    version: 3,
    stores: {
      rooms: '&jid',
      occupants: '[room+nick], room',
      invites: '&room',
    },
  },
  {
    version: 4,
    stores: {
      drafts: '&peer',
    },
  },
  {
    // Every conversation says what it is (db/kind.ts). Before, only rows of rooms and private
    // conversations were tagged, by guessing from their messages; a tag they have is kept.
    version: 5,
    stores: {},
    upgrade: async (tx) => {
      const rooms = new Set(await tx.table('rooms').toCollection().primaryKeys());
      await tx
        .table('conversations')
        .toCollection()
        .modify((c: { peer: string; kind?: string; mentions?: number }) => {
          c.kind ??= peerKind(c.peer, rooms.has(c.peer));
          if (c.kind === 'room') c.mentions ??= 0;
        });
    },
  },
];

/** One database per signed-in account: forgetting a device deletes exactly that database. */
export class AccountDb extends Dexie {
  meta!: Table<unknown, string>;
  contacts!: Table<Contact, string>;
  presences!: Table<PresenceRow, [string, string]>;
  requests!: Table<SubscriptionRequest, string>;
  conversations!: Table<Conversation, string>;
  messages!: Table<Message, string>;
  outbox!: Table<OutboxRow, string>;
  tasks!: Table<TaskRow, number>;
  uploads!: Table<UploadRow, string>;
  media!: Table<MediaRow, string>;
  rooms!: Table<Room, string>;
  occupants!: Table<Occupant, [string, string]>;
  invites!: Table<RoomInvite, string>;
  drafts!: Table<Draft, string>;

  constructor(readonly account: string) {
    // No query cache: every view keeps its own rows (Solid stores), and the cache's clones
    // doubled them. Measured with the benchmark's quick mode, Parley alone, twice with the
    // cache and once without: heap after opening the conversation 7.8 and 8.2 → 6.6 MiB,
    // after the burst 7.3 and 6.9 → 6.0 MiB, send latency p50 16.1 and 14.6 → 14.8 ms.
    super(accountDbName(account), { cache: 'disabled' });
    for (const v of versions) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}

export function accountDbName(account: string): string {
  return `parley:${account.toLowerCase()}`;
}

export interface SessionRow {
  key: 'current';
  account: string;
  resource: string;
  /** Only with "keep me signed in". */
  keys?: StoredKeys;
}

/** An account this browser holds data of (RootDb version 2 on). */
export interface AccountRow {
  account: string;
  /**
   * Set when signed in without "keep me signed in": the id of the browser session it belongs
   * to. Once no tab of that session is alive, the account's database is deleted at start.
   */
  sessionOnly?: string;
  /** When it last signed in successfully here; the sign-in screen offers the latest. */
  lastSignIn: number;
}

/** The one small database that remembers which account this browser shows. */
export class RootDb extends Dexie {
  session!: Table<SessionRow, string>;
  accounts!: Table<AccountRow, string>;
  constructor() {
    super('parley');
    this.version(1).stores({ session: '&key' });
    this.version(2).stores({ accounts: '&account' });
  }
}

import Dexie, { liveQuery } from 'dexie';
import { AccountDb, type AccountRow, accountDbName, RootDb, type SessionRow } from './schema';
import { createSearchIndexer } from './search';
import type { MetaRows, OwnPresence, StoredKeys } from './types';

export * from '../shared/trace';
export {
  type ActOutcome,
  applyCorrection,
  applyModeration,
  applyReactions,
  applyRetraction,
  findByWireId,
  hideMessage,
  queueCorrection,
  queueRetraction,
  type ReceivedAct,
  toggleReaction,
} from './acts';
export {
  type ArchiveOrder,
  inheritDisplayed,
  oweReceivedMarkers,
  storeArchivePage,
} from './archive';
export {
  chatOrder,
  deleteConversation,
  forwardedCopy,
  setArchived,
  setMarkedUnread,
  setPinned,
} from './chatActions';
export { applyChatChoices, chatChoicesOf, markChoicesSynced } from './chatSync';
export {
  comesAfter,
  conversationMessages,
  setPeerState,
  setRoomTyping,
  TYPING_FRESH_MS,
  typingNow,
} from './conversations';
export * from './drafts';
export { peerKind } from './kind';
export { completeUpload, evictMedia, failUpload, getMedia, putMedia, queueUpload } from './media';
export { type IncomingOptions, storeIncoming, storeIncomingMany } from './messages';
export { acknowledgeMany, addTask, outboxStamp, outgoingRow } from './outbox';
export {
  advanceMessage,
  deleteUnsent,
  failQueuedTo,
  markUpToByPeer,
  queueOutgoing,
  requeueMessage,
} from './outgoing';
export * from './outgoingWrites';
export * from './pending';
export * from './people';
export {
  firstUnread,
  markConversationRead,
  markDisplayed,
  markReadElsewhere,
  markReadUpTo,
} from './reading';
export * from './rooms';
// The write modules' public functions; their shared helpers stay inside db/.
export {
  applyRoster,
  applyRosterItem,
  clearPresences,
  deleteRequest,
  putPresence,
  putRequest,
  removePresence,
} from './roster';
export * from './schema';
export * from './search';
export type * from './types';
export { liveQuery };

let root: RootDb | null = null;
export function rootDb(): RootDb {
  root ??= new RootDb();
  return root;
}

const open = new Map<string, AccountDb>();
/** The one AccountDb instance for an account in this tab. */
export function accountDb(account: string): AccountDb {
  const key = account.toLowerCase();
  let db = open.get(key);
  if (!db) {
    db = new AccountDb(key);
    // Every write to `messages` in this tab reaches the search index once it commits.
    createSearchIndexer(db);
    open.set(key, db);
  }
  return db;
}

export async function getMeta<K extends keyof MetaRows>(
  db: AccountDb,
  key: K,
): Promise<MetaRows[K] | undefined> {
  return (await db.meta.get(key)) as MetaRows[K] | undefined;
}

export async function setMeta<K extends keyof MetaRows>(db: AccountDb, key: K, value: MetaRows[K]) {
  await db.meta.put(value, key);
}

/** The presence the person chose; online with no status until they choose. */
export async function getOwnPresence(db: AccountDb): Promise<OwnPresence> {
  return (await getMeta(db, 'ownPresence')) ?? { show: 'online', status: '' };
}

export async function currentSession(): Promise<SessionRow | undefined> {
  return rootDb().session.get('current');
}

export async function setCurrentSession(account: string, resource: string, keys?: StoredKeys) {
  await rootDb().session.put({ key: 'current', account, resource, ...(keys ? { keys } : {}) });
}

export async function clearCurrentSession() {
  await rootDb().session.delete('current');
}

/**
 * Delete every byte this browser holds for an account. The pointers to it go first, so that
 * nothing shows it even if another connection delays the database's deletion.
 */
export async function forgetAccount(account: string) {
  const key = account.toLowerCase();
  await rootDb().accounts.delete(key);
  const s = await currentSession();
  if (s?.account.toLowerCase() === key) await clearCurrentSession();
  const db = open.get(key);
  if (db) {
    db.close();
    open.delete(key);
  }
  await Dexie.delete(accountDbName(key));
}

/** Whether this browser already has a database for the account (before opening creates one). */
export async function accountDbExists(account: string): Promise<boolean> {
  return (await Dexie.getDatabaseNames()).includes(accountDbName(account));
}

export async function accountRows(): Promise<AccountRow[]> {
  return rootDb().accounts.toArray();
}

export async function getAccountRow(account: string): Promise<AccountRow | undefined> {
  return rootDb().accounts.get(account.toLowerCase());
}

export async function putAccountRow(row: AccountRow) {
  await rootDb().accounts.put({ ...row, account: row.account.toLowerCase() });
}

/** The account that signed in here last, if this browser still holds it. */
export async function lastAccount(): Promise<string | undefined> {
  const rows = await accountRows();
  return rows.sort((a, b) => b.lastSignIn - a.lastSignIn)[0]?.account;
}

// Customer support (the widget's side): a guest account for the shopper and one members-only
// room per shopper, to which the support team is invited. Only XEP-0077 and XEP-0045: what
// every standard server has (see docs/ARCHITECTURE.md, "Support widget").
import {
  type AccountDb,
  addTask,
  getMeta,
  liveQuery,
  type Occupant,
  type Room,
  requestJoin,
  typingNow,
} from '../db';
import { checkSize } from '../shared/fileLimits';
import type { SupportCard } from '../shared/supportCard';
import { queueOwnMessage, sendMessage } from './commands';
import { loadConfig, setConfigBase } from './config';
import { prepareFile, sendFile } from './files';
import {
  currentAccount,
  currentDb,
  engineCall,
  holdsConnection,
  restore,
  signIn,
  signOut,
} from './session';

export { detach } from './session';

const INVITED = 'parley.widget.invited:';

function randomId(bytes: number): string {
  const a = crypto.getRandomValues(new Uint8Array(bytes));
  return [...a].map((b) => b.toString(36).padStart(2, '0')).join('');
}

/** The guest's address, and so its room's local part: `guest-…`. */
export function guestLocal(account: string): string {
  return account.split('@')[0] ?? account;
}

/** A shop's signed-in customer (widget/shopper.ts): a credential is asked for when needed. */
export interface KnownShopper {
  jid: string;
  credential: () => Promise<{ jid: string; password: string }>;
}

export class ShopperError extends Error {
  override name = 'ShopperError';
}

/**
 * The shopper's account. A guest: the one this browser keeps (any of the shop's tabs or an
 * earlier visit made it), else a new random one by in-band registration. A known customer
 * (`user`): their account, signed in with a password the shop's backend gives. Only SCRAM keys
 * are kept (remember-me); a password is forgotten as soon as the keys exist.
 *
 * Switching from one to another signs the previous account out in every tab of the shop and
 * removes its conversation from this browser first: the next person at a shared computer
 * never sees it, and no tab keeps a connection for the old account.
 *
 * A guest who signs in to the shop keeps their conversation: the guest hands its room to the
 * customer's account (handOverRoom) before signing out, and the customer joins it and goes on
 * there, on this device and (through their bookmarks) every other. `handOver.body` is the line
 * the team reads ("Signed in to the shop as Mei Lin"); `handOver.adopted` is told the room.
 */
export async function startShopper(
  configBase: string,
  user: KnownShopper | null,
  handOver?: { body: string; adopted(room: string): void },
): Promise<string> {
  setConfigBase(configBase);
  await restore();
  const known = currentAccount();
  const { domain } = await loadConfig();
  const guest = !!known?.startsWith('guest-') && known.endsWith(`@${domain}`);
  if (known && (user ? known === user.jid : guest)) return known;
  const handed =
    user && guest && handOver
      ? await handOverRoom(user.jid, handOver.body).catch(() => null)
      : null;
  if (known) await signOut({ forget: true });
  if (user) {
    await signInCustomer(user);
    if (handed) {
      await requestJoin(currentDb(), { jid: handed, nick: guestLocal(user.jid), autojoin: true });
      handOver?.adopted(handed);
    }
    return currentAccount() ?? user.jid;
  }
  const address = `guest-${randomId(8)}@${domain}`;
  await signIn(address, randomId(16), { register: true, remember: true });
  return currentAccount() ?? address;
}

/**
 * Sign the known customer in with a fresh credential from the shop's backend. Throws
 * ShopperError when the backend vouches for someone else; the server's refusal of the
 * password comes as ConnectError('auth').
 */
export async function signInCustomer(user: KnownShopper): Promise<void> {
  const c = await user.credential();
  if (c.jid.toLowerCase() !== user.jid)
    throw new ShopperError('the shop vouched for another customer');
  await signIn(c.jid, c.password, { remember: true });
}

/** How long a guest waits for its room to take the hand-over before it signs out anyway. */
const HAND_OVER_MS = 15_000;

/** A room the guest is out of for good: nothing to hand over. */
const GONE = new Set<Room['status']>(['destroyed', 'left', 'kicked', 'banned']);

/**
 * The guest hands its room to `customer`, the shop account it signs in as: the guest (the
 * room's owner) makes the customer a member (the room is members-only), and says so in the
 * room with `body` and a hand-over the team's Parley believes from the guest only
 * (engine/supportClaims.ts). The shop's sign-in is often a new page, so the room may be
 * being joined again: that is waited for first. Resolves with the room once the room has
 * both, or null (no room, refused, or not done within HAND_OVER_MS, offline included): the
 * conversation then stays with the team, and the customer starts a new one.
 */
export async function handOverRoom(
  customer: string,
  body: string,
  ms = HAND_OVER_MS,
): Promise<string | null> {
  const db = currentDb();
  const account = currentAccount();
  const room = account ? await ownRoomIn(db, account) : null;
  if (!room) return null;
  const deadline = Date.now() + ms;
  const joined = () =>
    db.rooms
      .get(room)
      .then((r) => (!r || GONE.has(r.status) ? ('failed' as const) : r.status === 'joined'));
  if (!(await waitFor(joined, deadline))) return null;
  await addTask(db, { kind: 'setAffiliation', room, jid: customer, affiliation: 'member' });
  const id = await queueOwnMessage(room, body, { handover: customer });
  const done = () =>
    Promise.all([
      db.messages.get(id),
      db.tasks.filter((t) => t.kind === 'setAffiliation' && t.room === room).count(),
    ]).then(([m, waiting]) =>
      m?.state === 'failed' ? ('failed' as const) : m?.state === 'delivered' && !waiting,
    );
  return (await waitFor(done, deadline)) ? room : null;
}

/**
 * Whether `query` (read live) says true before `deadline`; false at the deadline, when it
 * says 'failed', or when it cannot be read.
 */
function waitFor(query: () => Promise<boolean | 'failed'>, deadline: number): Promise<boolean> {
  return new Promise((resolve) => {
    let sub: { unsubscribe(): void } | undefined;
    let over = false;
    const finish = (ok: boolean) => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      sub?.unsubscribe();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), Math.max(0, deadline - Date.now()));
    sub = liveQuery(query).subscribe({
      next: (state) => {
        if (state === 'failed') finish(false);
        else if (state) finish(true);
      },
      error: () => finish(false),
    });
    if (over) sub.unsubscribe();
  });
}

/**
 * The shopper's room: the one named after their account, or one handed to them (a guest who
 * signed in); of several, the one with the newest message, where they are talking now.
 */
async function ownRoomIn(db: AccountDb, account: string): Promise<string | null> {
  const prefix = `${guestLocal(account)}@`;
  const gone = new Set<Room['status']>(['destroyed', 'left', 'kicked', 'banned', 'error']);
  const rooms = (await db.rooms.toArray()).filter((r) =>
    r.jid.startsWith(prefix) ? r.status !== 'destroyed' : !gone.has(r.status),
  );
  if (rooms.length <= 1) return rooms[0]?.jid ?? null;
  const convs = await db.conversations.bulkGet(rooms.map((r) => r.jid));
  let best: { jid: string; at: number; own: boolean } | null = null;
  for (const [i, r] of rooms.entries()) {
    const c = { jid: r.jid, at: convs[i]?.lastAt ?? 0, own: r.jid.startsWith(prefix) };
    if (!best || c.at > best.at || (c.at === best.at && c.own && !best.own)) best = c;
  }
  return best?.jid ?? null;
}

/** The shopper's support room, if they have written before (from this browser's mirror). */
export async function findSupportRoom(): Promise<string | null> {
  const account = currentAccount();
  return account ? ownRoomIn(currentDb(), account) : null;
}

/**
 * The same, live: on a customer's second device the room comes in with their bookmarks,
 * after the sign-in.
 */
export function ownSupportRoomQuery() {
  const db = currentDb();
  const account = currentAccount();
  return () => (account ? ownRoomIn(db, account) : Promise.resolve(null));
}

/**
 * Create the shopper's room (members-only, persistent, archived, hidden): made on the first
 * message, not on opening the widget, so agents are not called for shoppers who only looked.
 */
export async function openSupportRoom(name: string): Promise<string> {
  const found = await findSupportRoom();
  if (found) return found;
  const account = currentAccount();
  if (!account) throw new Error('not signed in');
  const service =
    (await engineCall('mucService').catch(() => null)) ??
    `conference.${(await loadConfig()).domain}`;
  const local = guestLocal(account);
  const jid = `${local}@${service}`;
  await requestJoin(currentDb(), {
    jid,
    nick: local,
    autojoin: true,
    name,
    create: {
      name,
      persistent: true,
      membersOnly: true,
      allowInvites: false,
      archive: true,
      public: false,
      // Everyone sees real JIDs: how the team's clients tell a real claim from a forged one.
      nonAnonymous: true,
    },
  });
  return jid;
}

/** The shopper's details; `by` only on rows the engine believed (the vouched sender). */
export type PrechatDetails = { name?: string; email?: string; order?: string; by?: string };

/**
 * The pre-chat form, sent before the shopper's first message: `body` is the readable block
 * every client shows, the details go beside it as structured data for Parley.
 */
export async function sendPrechat(
  roomName: string,
  details: PrechatDetails,
  body: string,
): Promise<string> {
  const room = await openSupportRoom(roomName);
  return queueOwnMessage(room, body, { prechat: details });
}

/**
 * A product or order card the shop's page shared (already checked: shared/supportCard.ts),
 * with `body`, its plain text for any client. Opens the room if this is the first message.
 */
export async function sendCard(roomName: string, card: SupportCard, body: string) {
  const room = await openSupportRoom(roomName);
  return queueOwnMessage(room, body, { card });
}

/**
 * The shopper's pre-chat details in the room (the newest believed ones: a guest who signed in
 * to the shop sends the customer's after the guest's), or null.
 */
export async function roomPrechat(room: string): Promise<PrechatDetails | null> {
  const m = await currentDb()
    .messages.where('[peer+at]')
    .between([room, -Infinity], [room, Infinity])
    .reverse()
    .filter((row) => row.prechat !== undefined)
    .first();
  return m?.prechat ?? null;
}

/** Send to the support room (created first if this is the shopper's first message). */
export async function sendToSupport(name: string, body: string): Promise<string> {
  const room = await openSupportRoom(name);
  return sendMessage(room, body);
}

/** Why a file was not queued: over the server's limit, empty, or the server takes no files. */
export type SupportFileRefusal =
  | { problem: 'too-large'; limitBytes: number }
  | { problem: 'empty' }
  | { problem: 'no-service' };

/**
 * A file the shopper chose, pasted or dropped, into their room (created first if this is the
 * first message); a picture goes as a smaller copy. It shows at once with its progress and is
 * uploaded by the tab that holds the connection (the app's upload queue). Resolves with the
 * message's id, or with why it was not queued (then nothing was stored and no room was made).
 */
export async function sendFileToSupport(
  name: string,
  input: Blob & { name?: string },
): Promise<{ id: string } | SupportFileRefusal> {
  if (input.size === 0) return { problem: 'empty' };
  // Unknown (offline, or no answer): queued anyway, and the upload checks again.
  const service = await engineCall('uploadService').catch(() => undefined);
  if (service === null) return { problem: 'no-service' };
  const prepared = await prepareFile(input, { smaller: true });
  const fits = checkSize(prepared.blob.size, service?.maxFileSize);
  if (!fits.ok) return { problem: 'too-large', limitBytes: fits.limitBytes };
  const room = await openSupportRoom(name);
  return { id: await sendFile(room, prepared, service?.maxFileSize) };
}

/**
 * Invite the agents not invited yet, once the room exists and says it is members-only: the
 * room's invitation makes each a member (XEP-0045 §7.8.2), and the server keeps it for an
 * agent who is offline. Remembered per room in localStorage; a repeat is harmless.
 */
export async function inviteAgents(room: Room, agents: string[], reason: string) {
  if (room.status !== 'joined' || !room.features?.membersOnly) return;
  const key = INVITED + room.jid;
  const done = new Set((localStorage.getItem(key) ?? '').split(' ').filter(Boolean));
  const todo = agents.filter((a) => !done.has(a));
  if (!todo.length) return;
  for (const to of todo) {
    await addTask(currentDb(), { kind: 'roomInvite', room: room.jid, to, reason });
    done.add(to);
  }
  localStorage.setItem(key, [...done].join(' '));
}

/** The shopper rates the conversation the team closed (`body`: "Rated 4/5: …" for any client). */
export async function sendRating(
  room: string,
  rating: { stars: number; comment?: string },
  body: string,
) {
  return queueOwnMessage(room, body, {
    rating: rating.comment
      ? { stars: rating.stars, comment: rating.comment }
      : { stars: rating.stars },
  });
}

export interface SupportOutcome {
  /** When the team last closed it, if the shopper has not written since (it reopens then). */
  closedAt: number | null;
  /** The shopper's newest rating. */
  rating: { stars: number; comment?: string; at: number } | null;
  /** Closed and not rated since: the widget asks. */
  awaitsRating: boolean;
}

/**
 * Whether the conversation is closed and how the shopper rated it, from the believed rows
 * (the engine keeps `closed` only from the team and `rating` only from the shopper).
 */
export async function supportOutcome(room: string): Promise<SupportOutcome> {
  const shopper = room.split('@')[0] ?? '';
  const own = currentAccount();
  const mine = own ? guestLocal(own) === shopper : false;
  const rows = await currentDb()
    .messages.where('[peer+at]')
    .between([room, -Infinity], [room, Infinity])
    .toArray();
  let closedAt: number | null = null;
  let rating: SupportOutcome['rating'] = null;
  let wroteAt = -Infinity;
  for (const m of rows) {
    const byShopper = m.direction === 'out' ? mine : m.nick === shopper;
    if (m.closed) closedAt = m.at;
    else if (m.rating && byShopper) rating = { ...m.rating, at: m.at };
    else if (byShopper && !m.hidden) wroteAt = m.at;
  }
  if (closedAt !== null && wroteAt > closedAt) closedAt = null;
  return { closedAt, rating, awaitsRating: closedAt !== null && (rating?.at ?? -1) < closedAt };
}

export function supportOutcomeQuery(room: string) {
  return () => supportOutcome(room);
}

// Reads for live queries.

export function supportRoomQuery(room: string) {
  const db = currentDb();
  return () => db.rooms.get(room);
}

/** This tab holds the shop's one connection (so it, of all the shop's tabs, plays the chime). */
export const tabHoldsConnection = () => holdsConnection();

/** Who of the team is typing in the shopper's room now (their nicknames). */
export function supportTypingQuery(room: string) {
  const db = currentDb();
  return async () => typingNow(await db.conversations.get(room));
}

/** Who else is in the room: the agents on duty who joined it. */
export function agentsHereQuery(room: string, ownNick: string) {
  const db = currentDb();
  return async (): Promise<Occupant[]> =>
    (await db.occupants.where('room').equals(room).toArray()).filter(
      (o) => o.nick !== ownNick && o.role !== 'none',
    );
}

export function supportUnreadQuery(room: string) {
  const db = currentDb();
  return async () => (await db.conversations.get(room))?.unread ?? 0;
}

/**
 * The newest `limit` messages of the room, oldest first. In a room a guest handed to this
 * account (they signed in to the shop), what the guest wrote is the shopper's own too.
 */
export function supportMessagesQuery(room: string, limit = 100) {
  const db = currentDb();
  const account = currentAccount();
  const guest = guestLocal(room);
  return async () => {
    const [rows, r] = await Promise.all([
      db.messages
        .where('[peer+at]')
        .between([room, -Infinity], [room, Infinity])
        .reverse()
        .limit(limit)
        .toArray(),
      db.rooms.get(room),
    ]);
    const handed = !!account && !!r?.handedTo?.includes(account);
    return rows
      .reverse()
      .map((m) =>
        handed && m.direction === 'in' && m.nick === guest
          ? { ...m, direction: 'out' as const }
          : m,
      );
  };
}

/** Who takes care of the room now: the newest claim the engine believed, or null. */
export async function latestClaim(
  room: string,
): Promise<{ agent: string; name: string; at: number } | null> {
  const m = await currentDb()
    .messages.where('[peer+at]')
    .between([room, -Infinity], [room, Infinity])
    .reverse()
    .filter((row) => row.claim !== undefined)
    .first();
  return m?.claim ? { ...m.claim, at: m.at } : null;
}

export function supportClaimQuery(room: string) {
  return () => latestClaim(room);
}

export function supportConnectionQuery() {
  const db = currentDb();
  return () => getMeta(db, 'connection');
}

import type { AccountDb } from '../db';
import { buildCarbonsEnable, buildUnregister, domainOf } from '../xmpp';
import type { XmppSession } from '../xmpp/session';
import { createArchive } from './archive';
import { createBlocking } from './blocking';
import { createCapsResponder } from './caps';
import { createChatSync } from './chatSync';
import { type ConnectivityOptions, createConnectivity, DEFAULT_CONNECTIVITY } from './connectivity';
import { consoleLog, type EngineContext } from './context';
import { createDispatch } from './dispatch';
import { createMessages } from './messages';
import { createOutbox } from './outbox';
import { createPeople } from './people';
import { createPresence } from './presence';
import { createRooms, discoverMucService, roomDirectory } from './rooms';
import { createRoster } from './roster';
import { createSearchBackfill } from './searchBackfill';
import { createTasks } from './tasks';
import { createUploads, type UploadOptions } from './upload/runner';

/** A catch-up that failed while online is tried again this often, this many times. */
const CATCH_UP_RETRY_MS = 5_000;
const CATCH_UP_RETRIES = 3;

export type { UploadFailure } from './upload/runner';

/** The server's file upload service (XEP-0363), as the app sees it. */
export interface UploadService {
  jid: string;
  maxFileSize?: number; // bytes, when the service says
}

export interface Engine {
  /** The server's file upload service and its size limit (XEP-0363); null when it has none. */
  uploadService(): Promise<UploadService | null>;
  /** The server's group-chat service (XEP-0045), e.g. conference.example.com; null when none. */
  mucService(): Promise<string | null>;
  /** The rooms a group-chat service lists (disco#items). */
  roomDirectory(service: string): Promise<Array<{ jid: string; name?: string }>>;
  /** Whether our server takes a spam report with a block (XEP-0377). */
  canReport(): Promise<boolean>;
  /** Delete the account on the server (XEP-0077); rejects with the server's refusal. */
  deleteAccount(): Promise<void>;
  stop(): void;
}

/** Wire a live session to the account's database. Runs in the one tab that holds the session. */
export function startEngine(opts: {
  db: AccountDb;
  session: XmppSession;
  account: string;
  log?: EngineContext['log'];
  connectivity?: Partial<ConnectivityOptions>;
  uploads?: UploadOptions;
  /** How long a catch-up that failed while online waits before it is tried again. */
  catchUpRetryMs?: number;
}): Engine {
  const ctx: EngineContext = {
    db: opts.db,
    session: opts.session,
    account: opts.account.toLowerCase(),
    log: opts.log ?? consoleLog,
  };
  // Each part is made after the parts it calls, so that none holds a closure over one not made
  // yet. The one exception is the pair archive and rooms, which call each other: a room's
  // archive is read by the archive service, which asks the rooms where each room's copy stands.
  const blocking = createBlocking(ctx);
  ctx.isBlocked = blocking.isBlocked;
  const caps = createCapsResponder(ctx);
  const people = createPeople(ctx);
  const roster = createRoster(ctx);
  const outbox = createOutbox(ctx);
  const archive = createArchive(ctx, () => rooms.archive);
  const messages = createMessages(ctx, { liveStanzaId: (id) => archive.noteLive(id) });
  // A room's messages wait for its join: then the outbox tries them again.
  const rooms = createRooms(ctx, {
    joined: () => outbox.kick(),
    catchUp: (jid) => archive.catchUpRoom(jid),
  });
  // Going invisible takes us out of every room (see rooms.expectExit): they are entered again.
  const presence = createPresence(ctx, { beforeUnavailable: () => rooms.expectExit() });
  const chatSync = createChatSync(ctx);
  const tasks = createTasks(ctx, {
    roster,
    presence,
    archive,
    rooms,
    people,
    blocking,
    chatSync,
  });
  const uploads = createUploads(ctx, opts.uploads);
  let mucService: Promise<string | null> | null = null;
  const connectivity = createConnectivity(ctx, { ...DEFAULT_CONNECTIVITY, ...opts.connectivity });
  // Messages stored before the search index existed (db/search/backfill.ts).
  const searchBackfill = createSearchBackfill(ctx);

  // Every incoming stanza: parsed once, then to the one handler for its kind.
  const { queue, stop: offStanza } = createDispatch(ctx, {
    roster,
    messages,
    archive,
    presence,
    rooms,
    people,
    chatSync,
    isBlocked: blocking.isBlocked,
  });

  // Whether the stream now up had its new-session set-up (roster, presence, carbons). A link
  // cut during it (the roster request fails) leaves it undone; a stream resumed afterwards has
  // never sent its presence, so the server would route no message to it and nothing would be
  // acknowledged: the set-up is done then, resumed or not.
  let setUp = false;
  let online = false;
  // A catch-up that failed while online (a timeout) is tried again a few times; one cut off by
  // the link is tried again when the session is back, resumed or not (see archive.caughtUp).
  let catchUpRetry: ReturnType<typeof setTimeout> | undefined;
  function catchUp(retries = CATCH_UP_RETRIES) {
    clearTimeout(catchUpRetry);
    archive.catchUp().catch((err) => {
      ctx.log('archive catch-up failed', err);
      if (online && retries > 0)
        catchUpRetry = setTimeout(
          () => online && catchUp(retries - 1),
          opts.catchUpRetryMs ?? CATCH_UP_RETRY_MS,
        );
    });
  }
  async function onSession(resumed: boolean) {
    const fresh = !resumed || !setUp;
    if (!resumed) {
      outbox.newStream();
      archive.newSession();
    }
    if (fresh) {
      setUp = false;
      performance.mark('parley:roster:request');
      await roster.fetch();
      performance.mark('parley:roster:stored');
      // Before our presence: nothing from a blocked address may come in unchecked.
      await blocking.fetch().catch((err) => ctx.log('blocklist not fetched', err));
      await presence.onNewSession();
      await ctx.session
        .request(buildCarbonsEnable())
        .catch((err) => ctx.log('carbons not enabled', err));
      setUp = true;
      await rooms.beforeSession().catch((err) => ctx.log('room states not reset', err));
      // Before the tasks run: a change made here offline is merged against the server's first.
      await chatSync.fetch().catch((err) => ctx.log('chat choices not fetched', err));
    }
    online = true;
    outbox.setOnline(true);
    tasks.setOnline(true);
    uploads.setOnline(true);
    connectivity.online();
    void rooms.onSession(!fresh).catch((err) => ctx.log('rooms not joined', err));
    // A new session may have missed messages (a dead link, a server restart): the archive has
    // them. So may a resumed one whose catch-up was cut off: its answers were refused since.
    if (fresh || !archive.caughtUp()) catchUp();
  }

  const offOnline = ctx.session.onOnline((resumed) => queue(() => onSession(resumed)));
  const offStatus = ctx.session.onStatus((status) => {
    if (status === 'online') return; // reported once the session is set up, in onSession
    online = false;
    clearTimeout(catchUpRetry);
    outbox.setOnline(false);
    tasks.setOnline(false);
    uploads.setOnline(false);
    rooms.offline();
  });

  // The session handed to us is already online.
  queue(() => onSession(false));

  return {
    uploadService: () => uploads.uploadService(),
    mucService: () => {
      mucService ??= discoverMucService(ctx).catch((err) => {
        mucService = null;
        throw err;
      });
      return mucService;
    },
    roomDirectory: (service) => roomDirectory(ctx, service),
    canReport: () => blocking.canReport(),
    async deleteAccount() {
      await ctx.session.request(buildUnregister(domainOf(ctx.account)));
      // Gone on the server: its closing of our stream is not a drop to recover from.
      connectivity.stop();
    },
    stop() {
      clearTimeout(catchUpRetry);
      offStanza();
      offOnline();
      offStatus();
      blocking.stop();
      caps.stop();
      outbox.stop();
      archive.stop();
      tasks.stop();
      uploads.stop();
      rooms.stop();
      connectivity.stop();
      searchBackfill.stop();
    },
  };
}

import type { AccountDb } from '../db';
import { buildCarbonsEnable } from '../xmpp';
import type { XmppSession } from '../xmpp/session';
import { createArchive } from './archive';
import { type ConnectivityOptions, createConnectivity, DEFAULT_CONNECTIVITY } from './connectivity';
import { consoleLog, type EngineContext } from './context';
import { createDispatch } from './dispatch';
import { createMessages } from './messages';
import { createOutbox } from './outbox';
import { createPresence } from './presence';
import { createRooms, discoverMucService, roomDirectory } from './rooms';
import { createRoster } from './roster';
import { createTasks } from './tasks';
import { createUploads, type UploadOptions } from './upload/runner';

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
}): Engine {
  const ctx: EngineContext = {
    db: opts.db,
    session: opts.session,
    account: opts.account.toLowerCase(),
    log: opts.log ?? consoleLog,
  };
  const roster = createRoster(ctx);
  // Going invisible takes us out of every room (see rooms.expectExit): they are entered again.
  const presence = createPresence(ctx, { beforeUnavailable: () => rooms.expectExit() });
  const archive = createArchive(ctx, () => rooms.archive);
  const messages = createMessages(ctx, { liveStanzaId: (id) => archive.noteLive(id) });
  // A room's messages wait for its join: then the outbox tries them again.
  const rooms = createRooms(ctx, {
    joined: () => outbox.kick(),
    catchUp: (jid) => archive.catchUpRoom(jid),
  });
  const outbox = createOutbox(ctx, rooms);
  const tasks = createTasks(ctx, { roster, presence, archive, rooms });
  const uploads = createUploads(ctx, opts.uploads);
  let mucService: Promise<string | null> | null = null;
  const connectivity = createConnectivity(ctx, { ...DEFAULT_CONNECTIVITY, ...opts.connectivity });

  // Every incoming stanza: parsed once, then to the one handler for its kind.
  const { queue, stop: offStanza } = createDispatch(ctx, { messages, archive, presence, rooms });

  // Whether the stream now up had its new-session set-up (roster, presence, carbons). A link
  // cut during it (the roster request fails) leaves it undone; a stream resumed afterwards has
  // never sent its presence, so the server would route no message to it and nothing would be
  // acknowledged: the set-up is done then, resumed or not.
  let setUp = false;
  async function onSession(resumed: boolean) {
    const fresh = !resumed || !setUp;
    if (fresh) {
      setUp = false;
      performance.mark('parley:roster:request');
      await roster.fetch();
      performance.mark('parley:roster:stored');
      await presence.onNewSession();
      await ctx.session
        .request(buildCarbonsEnable())
        .catch((err) => ctx.log('carbons not enabled', err));
      setUp = true;
    }
    outbox.setOnline(true, resumed);
    tasks.setOnline(true);
    uploads.setOnline(true);
    connectivity.online();
    void rooms.onSession(!fresh).catch((err) => ctx.log('rooms not joined', err));
    // A new session may have missed messages (a dead link, a server restart): the archive has them.
    if (fresh) void archive.catchUp().catch((err) => ctx.log('archive catch-up failed', err));
  }

  const offOnline = ctx.session.onOnline((resumed) => queue(() => onSession(resumed)));
  const offStatus = ctx.session.onStatus((status) => {
    if (status === 'online') return; // reported once the session is set up, in onSession
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
    stop() {
      offStanza();
      offOnline();
      offStatus();
      roster.stop();
      outbox.stop();
      archive.stop();
      tasks.stop();
      uploads.stop();
      rooms.stop();
      connectivity.stop();
    },
  };
}

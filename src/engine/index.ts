import { type AccountDb, trace } from '../db';
import type { UploadService } from '../xmpp';
import {
  bareJid,
  buildCarbonsEnable,
  type ChatMessage,
  parseCarbon,
  parseMessage,
  parseMucPresence,
  parsePresence,
  type XmlElement,
} from '../xmpp';
import type { XmppSession } from '../xmpp/session';
import { createArchive } from './archive';
import { type ConnectivityOptions, createConnectivity, DEFAULT_CONNECTIVITY } from './connectivity';
import { consoleLog, type EngineContext } from './context';
import { createMessages, type Source } from './messages';
import { createOutbox } from './outbox';
import { createPresence } from './presence';
import { createRooms, discoverMucService, roomDirectory } from './rooms';
import { createRoster } from './roster';
import { createTasks } from './tasks';
import { createUploads, type UploadOptions } from './upload/runner';

export type { UploadService } from '../xmpp';
export type { ConnectErrorCode, XmppSession } from '../xmpp/session';
export { ConnectError } from '../xmpp/session';
export type { ConnectivityOptions } from './connectivity';
export { openSession, type SessionOptions } from './gateway';
export { createRetry, onWakeSignals } from './retry';
export { kindOf, typeFromName } from './upload/attachment';
export { checkSize, MEDIA_CACHE_BYTES } from './upload/limits';
export { cleanFileName, isInlineSafeType } from './upload/names';
export type { UploadFailure } from './upload/runner';

export interface Engine {
  /** The server's file upload service and its size limit (XEP-0363); null when it has none. */
  uploadService(): Promise<UploadService | null>;
  /** The server's group-chat service (XEP-0045), e.g. conference.example.com; null when none. */
  mucService(): Promise<string | null>;
  /** The rooms a group-chat service lists (disco#items). */
  roomDirectory(service: string): Promise<Array<{ jid: string; name?: string }>>;
  stop(): void;
}

/** Messages stored together at most; a burst of 1,000 goes in ten transactions. */
const MAX_BATCH = 100;

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
  const archive = createArchive(ctx, { isRoom: (jid) => rooms.isRoom(jid) });
  const messages = createMessages(ctx, { liveStanzaId: (id) => archive.noteLive(id) });
  // A room's messages wait for its join: then the outbox tries them again.
  const rooms = createRooms(ctx, { joined: () => outbox.kick() });
  const outbox = createOutbox(ctx, rooms);
  const tasks = createTasks(ctx, { roster, presence, archive, rooms });
  const uploads = createUploads(ctx, opts.uploads);
  let mucService: Promise<string | null> | null = null;
  const connectivity = createConnectivity(ctx, { ...DEFAULT_CONNECTIVITY, ...opts.connectivity });

  // Stanzas are handled one at a time, in arrival order, so writes never race each other.
  let chain: Promise<void> = Promise.resolve();
  // One-to-one messages that arrive while earlier work runs wait together and are handled as
  // one batch (messages.handleMany: plain ones share a transaction and a screen update);
  // anything else queued closes the batch, so the order between kinds of stanza is kept.
  type ChatItem = { msg: ChatMessage; source: Source; el?: XmlElement };
  let open: ChatItem[] | null = null;
  const queue = (work: () => Promise<void>) => {
    open = null;
    chain = chain.then(work).catch((err) => ctx.log('stanza handler failed', err));
  };
  const queueChat = (item: ChatItem) => {
    // A batch is also bounded, so that the work between two IndexedDB round trips (parsing
    // and preparing rows, all in microtasks) stays well under one 50 ms frame budget.
    if (open && open.length < MAX_BATCH) {
      open.push(item);
      return;
    }
    const batch: ChatItem[] = [item];
    queue(async () => {
      if (open === batch) open = null;
      const plain: ChatItem[] = [];
      for (const it of batch) {
        // Invitations come as messages too.
        if (it.el && (await rooms.handleMessage(it.msg, it.el))) continue;
        plain.push(it);
      }
      if (plain.length) await messages.handleMany(plain);
      for (const it of plain) trace('stored', it.msg.id);
    });
    open = batch;
  };

  function onMessage(el: XmlElement) {
    // Archive results are collected at once, so they are all in before their query's answer.
    if (rooms.collect(el)) return;
    if (archive.collect(el)) return;
    const carbon = parseCarbon(el);
    if (carbon) {
      // Trust: carbons only from our own bare JID, and never a room message.
      if (
        (carbon.outerFrom !== '' && carbon.outerFrom !== ctx.account) ||
        carbon.message.type === 'groupchat'
      )
        return ctx.log('carbon refused', el.toString().slice(0, 300));
      // Private messages in rooms go to the resource that is in the room, not by carbon.
      if (rooms.isRoom(bareJid(carbon.message.from)) || rooms.isRoom(bareJid(carbon.message.to)))
        return;
      const source = carbon.direction === 'sent' ? 'carbon-sent' : 'carbon-received';
      return queueChat({ msg: carbon.message, source });
    }
    const msg = parseMessage(el);
    if (!msg) return ctx.log('message dropped', el.toString().slice(0, 300));
    trace('in', msg.id);
    // <forwarded/> on its own is never trusted: parseMessage reads only the outer stanza.
    if (!rooms.isRoom(bareJid(msg.from))) return queueChat({ msg, source: 'live', el });
    queue(async () => {
      if (await rooms.handleMessage(msg, el)) return;
      await messages.handle(msg);
    });
  }

  const offStanza = ctx.session.onStanza((el) => {
    if (el.name === 'message') onMessage(el);
    else if (el.name === 'presence') {
      // A room's presences are about its occupants, never about our contacts.
      if (rooms.isRoom(bareJid(el.attrs['from'] ?? ''))) {
        const mp = parseMucPresence(el, { fromRoom: true });
        if (!mp) return ctx.log('room presence dropped', el.toString().slice(0, 300));
        return queue(() => rooms.handlePresence(mp));
      }
      const p = parsePresence(el);
      if (!p) return ctx.log('presence dropped', el.toString().slice(0, 300));
      queue(() => presence.handle(p));
    }
  });

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

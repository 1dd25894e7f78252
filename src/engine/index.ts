import { type AccountDb, setMeta } from '../db';
import { parseMessage, parsePresence } from '../xmpp';
import type { XmppSession } from '../xmpp/session';
import { consoleLog, type EngineContext } from './context';
import { createMessages } from './messages';
import { createOutbox } from './outbox';
import { createPresence } from './presence';
import { createRoster } from './roster';
import { createTasks } from './tasks';

export type { ConnectErrorCode, XmppSession } from '../xmpp/session';
export { ConnectError } from '../xmpp/session';
export { openSession, type SessionOptions } from './gateway';

export interface Engine {
  stop(): void;
}

/** Wire a live session to the account's database. Runs in the one tab that holds the session. */
export function startEngine(opts: {
  db: AccountDb;
  session: XmppSession;
  account: string;
  log?: EngineContext['log'];
}): Engine {
  const ctx: EngineContext = {
    db: opts.db,
    session: opts.session,
    account: opts.account.toLowerCase(),
    log: opts.log ?? consoleLog,
  };
  const roster = createRoster(ctx);
  const presence = createPresence(ctx);
  const messages = createMessages(ctx);
  const outbox = createOutbox(ctx);
  const tasks = createTasks(ctx, { roster, presence });

  // Stanzas are handled one at a time, in arrival order, so writes never race each other.
  let chain: Promise<void> = Promise.resolve();
  const queue = (work: () => Promise<void>) => {
    chain = chain.then(work).catch((err) => ctx.log('stanza handler failed', err));
  };

  const offStanza = ctx.session.onStanza((el) => {
    if (el.name === 'message') {
      const msg = parseMessage(el);
      if (!msg) return ctx.log('message dropped', el.toString());
      queue(() => messages.handle(msg));
    } else if (el.name === 'presence') {
      const p = parsePresence(el);
      if (!p) return ctx.log('presence dropped', el.toString());
      queue(() => presence.handle(p));
    }
  });

  const setConnection = (status: 'online' | 'connecting' | 'offline', error?: string) =>
    setMeta(ctx.db, 'connection', { status, at: Date.now(), ...(error ? { error } : {}) });

  async function onSession(resumed: boolean) {
    if (!resumed) {
      performance.mark('parley:roster:request');
      await roster.fetch();
      performance.mark('parley:roster:stored');
      await presence.onNewSession();
    }
    outbox.setOnline(true, resumed);
    tasks.setOnline(true);
    await setConnection('online');
  }

  const offOnline = ctx.session.onOnline((resumed) => queue(() => onSession(resumed)));
  const offStatus = ctx.session.onStatus((status, error) => {
    if (status === 'online') return; // reported once the session is set up, in onSession
    outbox.setOnline(false);
    tasks.setOnline(false);
    void setConnection(status, error);
  });

  // The session handed to us is already online.
  queue(() => onSession(false));

  return {
    stop() {
      offStanza();
      offOnline();
      offStatus();
      roster.stop();
      outbox.stop();
      tasks.stop();
    },
  };
}

// An incoming stanza, from the session to the part of the engine that owns it: parsed once
// (xmpp/ parseIncoming, which also applies the trust rules that need only our address), then
// handed to the one handler for its kind. Handlers run one at a time, in arrival order, so
// writes never race each other.
import { trace } from '../db';
import { type ChatMessage, type Incoming, type IncomingKind, parseIncoming } from '../xmpp';
import type { EngineContext } from './context';
import type { Source } from './messages';

type ChatItem = { msg: ChatMessage; source: Source };

/** Messages stored together at most; a burst of 1,000 goes in ten transactions. */
const MAX_BATCH = 100;

type Handlers = { [K in IncomingKind]: (record: Extract<Incoming, { kind: K }>) => void };

export interface DispatchParts {
  messages: { handleMany(items: readonly ChatItem[]): Promise<void> };
  archive: {
    collect(
      result: Extract<Incoming, { kind: 'mamResult' }>['result'],
    ): 'taken' | 'refused' | 'room refused';
  };
  presence: { handle(p: Extract<Incoming, { kind: 'presence' }>['presence']): Promise<void> };
  rooms: {
    isRoom(jid: string): boolean;
    handlePresence(p: Extract<Incoming, { kind: 'roomPresence' }>['presence']): Promise<void>;
    handleGroupchat(r: Extract<Incoming, { kind: 'groupchat' }>): Promise<void>;
    handlePrivate(r: Extract<Incoming, { kind: 'roomPrivate' }>): Promise<void>;
    handleError(r: Extract<Incoming, { kind: 'error' }> & { room: string }): Promise<void>;
    handleInvitation(r: Extract<Incoming, { kind: 'invitation' }>): Promise<void>;
  };
}

/** Subscribes to the session's stanzas; `queue` runs other engine work in the same order. */
export function createDispatch(ctx: EngineContext, parts: DispatchParts) {
  const { messages, archive, presence, rooms } = parts;

  let chain: Promise<void> = Promise.resolve();
  // One-to-one messages that arrive while earlier work runs wait together and are handled as
  // one batch (messages.handleMany: plain ones share a transaction and a screen update);
  // anything else queued closes the batch, so the order between kinds of stanza is kept.
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
      await messages.handleMany(batch);
      for (const it of batch) trace('stored', it.msg.id);
    });
    open = batch;
  };
  const live = (r: { message: ChatMessage }) => {
    trace('in', r.message.id);
    queueChat({ msg: r.message, source: 'live' });
  };

  const handlers: Handlers = {
    chat: live,
    receipt: live,
    marker: live,
    chatState: live,
    error: (r) => {
      trace('in', r.message.id);
      const { room } = r;
      if (room !== undefined) queue(() => rooms.handleError({ ...r, room }));
      else queueChat({ msg: r.message, source: 'live' });
    },
    carbon: ({ carbon }) => {
      const source: Source = carbon.direction === 'sent' ? 'carbon-sent' : 'carbon-received';
      queueChat({ msg: carbon.message, source });
    },
    // Collected at once, not queued: all of a page is in before its query's answer.
    mamResult: (r) => {
      const verdict = archive.collect(r.result);
      if (verdict !== 'taken')
        ctx.log(`${verdict === 'room refused' ? 'room ' : ''}archive result refused`, r.excerpt());
    },
    groupchat: (r) => {
      trace('in', r.message.id);
      queue(() => rooms.handleGroupchat(r));
    },
    roomPrivate: (r) => {
      trace('in', r.message.id);
      queue(() => rooms.handlePrivate(r));
    },
    invitation: (r) => queue(() => rooms.handleInvitation(r)),
    presence: (r) => queue(() => presence.handle(r.presence)),
    roomPresence: (r) => queue(() => rooms.handlePresence(r.presence)),
    // IQs are answered where they are registered (session.onIq: the roster's push handler)
    // or by the request() waiting for them: nothing more to do with them here.
    rosterPush: () => {},
    iq: () => {},
    // Bookmarks are read on each new session (rooms.onSession); a change made on another
    // device while this one is online is taken then.
    pepEvent: () => {},
    unknown: (r) => ctx.log(`stanza dropped: ${r.reason}`, r.excerpt()),
  };

  function dispatch(record: Incoming) {
    (handlers[record.kind] as (r: Incoming) => void)(record);
  }

  const off = ctx.session.onStanza((el) =>
    dispatch(parseIncoming(el, { account: ctx.account, isRoom: rooms.isRoom })),
  );

  return { queue, stop: off };
}

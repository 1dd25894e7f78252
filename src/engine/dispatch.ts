// An incoming stanza, from the session to the part of the engine that owns it: parsed once
// (xmpp/ parseIncoming, which also applies the trust rules that need only our address), then
// handed to the one handler for its kind. Handlers run one at a time, in arrival order, so
// writes never race each other. An IQ request reaches us by two doors, the session's stanzas
// and its IQ answering (XmppSession.onIq); both take the same parse of it.
import { trace } from '../db';
import {
  bareJid,
  type ChatMessage,
  type Incoming,
  type IncomingKind,
  parseIncoming,
  type RosterPush,
} from '../xmpp';
import type { EngineContext } from './context';
import type { Source } from './messages';

type ChatItem = { msg: ChatMessage; source: Source };

/** Messages stored together at most; a burst of 1,000 goes in ten transactions. */
const MAX_BATCH = 100;

type Handlers = { [K in IncomingKind]: (record: Extract<Incoming, { kind: K }>) => void };

export interface DispatchParts {
  roster: { applyPush(push: RosterPush): Promise<void> };
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
  people: { handle(r: Extract<Incoming, { kind: 'profile' }>): Promise<void> };
  chatSync: { handle(e: Extract<Incoming, { kind: 'chatChoices' }>['event']): Promise<void> };
  /** XEP-0191: is this sender blocked? Their messages and presence are dropped here. */
  isBlocked(from: string): boolean;
}

/** Subscribes to the session's stanzas; `queue` runs other engine work in the same order. */
export function createDispatch(ctx: EngineContext, parts: DispatchParts) {
  const { roster, messages, archive, presence, rooms, people, chatSync, isBlocked } = parts;

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
    if (blocked(r.message.from)) return;
    trace('in', r.message.id);
    queueChat({ msg: r.message, source: 'live' });
  };

  const blocked = (from: string) => {
    if (!isBlocked(from)) return false;
    ctx.log('stanza dropped: from a blocked address', bareJid(from));
    return true;
  };

  const handlers: Handlers = {
    chat: live,
    act: live,
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
      if (carbon.direction === 'received' && blocked(carbon.message.from)) return;
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
    presence: (r) => {
      if (!blocked(r.presence.from)) queue(() => presence.handle(r.presence));
    },
    roomPresence: (r) => queue(() => rooms.handlePresence(r.presence)),
    // A room's own presence says nothing about who is in it: when a room goes away its
    // occupants' exits (status 332) say so, and those are what the rooms act on.
    roomOwnPresence: () => {},
    // IQs are answered by the session: a roster push by our handler below, an answer by the
    // request() waiting for it, anything else as unsupported. Nothing more to do here.
    rosterPush: () => {},
    iq: () => {},
    // Bookmarks are read on each new session (rooms.onSession); a change made on another
    // device while this one is online is taken then.
    pepEvent: () => {},
    // Our chat choices changed on another device (or our own publish came back).
    chatChoices: (r) => queue(() => chatSync.handle(r.event)),
    profile: (r) => queue(() => people.handle(r)),
    // Answered where it is registered (engine/blocking.ts), like roster pushes.
    blockPush: () => {},
    unknown: (r) => ctx.log(`stanza dropped: ${r.reason}`, r.excerpt()),
  };

  function dispatch(record: Incoming) {
    (handlers[record.kind] as (r: Incoming) => void)(record);
  }

  // The one parse of each stanza, whichever door it comes in by first (WeakMap: forgotten with it).
  type Stanza = Parameters<typeof parseIncoming>[0];
  const parsed = new WeakMap<Stanza, Incoming>();
  const parse = (el: Stanza): Incoming => {
    let record = parsed.get(el);
    if (!record) {
      record = parseIncoming(el, { account: ctx.account, isRoom: rooms.isRoom });
      parsed.set(el, record);
    }
    return record;
  };

  const offStanza = ctx.session.onStanza((el) => dispatch(parse(el)));
  // A roster push is answered once applied: result, or forbidden when the parse refused it (not
  // from our own account).
  const offPush = ctx.session.onIq('set', 'jabber:iq:roster', 'query', async (iq) => {
    const record = parse(iq);
    if (record.kind !== 'rosterPush') {
      ctx.log('roster push refused', record.excerpt());
      return false;
    }
    await roster.applyPush(record.push);
    return true;
  });

  return {
    queue,
    stop() {
      offStanza();
      offPush();
    },
  };
}

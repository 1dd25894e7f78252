import {
  type AccountDb,
  clearPresences,
  deleteRequest,
  getOwnPresence,
  putPresence,
  putRequest,
  removePresence,
} from '../db';
import {
  bareJid,
  buildCaps,
  buildPresence,
  buildSubscription,
  buildUnavailable,
  type PresenceUpdate,
  resourceOf,
} from '../xmpp';
import type { EngineContext } from './context';

/** Incoming presence and subscription requests, and our own presence. */
export function createPresence(ctx: EngineContext, hooks: { beforeUnavailable?: () => void } = {}) {
  const { db, session, account } = ctx;
  let sentInitial = false;
  /** An unavailable broadcast (invisible) is what the server last had from us. */
  let hidden = false;

  async function handle(p: PresenceUpdate) {
    const from = bareJid(p.from);
    if (!from || from === account) return; // our other devices: not shown as contacts
    switch (p.type) {
      case 'available':
        await putPresence(db, {
          jid: from,
          resource: resourceOf(p.from),
          show: p.show,
          priority: p.priority,
          at: Date.now(),
          ...(p.status ? { status: p.status } : {}),
        });
        return;
      case 'unavailable':
        await removePresence(db, from, resourceOf(p.from) || null);
        return;
      case 'subscribe':
        return onSubscribe(db, from, p.nick);
      case 'unsubscribe':
        // The contact stopped wanting our presence: withdraw our approval too.
        await deleteRequest(db, from);
        return;
      case 'subscribed':
        return onSubscribed(from);
      default:
        return; // unsubscribed arrives as a roster push; errors and probes are not ours
    }
  }

  /**
   * A contact approved our request. Their roster now has us, but the presence we broadcast
   * before reached their server while they had not approved us yet. ejabberd sends a person's
   * PEP events (names, pictures) only to the contacts whose presence, with its caps, reached
   * their session while they shared presence with them; without this, a mutual add made in the
   * order "they ask, we accept, we ask, they accept" left them without our nickname and
   * picture until our next presence change. So our presence goes to them once more, directly.
   * Only to someone who may see it anyway (we approved them: from or both), never while
   * invisible; a `subscribed` from anyone else changes nothing.
   */
  async function onSubscribed(from: string) {
    const contact = await db.contacts.get(from);
    if (contact?.subscription !== 'from' && contact?.subscription !== 'both') return;
    const own = await getOwnPresence(db);
    if (own.show === 'invisible' || !sentInitial) return;
    await session.send(
      buildPresence({
        to: from,
        show: own.show,
        status: own.status || undefined,
        priority: 0,
        caps: buildCaps(),
      }),
    );
  }

  async function onSubscribe(db: AccountDb, from: string, nick?: string) {
    const contact = await db.contacts.get(from);
    // Someone we already share with, or asked ourselves: adding a contact means both ways.
    const wanted = contact && (contact.subscription !== 'none' || contact.ask === 'subscribe');
    if (wanted) {
      await session.send(buildSubscription({ to: from, type: 'subscribed' }));
      return;
    }
    await putRequest(db, from, nick);
  }

  async function sendOwn() {
    const own = await getOwnPresence(db);
    const status = own.status || undefined;
    if (own.show === 'invisible') {
      // Invisible: announce once so the server delivers stored messages, then appear offline.
      if (!sentInitial)
        await session.send(buildPresence({ show: 'online', priority: 0, caps: buildCaps() }));
      // Once is enough: each unavailable also reaches the rooms we are in, and takes us out.
      if (!hidden || !sentInitial) {
        hooks.beforeUnavailable?.();
        await session.send(buildUnavailable());
      }
      hidden = true;
    } else {
      await session.send(
        buildPresence({
          show: own.show === 'online' ? 'online' : own.show,
          status,
          priority: 0,
          caps: buildCaps(),
        }),
      );
      hidden = false;
    }
    sentInitial = true;
  }

  async function onNewSession() {
    sentInitial = false;
    await clearPresences(db);
    await sendOwn();
  }

  async function accept(jid: string) {
    await session.send(buildSubscription({ to: jid, type: 'subscribed' }));
    // Ask back, as people expect of "accept": both see each other.
    const contact = await db.contacts.get(jid);
    if (!contact || contact.subscription === 'none' || contact.subscription === 'from') {
      if (!contact?.ask) await session.send(buildSubscription({ to: jid, type: 'subscribe' }));
    }
    await deleteRequest(db, jid);
  }

  async function decline(jid: string) {
    await session.send(buildSubscription({ to: jid, type: 'unsubscribed' }));
    await deleteRequest(db, jid);
  }

  return { handle, sendOwn, onNewSession, accept, decline };
}

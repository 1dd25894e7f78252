import {
  type AccountDb,
  type Conversation,
  getMeta,
  liveQuery,
  type Message,
  type MuteSetting,
  type NotifyPrefs,
  setMeta,
} from '../../db';
import { displayName } from '../queries';
import { roomDisplayName, splitPrivate } from '../rooms';
import { decideNotify, type NotifyDecision, type NotifyInput } from './decide';
import { notificationTag, notificationText, type Translate } from './text';

/** Where notifications are shown: the service worker's registration or the page (display.ts). */
export interface NotificationDisplay {
  show(n: { tag: string; title: string; body: string; peer: string; room: boolean }): Promise<void>;
  close(tag: string): Promise<void>;
}

export interface NotifierDeps {
  db: AccountDb;
  isLeader: () => boolean;
  page: () => Pick<NotifyInput, 'visible' | 'focused' | 'openPeer'>;
  permission: () => NotifyInput['permission'];
  display: NotificationDisplay;
  sound: () => void;
  t: Translate;
  now?: () => number;
  /** Told every decision taken (tests, and a place to log why nothing showed). */
  onDecision?: (peer: string, decision: NotifyDecision) => void;
}

/** Messages older than this when they land are catch-up of history (MAM), not news. */
export const STALE_MS = 15 * 60_000;
/** One sound for a burst, not one per message. */
const SOUND_GAP_MS = 2_000;

interface Seen {
  unread: number;
  mentions: number;
}

type Snapshot = { convs: Conversation[]; prefs: NotifyPrefs; mutes: Record<string, MuteSetting> };

/**
 * Watches the mirror for conversations whose unread count grows (a message nobody has read)
 * and notifies for them; one that drops to nothing (read here, in another tab, or on another
 * device through its displayed marker) has its notification closed. Every tab watches;
 * `decideNotify` lets only the leader tab show anything.
 */
export function createNotifier(deps: NotifierDeps): { ready: Promise<void>; stop: () => void } {
  const now = deps.now ?? Date.now;
  const { db } = deps;
  let seen: Map<string, Seen> | null = null;
  const shown = new Set<string>();
  let lastSound = -Infinity;
  let queue = Promise.resolve();
  let baseline: () => void = () => {};
  /** Settles once the first look (the baseline) is taken: later changes are news. */
  const ready = new Promise<void>((resolve) => {
    baseline = resolve;
  });

  const read = (): Promise<Snapshot> =>
    db.transaction('r', [db.conversations, db.meta], async () => ({
      convs: await db.conversations.toArray(),
      prefs: (await getMeta(db, 'notifyPrefs')) ?? {},
      mutes: (await getMeta(db, 'mutes')) ?? {},
    }));
  let sub: { unsubscribe(): void } | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  // A live query ends at its first error (a read aborted under load): start it again.
  const watch = () => {
    sub = liveQuery(read).subscribe({
      next: (snap) => {
        queue = queue
          .then(() => handle(snap))
          .catch((err) => console.error('[parley] notify', err));
      },
      error: (err) => {
        console.error('[parley] notify', err);
        retry = setTimeout(watch, 1_000);
      },
    });
  };
  watch();

  async function handle(snap: Snapshot) {
    const before = seen;
    seen = new Map(
      snap.convs.map((c) => [c.peer, { unread: c.unread, mentions: c.mentions ?? 0 }]),
    );
    // The first look is the baseline: what was unread before this tab started is not news.
    if (!before) return baseline();
    for (const tag of [...shown]) {
      const peer = tag.slice('parley:'.length);
      if ((seen.get(peer)?.unread ?? 0) === 0) {
        shown.delete(tag);
        await deps.display.close(tag);
      }
    }
    for (const c of snap.convs) {
      const grew = c.unread - (before.get(c.peer)?.unread ?? 0);
      if (grew > 0) await arrived(c, grew, snap);
    }
  }

  async function arrived(c: Conversation, grew: number, snap: Snapshot) {
    const fresh = await newestIncoming(c.peer, grew);
    const newest = fresh[0];
    if (!newest || newest.at < now() - STALE_MS) return;
    const room =
      c.kind === 'room' || (c.kind !== 'private' && (await db.rooms.get(c.peer)) !== undefined);
    const kind = room ? 'room' : c.kind === 'private' ? 'private' : 'chat';
    const decision = decideNotify({
      leader: deps.isLeader(),
      permission: deps.permission(),
      prefs: snap.prefs,
      mute: snap.mutes[c.peer],
      ...deps.page(),
      peer: c.peer,
      kind,
      mention: fresh.some((m) => m.mention),
      now: now(),
    });
    deps.onDecision?.(c.peer, decision);
    if (!decision.notify) {
      if (decision.offer && !snap.prefs.offerDue) {
        await setMeta(db, 'notifyPrefs', { ...snap.prefs, offerDue: true });
      }
      return;
    }
    const tag = notificationTag(c.peer);
    const text = notificationText(deps.t, {
      name: await nameOf(c.peer, kind),
      kind,
      nick: newest.nick,
      body: newest.body,
      file: newest.file?.kind,
      count: c.unread,
    });
    shown.add(tag);
    await deps.display.show({ tag, ...text, peer: c.peer, room });
    if (decision.sound && now() - lastSound > SOUND_GAP_MS) {
      lastSound = now();
      deps.sound();
    }
  }

  /** The newest `n` incoming messages of a conversation, newest first. */
  function newestIncoming(peer: string, n: number): Promise<Message[]> {
    return db.messages
      .where('[peer+at]')
      .between([peer, -Infinity], [peer, Infinity])
      .reverse()
      .filter((m) => m.direction === 'in')
      .limit(n)
      .toArray();
  }

  async function nameOf(peer: string, kind: 'chat' | 'room' | 'private'): Promise<string> {
    if (kind === 'room') return roomDisplayName(await db.rooms.get(peer), peer);
    const p = kind === 'private' ? splitPrivate(peer) : null;
    if (p) {
      const roomName = roomDisplayName(await db.rooms.get(p.room), p.room);
      return deps.t('room.privateName', { nick: p.nick, room: roomName });
    }
    return displayName(await db.contacts.get(peer), peer);
  }

  return {
    ready,
    stop() {
      clearTimeout(retry);
      sub?.unsubscribe();
    },
  };
}

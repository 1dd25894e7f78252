import type { MuteSetting, NotifyPrefs } from '../../db';

/** Everything the "notify or not" decision depends on, read at the moment a message lands. */
export interface NotifyInput {
  /** Only the tab holding the connection notifies: one notification, one sound per browser. */
  leader: boolean;
  permission: NotificationPermission | 'unsupported';
  prefs: NotifyPrefs;
  mute: MuteSetting | undefined;
  /** The page is shown (not a background tab, not minimised) and has the keyboard focus. */
  visible: boolean;
  focused: boolean;
  /** The conversation this tab shows, if any. */
  openPeer: string | null;
  peer: string;
  kind: 'chat' | 'room' | 'private';
  /** Among the new messages, one names us (rooms). */
  mention: boolean;
  now: number;
}

export type NotifyDecision =
  | { notify: true; sound: boolean }
  | {
      notify: false;
      reason:
        | 'not-leader'
        | 'looking'
        | 'unsupported'
        | 'not-allowed'
        | 'turned-off'
        | 'dnd'
        | 'muted'
        | 'not-mentioned';
      /** The browser has not been asked yet: offer it in the app (after a click, never now). */
      offer?: boolean;
    };

/** A mute that still holds at `now` (timed mutes lapse by themselves). */
export function isMuted(mute: MuteSetting | undefined, now: number): boolean {
  return mute?.mode === 'muted' && (mute.until === null || mute.until > now);
}

/**
 * Whether a conversation's unread count should count in the title, favicon and app badge,
 * and how much: a muted conversation counts nothing, a mentions-only room its mentions.
 */
export function countedUnread(
  c: { peer: string; unread: number; mentions?: number; kind?: string },
  mute: MuteSetting | undefined,
  now: number,
): number {
  if (isMuted(mute, now)) return 0;
  if (mute?.mode === 'mentions' && c.kind === 'room') return c.mentions ?? 0;
  return c.unread;
}

/** Notify or not: a pure function of the page's state, the person's choices and the message. */
export function decideNotify(i: NotifyInput): NotifyDecision {
  if (!i.leader) return { notify: false, reason: 'not-leader' };
  // In Parley and at the keyboard: the list and counts already say it; no system popup.
  if (i.visible && i.focused) return { notify: false, reason: 'looking' };
  // On screen in a window beside the one in use: the person can see it arrive.
  if (i.visible && i.openPeer === i.peer) return { notify: false, reason: 'looking' };
  if (i.prefs.dnd) return { notify: false, reason: 'dnd' };
  if (isMuted(i.mute, i.now)) return { notify: false, reason: 'muted' };
  if (i.mute?.mode === 'mentions' && i.kind === 'room' && !i.mention)
    return { notify: false, reason: 'not-mentioned' };
  if (i.permission === 'unsupported') return { notify: false, reason: 'unsupported' };
  if (i.permission === 'default')
    return { notify: false, reason: 'not-allowed', offer: !i.prefs.offerDismissed };
  if (i.permission === 'denied') return { notify: false, reason: 'not-allowed' };
  if (i.prefs.off) return { notify: false, reason: 'turned-off' };
  return { notify: true, sound: !i.prefs.silent };
}

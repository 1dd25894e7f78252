import { isMuted } from '../../app/notify/decide';
import type { MuteSetting } from '../../app/notify/prefs';
import { formatTime } from '../lib/format';
import { t } from '../lib/i18n';

/** How a conversation's notifications stand, in words (the header button's title, the list). */
export function muteLabel(mute: MuteSetting | undefined, now = Date.now()): string {
  if (mute?.mode === 'mentions') return t('mute.stateMentions');
  if (!isMuted(mute, now) || mute?.mode !== 'muted') return t('mute.stateAll');
  return mute.until === null
    ? t('mute.stateForever')
    : t('mute.stateUntil', { time: formatTime(mute.until, now) });
}

/** Muted, or a room on mentions only: its unread count shows grey and is left out of totals. */
export function isQuiet(mute: MuteSetting | undefined, now = Date.now()): boolean {
  return isMuted(mute, now) || mute?.mode === 'mentions';
}

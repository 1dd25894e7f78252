import type { PresenceShow } from '../../app/queries';
import { t } from './i18n';

/** Someone's state in words, with their status text: "Busy · In a meeting". Never colour alone. */
export function presenceText(show: PresenceShow, status?: string): string {
  const state = t(`presence.${show}`);
  return status ? t('presence.withStatus', { state, status }) : state;
}

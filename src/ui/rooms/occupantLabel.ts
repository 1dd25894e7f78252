import type { MucRole, Occupant } from '../../app/rooms';
import { t } from '../lib/i18n';

/** What someone is in a room, in a word: owner and admin outrank their role. */
export function occupantLabel(o: Pick<Occupant, 'role' | 'affiliation'>): string {
  if (o.affiliation === 'owner') return t('occ.owner');
  if (o.affiliation === 'admin') return t('occ.admin');
  if (o.role === 'moderator') return t('occ.moderator');
  if (o.role === 'visitor') return t('occ.visitor');
  if (o.affiliation === 'member') return t('occ.member');
  return '';
}

export const GROUP_KEY: Record<MucRole, 'occ.moderators' | 'occ.participants' | 'occ.visitors'> = {
  moderator: 'occ.moderators',
  participant: 'occ.participants',
  visitor: 'occ.visitors',
  none: 'occ.visitors',
};

import { errorText } from '../errors';
import { t } from '../lib/i18n';

/** Errors of room commands in words: an address is a room's, an empty field is a nickname. */
export function roomErrorText(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  if (code === 'bad-address') return t('rooms.badAddress');
  if (code === 'empty') return t('rooms.nickEmpty');
  if (code === 'too-long') return t('rooms.nickTooLong');
  return errorText(err);
}

import type { ConversationView } from '../../app/queries';
import { t } from '../lib/i18n';

/** Private messages in a room read "nick (room)"; everything else by its own name. */
export function conversationName(c: ConversationView): string {
  return c.privateNick !== undefined
    ? t('room.privateName', { nick: c.privateNick, room: c.roomName ?? '' })
    : c.displayName;
}

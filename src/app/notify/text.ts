import type { AttachmentKind } from '../../db';
import type { MessageKey } from '../../i18n';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The longest body a notification gets: the system truncates anyway, and a peer can send 64 KiB. */
export const BODY_CHARS = 160;
const TITLE_CHARS = 80;

// Embeddings, overrides, isolates and marks: a peer's name or text must not reorder ours.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const FSI = '\u2068';
const PDI = '\u2069';

/** Cut to `max` characters (whole code points), ending in an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Untrusted text for a notification: plain text on one line, its bidi controls dropped and
 * the whole isolated (FSI…PDI), as the chat list isolates names with `unicode-bidi: isolate`.
 */
export function isolate(text: string, max: number): string {
  const flat = text.replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ').trim();
  return `${FSI}${truncate(flat, max)}${PDI}`;
}

/** The tag that groups a conversation's notifications into one (also how one is closed). */
export const notificationTag = (peer: string) => `parley:${peer}`;

export interface NotificationText {
  title: string;
  body: string;
}

/** What a conversation's notification says: who, the newest message, how many are waiting. */
export function notificationText(
  t: Translate,
  n: {
    /** The conversation's name (a contact, a room, nick in a room). */
    name: string;
    kind: 'chat' | 'room' | 'private';
    /** Room messages: who wrote it. */
    nick?: string | undefined;
    body: string;
    file?: AttachmentKind | undefined;
    /** Unread messages in the conversation, this one included. */
    count: number;
  },
): NotificationText {
  const what = n.file ? t(`file.kind.${n.file}` as MessageKey) : isolate(n.body, BODY_CHARS);
  const line =
    n.kind === 'room' && n.nick
      ? t('notify.nickSaid', { nick: isolate(n.nick, 40), text: what })
      : what;
  const name = isolate(n.name, TITLE_CHARS);
  return {
    title: n.count > 1 ? t('notify.titleCount', { name, n: n.count }) : name,
    body: line,
  };
}

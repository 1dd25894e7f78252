import { Show } from 'solid-js';
import type { ConversationView } from '../../app/queries';
import { formatTime } from '../lib/format';
import { t } from '../lib/i18n';
import { GroupIcon, PinIcon } from '../lib/icons';
import { MutedMark } from '../notify/MuteMenu';
import { PresenceDot } from '../PresenceDot';
import { Avatar } from '../people/Avatar';
import { ChatMenu } from './ChatMenu';

/** One row of the chat list: who, the last message, counts and marks, and its actions. */
export function ConversationRow(props: {
  conv: ConversationView;
  name: string;
  preview: string;
  selected: boolean;
  quiet: boolean;
  onSelect: (peer: string) => void;
  onDeleted: (peer: string) => void;
}) {
  let li: HTMLLIElement | undefined;
  const c = () => props.conv;
  const subId = () => `conv-${encodeURIComponent(c().peer)}`;
  // Marked unread by the person with nothing counted: a dot, as in Telegram and WhatsApp.
  const onlyMarked = () => c().markedUnread === true && c().unread <= 0 && !c().mentions;
  return (
    <li ref={li} class="chat-row" classList={{ pinned: c().pinnedAt !== undefined }}>
      <button
        type="button"
        class="row"
        classList={{ selected: props.selected }}
        aria-current={props.selected ? 'true' : undefined}
        aria-label={props.name}
        aria-describedby={subId()}
        onClick={() => props.onSelect(c().peer)}
      >
        <Show when={c().kind === 'contact'}>
          <Avatar jid={c().peer} name={c().displayName} />
        </Show>
        <Show when={c().kind === 'room'} fallback={<PresenceDot show={c().show} />}>
          <span class="room-icon" role="img" aria-label={t('room.group')}>
            <GroupIcon size={18} />
          </span>
        </Show>
        <span class="row-main">
          <span class="row-title">
            <span class="name">{props.name}</span>
            <MutedMark show={props.quiet} />
            <time class="when">{formatTime(c().lastAt)}</time>
          </span>
          <span class="row-sub" id={subId()}>
            <span class="preview">
              <Show when={c().draft} fallback={props.preview}>
                <span class="draft-label">{t('conv.draft')}</span> {c().draft}
              </Show>
            </span>
            <Show when={c().pinnedAt !== undefined}>
              <span class="pin-mark" role="img" aria-label={t('chats.pinned')}>
                <PinIcon />
              </span>
            </Show>
            <Show when={(c().mentions ?? 0) > 0}>
              <span class="badge badge-mention">
                <span aria-hidden="true">@{c().mentions}</span>
                <span class="sr-only">
                  {c().mentions === 1
                    ? t('conv.mention')
                    : t('conv.mentions', { n: c().mentions ?? 0 })}
                </span>
              </span>
            </Show>
            <Show when={c().unread > 0}>
              <span class="badge" classList={{ 'badge-quiet': props.quiet }}>
                <span aria-hidden="true">{c().unread}</span>
                <span class="sr-only">{t('conv.unread', { n: c().unread })}</span>
              </span>
            </Show>
            <Show when={onlyMarked()}>
              <span
                class="badge badge-dot"
                classList={{ 'badge-quiet': props.quiet }}
                role="img"
                aria-label={t('chats.markedUnread')}
              />
            </Show>
          </span>
        </span>
      </button>
      <ChatMenu conv={c()} name={props.name} row={() => li} onDeleted={props.onDeleted} />
    </li>
  );
}

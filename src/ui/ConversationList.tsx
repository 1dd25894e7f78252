import { For, lazy, Show } from 'solid-js';
import { mutesQuery } from '../app/notify/prefs';
import { type ConversationView, conversationsQuery } from '../app/queries';
import type { MessageKey } from '../i18n';
import { keepFocus, moveByArrows } from './a11y/arrowKeys';
import { formatTime } from './lib/format';
import { t } from './lib/i18n';
import { GroupIcon } from './lib/icons';
import { createLive, createLiveList } from './lib/live';
import { MutedMark } from './notify/MuteMenu';
import { isQuiet } from './notify/muteState';
import { OlderConversations } from './OlderConversations';
import { PresenceDot } from './PresenceDot';
import { Invitations } from './rooms/Invitations';

const GroupChats = lazy(() =>
  import('./rooms/GroupChats').then((m) => ({ default: m.GroupChats })),
);

function previewText(c: { preview: string; previewFile?: string }): string {
  if (!c.previewFile) return c.preview;
  const kind = t(`file.kind.${c.previewFile}` as MessageKey);
  return c.previewFile === 'voice' ? `[${kind}]` : t('file.preview', { kind, name: c.preview });
}

function preview(c: ConversationView): string {
  if (!c.preview && !c.previewFile) return '';
  if (c.previewDirection === 'out') return t('conv.you', { text: previewText(c) });
  if (c.kind === 'room' && c.previewNick)
    return t('conv.nick', { nick: c.previewNick, text: previewText(c) });
  return previewText(c);
}

/** Private messages in a room read "nick (room)"; everything else by its own name. */
export function conversationName(c: ConversationView): string {
  return c.privateNick !== undefined
    ? t('room.privateName', { nick: c.privateNick, room: c.roomName ?? '' })
    : c.displayName;
}

export function ConversationList(props: {
  selected: string | null;
  onSelect: (jid: string) => void;
  onOpenRoom: (room: string) => void;
  /** A room an xmpp:...?join link offers to join: the join form opens for it. */
  join?: string | undefined;
  onJoinShown?: () => void;
  /** The installed app's "Group chats" shortcut: the dialog opens. */
  showGroups?: boolean;
  onGroupsShown?: () => void;
}) {
  let nav: HTMLElement | undefined;
  const list = createLiveList(() => conversationsQuery, 'peer', { around: keepFocus(() => nav) });
  const mutes = createLive(() => mutesQuery, {});
  const quiet = (peer: string) => isQuiet(mutes()[peer]);
  return (
    <nav ref={nav} class="list" aria-label={t('nav.chats')}>
      <GroupChats
        onOpen={props.onOpenRoom}
        join={props.join}
        onJoinShown={() => props.onJoinShown?.()}
        show={props.showGroups}
        onShown={() => props.onGroupsShown?.()}
      />
      <Invitations onOpen={props.onOpenRoom} />
      <Show when={list.ready() && list.rows.length === 0}>
        <p class="hint">{t('conv.empty')}</p>
      </Show>
      <ul onKeyDown={(e) => moveByArrows(e, 'li > button.row')}>
        <For each={list.rows}>
          {(c) => (
            <li>
              <button
                type="button"
                class="row"
                classList={{ selected: props.selected === c.peer }}
                aria-current={props.selected === c.peer ? 'true' : undefined}
                aria-label={conversationName(c)}
                aria-describedby={`conv-${encodeURIComponent(c.peer)}`}
                onClick={() => props.onSelect(c.peer)}
              >
                <Show when={c.kind === 'room'} fallback={<PresenceDot show={c.show} />}>
                  <span class="room-icon" role="img" aria-label={t('room.group')}>
                    <GroupIcon size={18} />
                  </span>
                </Show>
                <span class="row-main">
                  <span class="row-title">
                    <span class="name">{conversationName(c)}</span>
                    <MutedMark show={quiet(c.peer)} />
                    <time class="when">{formatTime(c.lastAt)}</time>
                  </span>
                  <span class="row-sub" id={`conv-${encodeURIComponent(c.peer)}`}>
                    <span class="preview">
                      <Show when={c.draft} fallback={preview(c)}>
                        <span class="draft-label">{t('conv.draft')}</span> {c.draft}
                      </Show>
                    </span>
                    <Show when={(c.mentions ?? 0) > 0}>
                      <span class="badge badge-mention">
                        <span aria-hidden="true">@{c.mentions}</span>
                        <span class="sr-only">
                          {c.mentions === 1
                            ? t('conv.mention')
                            : t('conv.mentions', { n: c.mentions ?? 0 })}
                        </span>
                      </span>
                    </Show>
                    <Show when={c.unread > 0}>
                      <span class="badge" classList={{ 'badge-quiet': quiet(c.peer) }}>
                        <span aria-hidden="true">{c.unread}</span>
                        <span class="sr-only">{t('conv.unread', { n: c.unread })}</span>
                      </span>
                    </Show>
                  </span>
                </span>
              </button>
            </li>
          )}
        </For>
      </ul>
      <OlderConversations />
    </nav>
  );
}

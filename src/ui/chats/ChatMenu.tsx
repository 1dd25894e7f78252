import { createSignal, Show } from 'solid-js';
import { archiveChat, deleteChat, markChatUnread, pinChat } from '../../app/chats';
import type { ConversationView } from '../../app/queries';
import { ConfirmDialog } from '../ConfirmDialog';
import { t } from '../lib/i18n';
import { createPopupMenu, PopupMenu } from '../lib/popupMenu';

/**
 * A chat list row's actions: pin, mark unread or read, archive, delete here. Opened by its
 * button (shown on hover and focus), right-click, a long press, or the menu key / Shift+F10 on
 * the focused row. Arrow keys move in the menu; Esc closes it and the focus goes back.
 */
export function ChatMenu(props: {
  conv: ConversationView;
  name: string;
  row: () => HTMLElement | undefined;
  /** The chat was deleted: if it was open, the pane closes. */
  onDeleted: (peer: string) => void;
}) {
  const [confirm, setConfirm] = createSignal(false);
  const c = () => props.conv;
  const isUnread = () => c().unread > 0 || (c().mentions ?? 0) > 0 || c().markedUnread === true;
  const archived = () => c().archivedAt !== undefined;
  const popup = createPopupMenu({
    row: () => props.row(),
    // The row's keys are its button's; the focus comes back to that button.
    keyTarget: (e) => (e.target as HTMLElement).matches('button.row'),
    focusOf: (row) => row.querySelector<HTMLElement>('button.row') ?? row,
    rowKey: (e) => {
      if (e.key !== 'Delete') return false;
      setConfirm(true);
      return true;
    },
  });
  const { act } = popup;

  const item = (label: string, fn: () => unknown, danger = false) => (
    <button
      type="button"
      role="menuitem"
      tabindex="-1"
      classList={{ danger }}
      onClick={() => act(fn)}
    >
      {label}
    </button>
  );

  return (
    <>
      {/* The same button name on every row: the chat's own name there would make "the button
          named Ann" ambiguous between the row and its menu button, for people and tests alike. */}
      <PopupMenu
        menu={popup}
        buttonClass="chat-more"
        buttonLabel={t('chats.menu')}
        menuClass="msg-menu chat-menu"
        menuLabel={t('chats.menuFor', { name: props.name })}
      >
        <Show when={!archived()}>
          {c().pinnedAt !== undefined
            ? item(t('chats.unpin'), () => pinChat(c().peer, false))
            : item(t('chats.pin'), () => pinChat(c().peer, true))}
        </Show>
        {isUnread()
          ? item(t('chats.markRead'), () => markChatUnread(c().peer, false))
          : item(t('chats.markUnread'), () => markChatUnread(c().peer, true))}
        {archived()
          ? item(t('chats.unarchive'), () => archiveChat(c().peer, false))
          : item(t('chats.archive'), () => archiveChat(c().peer, true))}
        {item(t('chats.delete'), () => setConfirm(true), true)}
      </PopupMenu>
      {/* Made only when asked for, as the message menu's: not one dialog per row. */}
      <Show when={confirm()}>
        <ConfirmDialog
          open={true}
          title={t('chats.deleteTitle', { name: props.name })}
          text={t('chats.deleteText')}
          confirm={t('chats.deleteConfirm')}
          onConfirm={() => {
            const peer = c().peer;
            void deleteChat(peer).then(() => props.onDeleted(peer));
          }}
          onClose={() => setConfirm(false)}
        />
      </Show>
    </>
  );
}

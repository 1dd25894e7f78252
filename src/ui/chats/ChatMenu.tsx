import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { archiveChat, deleteChat, markChatUnread, pinChat } from '../../app/chats';
import type { ConversationView } from '../../app/queries';
import { ConfirmDialog } from '../ConfirmDialog';
import { t } from '../lib/i18n';
import { MoreIcon } from '../lib/icons';

const LONG_PRESS_MS = 500;

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
  const [open, setOpen] = createSignal(false);
  const [confirm, setConfirm] = createSignal(false);
  let menu: HTMLDivElement | undefined;
  let button!: HTMLButtonElement;
  let returnTo: HTMLElement | undefined;
  const c = () => props.conv;
  const isUnread = () => c().unread > 0 || (c().mentions ?? 0) > 0 || c().markedUnread === true;
  const archived = () => c().archivedAt !== undefined;

  function show(from: HTMLElement | undefined) {
    returnTo = from;
    setOpen(true);
  }
  function close(refocus = true) {
    if (!open()) return;
    setOpen(false);
    if (refocus && returnTo?.isConnected) returnTo.focus();
  }
  const act = (fn: () => unknown) => {
    close();
    void fn();
  };
  const items = () => [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  function menuKey(e: KeyboardEvent) {
    const all = items();
    const i = all.indexOf(document.activeElement as HTMLElement);
    const go = (n: number) => {
      e.preventDefault();
      all[(n + all.length) % all.length]?.focus();
    };
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(all.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab') close(false);
  }

  onMount(() => {
    const row = props.row();
    if (!row) return;
    const rowButton = () => row.querySelector<HTMLElement>('button.row') ?? row;
    const onContext = (e: MouseEvent) => {
      e.preventDefault();
      show(rowButton());
    };
    const onKey = (e: KeyboardEvent) => {
      if (!(e.target as HTMLElement).matches('button.row')) return;
      if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
        e.preventDefault();
        show(rowButton());
      } else if (e.key === 'Delete') {
        e.preventDefault();
        returnTo = rowButton();
        setConfirm(true);
      }
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onTouch = (e: TouchEvent) => {
      if (e.touches.length === 1) timer = setTimeout(() => show(rowButton()), LONG_PRESS_MS);
    };
    const cancel = () => clearTimeout(timer);
    const outside = (e: PointerEvent) => {
      if (open() && !menu?.contains(e.target as Node) && e.target !== button) close(false);
    };
    row.addEventListener('contextmenu', onContext);
    row.addEventListener('keydown', onKey);
    row.addEventListener('touchstart', onTouch, { passive: true });
    row.addEventListener('touchend', cancel);
    row.addEventListener('touchmove', cancel);
    document.addEventListener('pointerdown', outside);
    onCleanup(() => {
      clearTimeout(timer);
      row.removeEventListener('contextmenu', onContext);
      row.removeEventListener('keydown', onKey);
      row.removeEventListener('touchstart', onTouch);
      row.removeEventListener('touchend', cancel);
      row.removeEventListener('touchmove', cancel);
      document.removeEventListener('pointerdown', outside);
    });
  });

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
      <button
        ref={button}
        type="button"
        class="icon chat-more"
        // The same name on every row: the chat's own name here would make "the button named
        // Ann" ambiguous between the row and its menu button, for people and for tests alike.
        aria-label={t('chats.menu')}
        title={t('chats.menu')}
        aria-haspopup="menu"
        aria-expanded={open()}
        tabindex="-1"
        onClick={() => (open() ? close() : show(button))}
      >
        <MoreIcon />
      </button>
      <Show when={open()}>
        <div
          ref={(el) => {
            menu = el;
            queueMicrotask(() => items()[0]?.focus());
          }}
          class="msg-menu chat-menu"
          role="menu"
          aria-label={t('chats.menuFor', { name: props.name })}
          tabindex="-1"
          onKeyDown={menuKey}
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
        </div>
      </Show>
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

import { createSignal, For, lazy, Show, Suspense } from 'solid-js';
import { isForwardable } from '../../app/chats';
import {
  canModerate,
  deleteForEveryone,
  deleteForMe,
  isEditable,
  isRetractable,
  moderateMessage,
  toggleReaction,
} from '../../app/messageActs';
import type { Message } from '../../app/queries';
import { ConfirmDialog } from '../ConfirmDialog';
import { ForwardDialog } from '../chats/ForwardDialog';
import { t } from '../lib/i18n';
import { createPopupMenu, PopupMenu } from '../lib/popupMenu';
import { startEdit, startReply } from './intent';

const CONFIRM = {
  all: { title: 'acts.deleteAllTitle', text: 'acts.deleteAllText' },
  me: { title: 'acts.deleteMeTitle', text: 'acts.deleteMeText' },
  mod: { title: 'acts.moderateTitle', text: 'acts.moderateText' },
} as const;

/** The quick row of reactions, as most chat apps offer them. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];
// The picker and its few hundred named emoji load only when first opened.
const EmojiPicker = lazy(() =>
  import('../emoji/EmojiPicker').then((m) => ({ default: m.EmojiPicker })),
);

/**
 * The actions on one message: a "More actions" button, right-click, a long press on touch, and
 * from the keyboard Enter, the menu key or Shift+F10 on the focused message. Arrow keys move in
 * the menu; Esc closes it and gives the focus back to where it came from.
 */
export function MessageMenu(props: { message: Message; row: () => HTMLElement | undefined }) {
  const [confirm, setConfirm] = createSignal<'all' | 'me' | 'mod' | null>(null);
  // Asked when the menu opens (a room read per message would weigh on long conversations).
  const [moderator, setModerator] = createSignal(false);
  const [copied, setCopied] = createSignal(false);
  const [picking, setPicking] = createSignal(false);
  const [forwarding, setForwarding] = createSignal(false);
  const m = () => props.message;
  const gone = () => m().retracted === true;
  const popup = createPopupMenu({
    row: () => props.row(),
    rowKey: (e, open) => {
      if (e.key !== 'Enter') return false;
      open(e.currentTarget as HTMLElement);
      return true;
    },
    // A link or a selection keeps the browser's own menu (open in new tab, copy).
    nativeMenu: (e) =>
      (e.target as HTMLElement).closest('a') !== null || String(getSelection() ?? '') !== '',
    onShow: () => {
      setCopied(false);
      void canModerate(m()).then(setModerator, () => setModerator(false));
    },
  });
  const { act } = popup;

  async function copy() {
    await navigator.clipboard.writeText(m().file?.url ?? m().body);
    setCopied(true);
  }

  return (
    <>
      <PopupMenu
        menu={popup}
        buttonClass="msg-more"
        buttonLabel={t('acts.more')}
        menuClass="msg-menu"
        menuLabel={t('acts.menu')}
      >
        <Show when={!gone() && m().state !== 'queued'}>
          <div class="msg-menu-reactions">
            <For each={QUICK_REACTIONS}>
              {(emoji) => (
                <button
                  type="button"
                  role="menuitem"
                  tabindex="-1"
                  aria-label={t('acts.react', { emoji })}
                  onClick={() => act(() => void toggleReaction(m().id, emoji))}
                >
                  {emoji}
                </button>
              )}
            </For>
            <button
              type="button"
              role="menuitem"
              tabindex="-1"
              class="msg-menu-more-reactions"
              aria-label={t('acts.moreReactions')}
              title={t('acts.moreReactions')}
              onClick={() => act(() => setPicking(true))}
            >
              <span aria-hidden="true">+</span>
            </button>
          </div>
          <button
            type="button"
            role="menuitem"
            tabindex="-1"
            onClick={() => act(() => startReply(m()), false)}
          >
            {t('acts.reply')}
          </button>
          <button type="button" role="menuitem" tabindex="-1" onClick={() => void copy()}>
            {copied() ? t('acts.copied') : t('acts.copy')}
          </button>
        </Show>
        <Show when={isForwardable(m())}>
          <button
            type="button"
            role="menuitem"
            tabindex="-1"
            onClick={() => act(() => setForwarding(true))}
          >
            {t('fwd.action')}
          </button>
        </Show>
        <Show when={isEditable(m())}>
          <button
            type="button"
            role="menuitem"
            tabindex="-1"
            onClick={() => act(() => startEdit(m()), false)}
          >
            {t('acts.edit')}
          </button>
        </Show>
        <Show when={isRetractable(m())}>
          <button
            type="button"
            role="menuitem"
            tabindex="-1"
            class="danger"
            onClick={() => act(() => setConfirm('all'))}
          >
            {t('acts.deleteAll')}
          </button>
        </Show>
        <Show when={!isRetractable(m()) && moderator()}>
          <button
            type="button"
            role="menuitem"
            tabindex="-1"
            class="danger"
            onClick={() => act(() => setConfirm('mod'))}
          >
            {t('acts.deleteAll')}
          </button>
        </Show>
        <button
          type="button"
          role="menuitem"
          tabindex="-1"
          class="danger"
          onClick={() => act(() => setConfirm('me'))}
        >
          {t('acts.deleteMe')}
        </button>
      </PopupMenu>
      <Show when={picking()}>
        <Suspense>
          <EmojiPicker
            onPick={(emoji) => void toggleReaction(m().id, emoji)}
            onClose={() => setPicking(false)}
          />
        </Suspense>
      </Show>
      <Show when={forwarding()}>
        <ForwardDialog message={m()} onClose={() => setForwarding(false)} />
      </Show>
      {/* Made only when asked for: a dialog per message would weigh on long conversations. */}
      <Show when={confirm()}>
        {(which) => (
          <ConfirmDialog
            open={true}
            title={t(CONFIRM[which()].title)}
            text={t(CONFIRM[which()].text)}
            confirm={t('acts.delete')}
            onConfirm={() => {
              const id = m().id;
              const w = which();
              void (w === 'all'
                ? deleteForEveryone(id)
                : w === 'mod'
                  ? moderateMessage(id)
                  : deleteForMe(id));
            }}
            onClose={() => setConfirm(null)}
          />
        )}
      </Show>
    </>
  );
}

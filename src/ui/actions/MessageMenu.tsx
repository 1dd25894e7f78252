import { createSignal, For, lazy, onCleanup, onMount, Show, Suspense } from 'solid-js';
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
import { MoreIcon } from '../lib/icons';
import { startEdit, startReply } from './intent';

const CONFIRM = {
  all: { title: 'acts.deleteAllTitle', text: 'acts.deleteAllText' },
  me: { title: 'acts.deleteMeTitle', text: 'acts.deleteMeText' },
  mod: { title: 'acts.moderateTitle', text: 'acts.moderateText' },
} as const;

/** The quick row of reactions, as most chat apps offer them. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];
const LONG_PRESS_MS = 500;
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
  const [open, setOpen] = createSignal(false);
  const [confirm, setConfirm] = createSignal<'all' | 'me' | 'mod' | null>(null);
  // Asked when the menu opens (a room read per message would weigh on long conversations).
  const [moderator, setModerator] = createSignal(false);
  const [copied, setCopied] = createSignal(false);
  const [picking, setPicking] = createSignal(false);
  const [forwarding, setForwarding] = createSignal(false);
  let menu: HTMLDivElement | undefined;
  let button!: HTMLButtonElement;
  let returnTo: HTMLElement | undefined;
  const m = () => props.message;
  const gone = () => m().retracted === true;

  function show(from: HTMLElement | undefined) {
    returnTo = from;
    setCopied(false);
    setOpen(true);
    void canModerate(m()).then(setModerator, () => setModerator(false));
    menu?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }
  function close(refocus = true) {
    if (!open()) return;
    setOpen(false);
    if (refocus && returnTo?.isConnected) returnTo.focus();
  }
  const act = (fn: () => void, refocus = true) => {
    close(refocus);
    fn();
  };

  function items(): HTMLElement[] {
    return [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  }
  function menuKey(e: KeyboardEvent) {
    const all = items();
    const i = all.indexOf(document.activeElement as HTMLElement);
    const go = (n: number) => {
      e.preventDefault();
      all[(n + all.length) % all.length]?.focus();
    };
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') go(i + 1);
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') go(i - 1);
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
    const onContext = (e: MouseEvent) => {
      // A link or a selection keeps the browser's own menu (open in new tab, copy).
      if ((e.target as HTMLElement).closest('a') || String(getSelection() ?? '')) return;
      e.preventDefault();
      show(row);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.target !== row) return;
      if (e.key === 'Enter' || e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
        e.preventDefault();
        show(row);
      }
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onTouch = (e: TouchEvent) => {
      if (e.touches.length !== 1) return;
      timer = setTimeout(() => show(row), LONG_PRESS_MS);
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

  async function copy() {
    await navigator.clipboard.writeText(m().file?.url ?? m().body);
    setCopied(true);
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        class="icon msg-more"
        aria-label={t('acts.more')}
        title={t('acts.more')}
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
          class="msg-menu"
          role="menu"
          aria-label={t('acts.menu')}
          tabindex="-1"
          onKeyDown={menuKey}
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
        </div>
      </Show>
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

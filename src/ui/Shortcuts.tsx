import { createEffect, For, onCleanup } from 'solid-js';
import { conversationsQuery } from '../app/queries';
import type { MessageKey } from '../i18n';
import { t } from './lib/i18n';

const MAC = /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? '');
const CTRL = MAC ? '⌘' : 'Ctrl';
const ALT = MAC ? '⌥' : 'Alt';

/** What the help dialog lists: each row's key combinations (any one of them) and its action. */
const KEYS: { combos: string[][]; what: MessageKey }[] = [
  { combos: [['?'], [CTRL, '/']], what: 'look.key.help' },
  { combos: [[ALT, '↑']], what: 'look.key.prev' },
  { combos: [[ALT, '↓']], what: 'look.key.next' },
  { combos: [['Esc']], what: 'look.key.close' },
  { combos: [['Enter']], what: 'look.key.send' },
  { combos: [['Shift', 'Enter']], what: 'look.key.newline' },
  { combos: [['Shift', 'F10'], ['☰']], what: 'chats.key.menu' },
  { combos: [['Delete']], what: 'chats.key.delete' },
];

/** Typing in a field: "?" is a character there, not a shortcut. */
function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/**
 * The keyboard shortcuts of the whole screen, and the dialog that lists them ("?", Ctrl+/ or
 * Settings). Alt+Up and Alt+Down move through the conversations in the list's order.
 */
export function Shortcuts(props: {
  peer: string | null;
  onOpen: (peer: string) => void;
  help: boolean;
  onHelp: (open: boolean) => void;
}) {
  let dialog!: HTMLDialogElement;
  /** Read once when asked: a live copy of the list here would redo its read on every message. */
  async function move(step: 1 | -1) {
    const peers = (await conversationsQuery()).map((c) => c.peer);
    if (peers.length === 0) return;
    const at = props.peer === null ? -1 : peers.indexOf(props.peer);
    const next = at < 0 ? (step > 0 ? 0 : peers.length - 1) : at + step;
    const peer = peers[next];
    if (peer !== undefined && peer !== props.peer) props.onOpen(peer);
  }

  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing) return;
    const mod = e.ctrlKey || e.metaKey;
    if (
      (mod && !e.altKey && e.key === '/') ||
      (e.key === '?' && !mod && !e.altKey && !typing(e.target))
    ) {
      e.preventDefault();
      props.onHelp(!props.help);
      return;
    }
    if (e.altKey && !mod && !e.shiftKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      // Not behind an open dialog: what is under it is not what the person is working on.
      if (document.querySelector('dialog:modal')) return;
      e.preventDefault();
      move(e.key === 'ArrowDown' ? 1 : -1).catch((err: unknown) =>
        console.warn('shortcuts: the conversation list could not be read', err),
      );
    }
  };
  document.addEventListener('keydown', onKey);
  onCleanup(() => document.removeEventListener('keydown', onKey));

  createEffect(() => {
    if (props.help && !dialog.open) dialog.showModal();
    else if (!props.help && dialog.open) dialog.close();
  });

  return (
    <dialog
      ref={dialog}
      class="shortcuts"
      aria-labelledby="shortcuts-title"
      onClose={() => props.onHelp(false)}
    >
      <h2 id="shortcuts-title">{t('look.shortcuts')}</h2>
      <dl>
        <For each={KEYS}>
          {(k) => (
            <>
              <dt>
                <For each={k.combos}>
                  {(combo, i) => (
                    <>
                      {i() > 0 ? ` ${t('look.key.or')} ` : ''}
                      <For each={combo}>
                        {(key, j) => (
                          <>
                            {j() > 0 ? '+' : ''}
                            <kbd>{key}</kbd>
                          </>
                        )}
                      </For>
                    </>
                  )}
                </For>
              </dt>
              <dd>{t(k.what)}</dd>
            </>
          )}
        </For>
      </dl>
      <div class="actions">
        <button type="button" class="primary" onClick={() => props.onHelp(false)}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}

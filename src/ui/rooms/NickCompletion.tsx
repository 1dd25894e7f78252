import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { t } from '../lib/i18n';
import { completeNickAt, matchNicks, type NickQuery, nickQueryAt } from '../lib/mentions';

/**
 * @nickname completion for a textarea: type '@' and the start of a nick, pick with the
 * arrow keys and Enter or Tab (or a click); Escape closes the list. The textarea stays a
 * textbox that controls the listbox (aria-autocomplete, aria-activedescendant).
 */
export function createNickCompletion(opts: {
  box: () => HTMLTextAreaElement | undefined;
  nicks: () => readonly string[];
}) {
  const id = createUniqueId();
  const [query, setQuery] = createSignal<NickQuery | null>(null);
  const [active, setActive] = createSignal(0);
  // Escape closes the list for this '@' until another one is typed.
  const [dismissed, setDismissed] = createSignal(-1);
  const options = createMemo(() => {
    const q = query();
    return q && q.start !== dismissed() ? matchNicks(q.prefix, opts.nicks()) : [];
  });
  const open = () => options().length > 0;
  const optionId = (i: number) => `${id}-${i}`;

  function update() {
    const box = opts.box();
    if (!box || box.selectionStart !== box.selectionEnd) return setQuery(null);
    const q = nickQueryAt(box.value, box.selectionStart);
    const before = query();
    if (q?.start !== before?.start || q?.prefix !== before?.prefix) setActive(0);
    if (!q || q.start !== dismissed()) setDismissed(-1);
    setQuery(q);
  }

  function pick(nick: string) {
    const box = opts.box();
    const q = query();
    if (!box || !q) return;
    const next = completeNickAt(box.value, q, nick);
    box.value = next.text;
    box.focus();
    box.setSelectionRange(next.caret, next.caret);
    setQuery(null);
  }

  /** Handles the key when the list is open; true when it did (the caller then does nothing). */
  function keydown(e: KeyboardEvent): boolean {
    if (!open() || e.isComposing) return false;
    const n = options().length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
      const nick = options()[active()];
      if (nick !== undefined) pick(nick);
    } else if (e.key === 'Escape') {
      setDismissed(query()?.start ?? -1);
    } else return false;
    e.preventDefault();
    e.stopPropagation();
    return true;
  }

  const listId = () => (open() ? id : undefined);
  const activeId = () => (open() ? optionId(active()) : undefined);

  function List() {
    return (
      <>
        <Show when={open()}>
          <div class="nick-list" id={id} role="listbox" aria-label={t('composer.nicks')}>
            <For each={options()}>
              {(nick, i) => (
                <div
                  id={optionId(i())}
                  role="option"
                  tabIndex={-1}
                  aria-selected={i() === active()}
                  onMouseDown={(e) => {
                    e.preventDefault(); // keep the focus in the textarea
                    pick(nick);
                  }}
                >
                  @{nick}
                </div>
              )}
            </For>
          </div>
        </Show>
        <span class="sr-only" aria-live="polite">
          {open() ? t('composer.nicksHint', { n: options().length }) : ''}
        </span>
      </>
    );
  }

  return { update, keydown, listId, activeId, List, close: () => setQuery(null) };
}

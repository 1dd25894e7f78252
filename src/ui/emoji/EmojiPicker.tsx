import { createEffect, createSignal, For, onMount, Show } from 'solid-js';
import { noteRecentEmoji, recentEmojiQuery } from '../../app/emoji';
import type { MessageKey } from '../../i18n';
import { lang, t } from '../lib/i18n';
import { createLive } from '../lib/live';
import { type Emoji, emojiByChar, emojiGroups, searchEmoji } from './emoji';

interface Section {
  key: string;
  title: string;
  emoji: Emoji[];
}

/**
 * A searchable emoji picker (a modal dialog): recently used first, then the categories; typing
 * searches names and keywords in English and Chinese. Arrow keys move between emoji, Enter
 * picks, Esc closes; the focus goes back to where it was.
 */
export function EmojiPicker(props: { onPick: (emoji: string) => void; onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  let search!: HTMLInputElement;
  let grid!: HTMLDivElement;
  let opener: Element | null = null;
  const [query, setQuery] = createSignal('');
  const recent = createLive(() => recentEmojiQuery, [] as string[]);

  const sections = (): Section[] => {
    if (query().trim())
      return [{ key: 'results', title: t('emoji.results'), emoji: searchEmoji(query()) }];
    const used = recent()
      .map((c) => emojiByChar(c) ?? { char: c, names: { en: c, 'zh-CN': c, 'zh-TW': c }, text: c })
      .filter((e) => e.char);
    const all = emojiGroups().map((g) => ({
      key: g.key,
      title: t(`emoji.${g.key}` as MessageKey),
      emoji: g.emoji,
    }));
    return used.length ? [{ key: 'recent', title: t('emoji.recent'), emoji: used }, ...all] : all;
  };

  const cells = () => [...grid.querySelectorAll<HTMLButtonElement>('button.emoji-cell')];
  // One emoji is in the tab order (the last one focused, else the first): Tab leaves the grid.
  function rove(to: HTMLButtonElement | undefined) {
    if (!to) return;
    for (const c of grid.querySelectorAll<HTMLButtonElement>('button.emoji-cell[tabindex="0"]'))
      c.tabIndex = -1;
    to.tabIndex = 0;
  }
  createEffect(() => {
    sections();
    queueMicrotask(() => rove(cells()[0]));
  });

  onMount(() => {
    opener = document.activeElement;
    dialog.showModal();
    search.focus();
  });

  function pick(char: string) {
    void noteRecentEmoji(char);
    props.onPick(char);
    dialog.close();
  }

  /** The emoji on the next row up or down, nearest to this one's column. */
  function vertical(from: HTMLButtonElement, down: boolean): HTMLButtonElement | undefined {
    const r = from.getBoundingClientRect();
    const mid = r.left + r.width / 2;
    let best: HTMLButtonElement | undefined;
    let bestRow = down ? Infinity : -Infinity;
    let bestDx = Infinity;
    for (const c of cells()) {
      const b = c.getBoundingClientRect();
      const row = b.top;
      if (down ? row <= r.top + 1 : row >= r.top - 1) continue;
      const dx = Math.abs(b.left + b.width / 2 - mid);
      const closerRow = down ? row < bestRow - 1 : row > bestRow + 1;
      const sameRow = Math.abs(row - bestRow) <= 1;
      if (closerRow || (sameRow && dx < bestDx)) {
        best = c;
        bestRow = row;
        bestDx = dx;
      }
    }
    return best;
  }

  function gridKey(e: KeyboardEvent) {
    const all = cells();
    const here = document.activeElement as HTMLButtonElement;
    const i = all.indexOf(here);
    if (i < 0) return;
    let to: HTMLButtonElement | undefined;
    if (e.key === 'ArrowRight') to = all[i + 1];
    else if (e.key === 'ArrowLeft') to = all[i - 1];
    else if (e.key === 'ArrowDown') to = vertical(here, true);
    else if (e.key === 'ArrowUp') {
      to = vertical(here, false);
      if (!to) {
        e.preventDefault();
        return search.focus();
      }
    } else if (e.key === 'Home') to = all[0];
    else if (e.key === 'End') to = all.at(-1);
    else return;
    e.preventDefault();
    if (!to) return;
    rove(to);
    to.focus();
  }

  function searchKey(e: KeyboardEvent) {
    const first = cells()[0];
    // A search field's own Esc would only clear it: Esc closes the picker, wherever the focus.
    if (e.key === 'Escape') {
      e.preventDefault();
      dialog.close();
    } else if (e.key === 'ArrowDown' && first) {
      e.preventDefault();
      rove(first);
      first.focus();
    } else if (e.key === 'Enter' && query().trim() && first) {
      e.preventDefault();
      pick(first.dataset['emoji'] ?? '');
    }
  }

  return (
    <dialog
      ref={dialog}
      class="emoji-picker"
      aria-label={t('emoji.title')}
      onClose={() => {
        if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
        props.onClose();
      }}
    >
      <div class="emoji-picker-head">
        <input
          ref={search}
          type="search"
          aria-label={t('emoji.search')}
          placeholder={t('emoji.search')}
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={searchKey}
        />
        <button
          type="button"
          class="icon"
          aria-label={t('common.close')}
          onClick={() => dialog.close()}
        >
          ×
        </button>
      </div>
      <div ref={grid} class="emoji-picker-body">
        <For each={sections()}>
          {(s) => (
            <fieldset class="emoji-section">
              <legend>{s.title}</legend>
              <div class="emoji-grid">
                <For each={s.emoji}>
                  {(e) => (
                    <button
                      type="button"
                      class="emoji-cell"
                      tabindex="-1"
                      data-emoji={e.char}
                      aria-label={e.names[lang()]}
                      title={e.names[lang()]}
                      onFocus={(ev) => rove(ev.currentTarget)}
                      onKeyDown={gridKey}
                      onClick={() => pick(e.char)}
                    >
                      {e.char}
                    </button>
                  )}
                </For>
              </div>
            </fieldset>
          )}
        </For>
        <Show when={query().trim() && sections()[0]?.emoji.length === 0}>
          <p class="hint" role="status">
            {t('emoji.none')}
          </p>
        </Show>
      </div>
    </dialog>
  );
}

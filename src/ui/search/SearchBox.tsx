import { createSignal, createUniqueId, onCleanup, onMount, Show } from 'solid-js';
import { EMPTY_RESULTS, searchEverything } from '../../app/search';
import { t } from '../lib/i18n';
import { createLive } from '../lib/live';
import { optionsOf, SearchResults } from './SearchResults';

/** Results follow typing after this pause, not on every key. */
export const SEARCH_DEBOUNCE_MS = 120;

/**
 * One search box over chats, contacts and message text (the chat list's header). Ctrl/Cmd+K
 * focuses it from anywhere; arrows move through the results, Enter opens one, Esc clears.
 */
export function SearchBox(props: {
  onOpen: (peer: string, messageId?: string) => void;
  /** Whether results are showing (the lists under the box make room for them). */
  onActive: (active: boolean) => void;
}) {
  let input!: HTMLInputElement;
  const listId = createUniqueId();
  const [text, setText] = createSignal('');
  // What is searched: the text once typing pauses.
  const [query, setQuery] = createSignal('');
  const [active, setActive] = createSignal(-1);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  // A live query: results follow new, edited and deleted messages while they show. A search
  // that reads far back shows its newest hits meanwhile (partial), until it ends.
  const [partial, setPartial] = createSignal({ q: '', r: EMPTY_RESULTS });
  const live = createLive(
    () => {
      const q = query();
      return q.trim()
        ? () => searchEverything(q, (r) => setPartial({ q, r })).then((r) => ({ q, r }))
        : null;
    },
    { q: '', r: EMPTY_RESULTS },
  );
  const shown = () => {
    const q = query();
    if (!q.trim()) return { q: '', r: EMPTY_RESULTS, partial: false };
    const p = partial();
    return live().q !== q && p.q === q ? { ...p, partial: true } : { ...live(), partial: false };
  };
  const results = () => shown().r;
  const shownFor = () => shown().q;

  const onInput = (q: string) => {
    setText(q);
    setActive(-1);
    clearTimeout(timer);
    props.onActive(q.trim() !== '');
    if (!q.trim()) return setQuery('');
    timer = setTimeout(() => setQuery(q), SEARCH_DEBOUNCE_MS);
  };

  const clear = () => {
    input.value = '';
    onInput('');
  };

  const open = (i: number) => {
    const o = optionsOf(results())[i];
    if (!o) return;
    props.onOpen(o.peer, o.messageId);
    // Opening a chat or contact ends the search; a message keeps its results to go on from.
    if (!o.messageId) clear();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const n = optionsOf(results()).length;
    if (e.key === 'ArrowDown' && n) {
      e.preventDefault();
      setActive((i) => (i + 1) % n);
    } else if (e.key === 'ArrowUp' && n) {
      e.preventDefault();
      setActive((i) => (i <= 0 ? n - 1 : i - 1));
    } else if (e.key === 'Enter' && n) {
      e.preventDefault();
      open(Math.max(0, active()));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (text()) clear();
      else input.blur();
    }
  };

  onMount(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        input.focus();
        input.select();
      }
    };
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });

  const optionId = (i: number) => `${listId}-${i}`;

  return (
    <div class="search">
      <div class="search-field">
        <input
          ref={input}
          type="search"
          role="combobox"
          aria-label={t('search.label')}
          aria-expanded={shownFor() !== '' && text().trim() !== ''}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active() >= 0 ? optionId(active()) : undefined}
          aria-keyshortcuts="Control+K Meta+K"
          placeholder={`${t('search.placeholder')} (${t('search.shortcut')})`}
          autocomplete="off"
          spellcheck={false}
          onInput={(e) => onInput(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        <Show when={text()}>
          <button
            type="button"
            class="icon search-clear"
            aria-label={t('search.clear')}
            onClick={clear}
          >
            ×
          </button>
        </Show>
      </div>
      <Show when={text().trim()}>
        <SearchResults
          id={listId}
          query={shownFor()}
          pending={shownFor() !== text() || shown().partial}
          results={results()}
          active={active()}
          optionId={optionId}
          onOpen={open}
        />
      </Show>
    </div>
  );
}

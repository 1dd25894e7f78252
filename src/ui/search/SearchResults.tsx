import { For, type JSX, Show } from 'solid-js';
import type { SearchResults as Results } from '../../app/search';
import { formatTime } from '../lib/format';
import { t } from '../lib/i18n';
import { Highlighted } from './Highlighted';
import { snippet } from './snippet';

/** One kind of result (chats, contacts, messages): a labelled group of options in the listbox. */
function ResultGroup(props: { label: string; children: JSX.Element }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox (ARIA), not a form's fieldset
    <div role="group" aria-label={props.label}>
      <div class="search-group" aria-hidden="true">
        {props.label}
      </div>
      {props.children}
    </div>
  );
}

/** What a result opens: a conversation, at a message when it is one. */
export interface SearchOption {
  peer: string;
  messageId?: string;
}

/** The results in the order they are shown and moved through with the arrow keys. */
export function optionsOf(r: Results): SearchOption[] {
  return [
    ...r.chats.map((c) => ({ peer: c.peer })),
    ...r.contacts.map((c) => ({ peer: c.jid })),
    ...r.messages.map((m) => ({ peer: m.peer, messageId: m.id })),
  ];
}

/** The grouped results: Chats, Contacts, Messages. A listbox; focus stays in the search box. */
export function SearchResults(props: {
  id: string;
  query: string;
  pending: boolean;
  results: Results;
  active: number;
  optionId: (i: number) => string;
  onOpen: (i: number) => void;
}) {
  const chats = () => props.results.chats;
  const contacts = () => props.results.contacts;
  const messages = () => props.results.messages;
  const total = () => chats().length + contacts().length + messages().length;
  const option = (i: number) => ({
    id: props.optionId(i),
    role: 'option' as const,
    class: 'row search-hit',
    // Getters: the spread reads them again as the active result moves.
    get classList() {
      return { active: props.active === i };
    },
    get 'aria-selected'() {
      return props.active === i;
    },
    // Keeps focus in the box: the click opens the result without taking focus first.
    onMouseDown: (e: MouseEvent) => e.preventDefault(),
    onClick: () => props.onOpen(i),
  });
  return (
    <div class="list search-results" aria-busy={props.pending}>
      <p class="sr-only" role="status">
        <Show when={!props.pending && props.query}>{t('search.results', { n: total() })}</Show>
      </p>
      <Show when={props.query && total() === 0 && !props.pending}>
        <p class="hint">{t('search.none', { query: props.query })}</p>
      </Show>
      <Show when={props.pending && total() === 0}>
        <p class="hint">{t('search.searching')}</p>
      </Show>
      <div id={props.id} role="listbox" aria-label={t('search.label')}>
        <Show when={chats().length}>
          <ResultGroup label={t('search.chats')}>
            <For each={chats()}>
              {(c, i) => (
                <div {...option(i())}>
                  <span class="name">
                    <Highlighted text={c.name} ranges={c.ranges} />
                  </span>
                  <Show when={c.name !== c.peer}>
                    <span class="status">{c.peer}</span>
                  </Show>
                </div>
              )}
            </For>
          </ResultGroup>
        </Show>
        <Show when={contacts().length}>
          <ResultGroup label={t('search.contacts')}>
            <For each={contacts()}>
              {(c, i) => (
                <div {...option(chats().length + i())}>
                  <span class="name">
                    <Highlighted text={c.name} ranges={c.ranges} />
                  </span>
                  <span class="status">{c.jid}</span>
                </div>
              )}
            </For>
          </ResultGroup>
        </Show>
        <Show when={messages().length}>
          <ResultGroup label={t('search.messages')}>
            <For each={messages()}>
              {(m, i) => {
                const s = snippet(m.text, m.ranges);
                return (
                  <div {...option(chats().length + contacts().length + i())}>
                    <span class="row-main">
                      <span class="row-title">
                        <span class="name">{m.chat}</span>
                        <span class="when">{formatTime(m.at)}</span>
                      </span>
                      <span class="preview">
                        <Show when={m.direction === 'out'}>{`${t('search.you')}: `}</Show>
                        <Highlighted text={s.text} ranges={s.ranges} />
                      </span>
                    </span>
                  </div>
                );
              }}
            </For>
          </ResultGroup>
        </Show>
      </div>
    </div>
  );
}

import { For, Show } from 'solid-js';
import { conversationsQuery } from '../app/queries';
import type { MessageKey } from '../i18n';
import { formatTime } from './lib/format';
import { t } from './lib/i18n';
import { createLiveList } from './lib/live';
import { PresenceDot } from './PresenceDot';

function previewText(c: { preview: string; previewFile?: string }): string {
  if (!c.previewFile) return c.preview;
  const kind = t(`file.kind.${c.previewFile}` as MessageKey);
  return c.previewFile === 'voice' ? `[${kind}]` : t('file.preview', { kind, name: c.preview });
}

export function ConversationList(props: {
  selected: string | null;
  onSelect: (jid: string) => void;
}) {
  const list = createLiveList(() => conversationsQuery, 'peer');
  return (
    <nav class="list" aria-label={t('nav.chats')}>
      <Show when={list.ready() && list.rows.length === 0}>
        <p class="hint">{t('conv.empty')}</p>
      </Show>
      <ul>
        <For each={list.rows}>
          {(c) => (
            <li>
              <button
                type="button"
                class="row"
                classList={{ selected: props.selected === c.peer }}
                aria-current={props.selected === c.peer ? 'true' : undefined}
                aria-label={c.displayName}
                aria-describedby={`conv-${c.peer}`}
                onClick={() => props.onSelect(c.peer)}
              >
                <PresenceDot show={c.show} />
                <span class="row-main">
                  <span class="row-title">
                    <span class="name">{c.displayName}</span>
                    <time class="when">{formatTime(c.lastAt)}</time>
                  </span>
                  <span class="row-sub" id={`conv-${c.peer}`}>
                    <span class="preview">
                      {c.previewDirection === 'out'
                        ? t('conv.you', { text: previewText(c) })
                        : previewText(c)}
                    </span>
                    <Show when={c.unread > 0}>
                      <span class="badge">
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
    </nav>
  );
}

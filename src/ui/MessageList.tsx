import { createEffect, For, on, Show } from 'solid-js';
import { messagesQuery } from '../app/queries';
import { t } from './lib/i18n';
import { createLiveList } from './lib/live';
import { MessageItem } from './MessageItem';

const NEAR_BOTTOM_PX = 80;

export function MessageList(props: { peer: string; name: string }) {
  let el!: HTMLDivElement;
  let stick = true;
  const list = createLiveList(() => {
    const p = props.peer;
    return () => messagesQuery(p);
  }, 'id');

  // Follow new messages only when the person is already at the bottom; never steal focus.
  createEffect(
    on(
      () => [list.rows.length, list.rows[list.rows.length - 1]?.id],
      () => {
        if (stick) queueMicrotask(() => el.scrollTo({ top: el.scrollHeight }));
      },
    ),
  );
  createEffect(
    on(
      () => props.peer,
      () => {
        stick = true;
      },
    ),
  );

  return (
    <div
      ref={el}
      class="messages"
      role="log"
      aria-label={t('chat.log', { name: props.name })}
      tabindex="0"
      onScroll={() => {
        stick = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
      }}
    >
      <Show when={list.ready() && list.rows.length === 0}>
        <p class="hint">{t('chat.empty')}</p>
      </Show>
      <ol>
        <For each={list.rows}>{(m) => <MessageItem message={m} />}</For>
      </ol>
    </div>
  );
}

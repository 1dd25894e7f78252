import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { loadOlder } from '../app/commands';
import { conversationQuery, loadingOlderQuery, messagesQuery } from '../app/queries';
import { t } from './lib/i18n';
import { createLive, createLiveList } from './lib/live';
import { MessageItem } from './MessageItem';

const NEAR_BOTTOM_PX = 80;
const NEAR_TOP_PX = 300;
const WINDOW_STEP = 60;

/**
 * The newest messages of a conversation, a window at a time: scrolling up widens the window
 * from IndexedDB, and asks the server's archive when the local copy runs out.
 */
export function MessageList(props: { peer: string; name: string }) {
  let el!: HTMLDivElement;
  let stick = true;
  // Where the view was, so older messages added above do not move what the person reads.
  let lastHeight = 0;
  let lastTop = 0;
  const remember = () => {
    lastHeight = el.scrollHeight;
    lastTop = el.scrollTop;
  };
  const [size, setSize] = createSignal(WINDOW_STEP);
  const list = createLiveList(() => {
    const p = props.peer;
    const n = size();
    return () => messagesQuery(p, n);
  }, 'id');
  const conv = createLive(() => {
    const p = props.peer;
    return () => conversationQuery(p);
  }, undefined);
  const loading = createLive(() => loadingOlderQuery, '');
  const complete = () => conv()?.historyComplete === true;
  const localRanOut = () => list.ready() && list.rows.length < size();

  createEffect(
    on(
      () => props.peer,
      () => {
        stick = true;
        setSize(WINDOW_STEP);
      },
    ),
  );

  // Follow new messages only when the person is already at the bottom; never steal focus.
  createEffect(
    on(
      () => [list.rows.length, list.rows[list.rows.length - 1]?.id],
      () => {
        if (stick)
          queueMicrotask(() => {
            el.scrollTo({ top: el.scrollHeight });
            remember();
          });
      },
    ),
  );

  // Older messages were added above: keep the same messages in view.
  createEffect(
    on(
      () => list.rows[0]?.id,
      (first, prev) => {
        if (prev !== undefined && first !== prev && !stick) {
          el.scrollTop = lastTop + (el.scrollHeight - lastHeight);
        }
        remember();
      },
    ),
  );

  // Local history ran out while the person wants more: fetch an older page from the archive.
  createEffect(() => {
    if (localRanOut() && !complete() && loading() !== props.peer) {
      void loadOlder(props.peer);
    }
  });

  function onScroll() {
    remember();
    stick = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (el.scrollTop < NEAR_TOP_PX && !(localRanOut() && complete())) {
      if (!localRanOut()) setSize(size() + WINDOW_STEP);
      else if (loading() !== props.peer) setSize(size() + WINDOW_STEP);
    }
  }

  return (
    <div
      ref={el}
      class="messages"
      role="log"
      aria-label={t('chat.log', { name: props.name })}
      tabindex="0"
      onScroll={onScroll}
    >
      <Show when={list.ready() && list.rows.length > 0}>
        <p class="history-edge">
          <Show
            when={localRanOut() && complete()}
            fallback={
              <Show when={loading() === props.peer} fallback={<span>&nbsp;</span>}>
                {t('history.loading')}
              </Show>
            }
          >
            {t('history.start')}
          </Show>
        </p>
      </Show>
      <Show when={list.ready() && list.rows.length === 0}>
        <p class="hint">{t('chat.empty')}</p>
      </Show>
      <ol>
        <For each={list.rows}>{(m) => <MessageItem message={m} />}</For>
      </ol>
    </div>
  );
}

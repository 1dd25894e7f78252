import { type Component, For, onCleanup, onMount, Show } from 'solid-js';
import type { Message } from '../app/queries';
import { CardView } from '../ui/support/CardView';
import { RatingView } from '../ui/support/RatingView';
import { followEnd } from './followEnd';
import type { Translate } from './text';

/** The conversation: greeting first, then the messages; text only, never HTML. */
export function Log(props: {
  t: Translate;
  lang: string;
  greeting: string;
  messages: Message[];
  onRetry: (id: string) => void;
  /** How a file is drawn (Attachment.tsx, fetched with the first file: Panel.tsx). */
  attachment: Component<{ message: Message; t: Translate; lang: string }>;
}) {
  let log!: HTMLDivElement;
  onMount(() => onCleanup(followEnd(log)));
  return (
    // role="log": read politely as messages arrive; never takes focus.
    <div ref={log} class="log" role="log" aria-label={props.t('widget.log')} tabindex="0">
      <div class="msg in">
        <span class="bubble">{props.greeting}</span>
      </div>
      <For each={props.messages}>
        {(m) => (
          <div class={`msg ${m.direction}`} classList={{ failed: m.state === 'failed' }}>
            <span class="who">
              {m.direction === 'out' ? props.t('widget.you') : (m.nick ?? '')}
            </span>
            <Show
              when={m.file}
              fallback={
                <Show
                  when={m.card}
                  fallback={
                    <Show when={m.rating} fallback={<span class="bubble">{m.body}</span>}>
                      {(r) => (
                        <span class="bubble">
                          <RatingView rating={r()} t={props.t} />
                        </span>
                      )}
                    </Show>
                  }
                >
                  {(card) => <CardView card={card()} t={props.t} lang={props.lang} />}
                </Show>
              }
            >
              <props.attachment message={m} t={props.t} lang={props.lang} />
              <Show when={m.caption}>
                <span class="bubble">{m.caption}</span>
              </Show>
            </Show>
            <Show when={m.direction === 'out'}>
              <span class="state">
                <Show when={m.state === 'queued'}>{props.t('widget.queued')}</Show>
                <Show when={m.state === 'failed'}>
                  {props.t('widget.failed')}{' '}
                  <button type="button" class="retry" onClick={() => props.onRetry(m.id)}>
                    {props.t('widget.retry')}
                  </button>
                </Show>
              </span>
            </Show>
          </div>
        )}
      </For>
    </div>
  );
}

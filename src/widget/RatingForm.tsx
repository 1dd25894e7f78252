import { createSignal, For, Show } from 'solid-js';
import type { Translate } from './text';

const STARS = [1, 2, 3, 4, 5];

/** After the team closes the conversation: 1–5 stars (a radio group), a comment, Send or Skip. */
export function RatingForm(props: {
  t: Translate;
  onSend: (rating: { stars: number; comment?: string }) => Promise<void>;
  onSkip: () => void;
}) {
  const [stars, setStars] = createSignal(0);
  const [comment, setComment] = createSignal('');
  const [missing, setMissing] = createSignal(false);
  const uid = Math.random().toString(36).slice(2);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!stars()) return setMissing(true);
    setMissing(false);
    const text = comment().trim();
    await props.onSend(text ? { stars: stars(), comment: text } : { stars: stars() });
  };
  return (
    <form class="rate" novalidate onSubmit={submit}>
      <fieldset>
        <legend>{props.t('widget.rate.legend')}</legend>
        <div class="stars">
          <For each={STARS}>
            {(n) => (
              <label class="star" classList={{ on: n <= stars() }}>
                <input
                  type="radio"
                  name={`pw-stars-${uid}`}
                  value={n}
                  checked={stars() === n}
                  aria-label={props.t('widget.rate.stars', { n })}
                  onChange={() => setStars(n)}
                />
                <span aria-hidden="true">★</span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <Show when={missing()}>
        <p class="error" role="alert">
          {props.t('widget.rate.pick')}
        </p>
      </Show>
      <label for={`pw-comment-${uid}`}>{props.t('widget.rate.comment')}</label>
      <textarea
        id={`pw-comment-${uid}`}
        rows="2"
        maxlength="1000"
        value={comment()}
        onInput={(e) => setComment(e.currentTarget.value)}
      />
      <div class="actions">
        <button type="button" class="skip" onClick={() => props.onSkip()}>
          {props.t('widget.rate.skip')}
        </button>
        <button type="submit" class="send">
          {props.t('widget.rate.send')}
        </button>
      </div>
    </form>
  );
}

import { Show } from 'solid-js';

/** A failure in words, announced to screen readers; nothing when there is none. */
export function ErrorLine(props: { text: string }) {
  return (
    <Show when={props.text}>
      <p role="alert" class="error">
        {props.text}
      </p>
    </Show>
  );
}

import { createSignal } from 'solid-js';
import type { Translate } from './text';

/** The message box: Enter sends, Shift+Enter is a new line. */
export function Composer(props: {
  t: Translate;
  onSend: (body: string) => Promise<void>;
  ref?: (el: HTMLTextAreaElement) => void;
}) {
  const [text, setText] = createSignal('');
  const id = `pw-msg-${Math.random().toString(36).slice(2)}`;
  const send = async (e?: Event) => {
    e?.preventDefault();
    const body = text();
    if (!body.trim()) return;
    setText('');
    await props.onSend(body).catch((err: unknown) => {
      setText(body); // nothing was queued: keep what they typed
      console.error('[parley widget] send', err);
    });
  };
  return (
    <form class="compose" onSubmit={send}>
      <label for={id}>{props.t('widget.message')}</label>
      <textarea
        id={id}
        ref={props.ref}
        rows="2"
        maxlength="10000"
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) void send(e);
        }}
      />
      <button type="submit" class="send">
        {props.t('widget.send')}
      </button>
    </form>
  );
}

import { createSignal, onCleanup } from 'solid-js';
import { FilePicker } from '../ui/files/FilePicker';
import type { Translate } from './text';

/** Typing that stops this long is "paused" (XEP-0085). */
const PAUSE_MS = 5_000;

/**
 * The message box: Enter sends, Shift+Enter is a new line; typing is told to the team. Files
 * come from the attach button (several at once) or a paste; what is typed stays as it is.
 */
export function Composer(props: {
  t: Translate;
  onSend: (body: string) => Promise<void>;
  onFiles: (files: File[]) => void;
  onTyping?: (state: 'composing' | 'paused' | 'active') => void;
  ref?: (el: HTMLTextAreaElement) => void;
}) {
  const [text, setText] = createSignal('');
  let pause: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(pause));
  const typed = (value: string) => {
    clearTimeout(pause);
    if (!value.trim()) return props.onTyping?.('active');
    props.onTyping?.('composing');
    pause = setTimeout(() => props.onTyping?.('paused'), PAUSE_MS);
  };
  const id = `pw-msg-${Math.random().toString(36).slice(2)}`;
  const send = async (e?: Event) => {
    e?.preventDefault();
    const body = text();
    if (!body.trim()) return;
    setText('');
    typed('');
    await props.onSend(body).catch((err: unknown) => {
      setText(body); // nothing was queued: keep what they typed
      console.error('[parley widget] send', err);
    });
  };
  return (
    <form class="compose" onSubmit={send}>
      <FilePicker label={props.t('widget.attach')} onFiles={props.onFiles} />
      <label for={id}>{props.t('widget.message')}</label>
      <textarea
        id={id}
        ref={props.ref}
        rows="2"
        maxlength="10000"
        value={text()}
        onInput={(e) => {
          setText(e.currentTarget.value);
          typed(e.currentTarget.value);
        }}
        onPaste={(e) => {
          // A screenshot or a copied picture; a paste of text has no files.
          const files = Array.from(e.clipboardData?.files ?? []);
          if (!files.length) return;
          e.preventDefault(); // the picture is sent; no file name lands in the text
          props.onFiles(files);
        }}
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

import { createSignal, onCleanup } from 'solid-js';
import { sendMessage, setTyping } from '../app/commands';
import { ErrorLine } from './ErrorLine';
import { errorText } from './errors';
import { t } from './lib/i18n';

const PAUSE_AFTER_MS = 5000;

export function Composer(props: { peer: string }) {
  let box!: HTMLTextAreaElement;
  let pauseTimer: ReturnType<typeof setTimeout> | undefined;
  const [error, setError] = createSignal('');
  onCleanup(() => clearTimeout(pauseTimer));

  function typed() {
    setError('');
    const peer = props.peer;
    clearTimeout(pauseTimer);
    if (!box.value.trim()) {
      void setTyping(peer, 'active');
      return;
    }
    void setTyping(peer, 'composing');
    pauseTimer = setTimeout(() => void setTyping(peer, 'paused'), PAUSE_AFTER_MS);
  }

  async function send() {
    const text = box.value;
    if (!text.trim()) return;
    try {
      await sendMessage(props.peer, text);
      box.value = '';
      clearTimeout(pauseTimer);
      void setTyping(props.peer, 'active');
    } catch (err) {
      setError(errorText(err));
    }
    box.focus();
  }

  function keydown(e: KeyboardEvent) {
    // Enter sends; Shift+Enter is a new line; Enter that confirms an IME candidate is not a send.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      void send();
    }
  }

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <ErrorLine text={error()} />
      <textarea
        ref={box}
        rows="1"
        aria-label={t('chat.message')}
        placeholder={t('chat.placeholder')}
        onInput={typed}
        onKeyDown={keydown}
        maxLength={10000}
      />
      <button type="submit" class="primary">
        {t('chat.send')}
      </button>
    </form>
  );
}

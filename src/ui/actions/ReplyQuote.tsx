import { createResource, Show } from 'solid-js';
import { repliedMessage } from '../../app/messageActs';
import type { Message } from '../../app/queries';
import { t } from '../lib/i18n';

/** Who wrote a message, as a quote names them. */
export function authorName(m: Message, peerName: string): string {
  if (m.direction === 'out') return t('acts.you');
  return m.nick ?? peerName;
}

/** What a quote shows of a message: its text, or that it is a file. */
export function snippetOf(m: Message): string {
  if (m.retracted) return t('acts.deleted');
  const text = m.file ? m.file.name || t('acts.attachment') : m.body;
  return text.replace(/\s+/g, ' ').trim();
}

/** Scroll the conversation to the message with this row id and give it the focus. */
export function goToMessage(id: string) {
  const row = document.querySelector<HTMLElement>(`li.msg[data-id="${CSS.escape(id)}"]`);
  if (!row) return false;
  row.scrollIntoView({ block: 'center' });
  row.focus({ preventScroll: true });
  row.classList.add('msg-flash');
  row.addEventListener('animationend', () => row.classList.remove('msg-flash'), { once: true });
  return true;
}

/** The message a reply answers, above the reply's text; a click goes to it. */
export function ReplyQuote(props: { message: Message; peerName: string }) {
  const ref = () => props.message.replyTo;
  const [quoted] = createResource(
    () => {
      const r = ref();
      // Read again when the reply changes (a retraction of the quoted message shows too).
      return r ? { peer: props.message.peer, id: r.id, at: props.message.at } : undefined;
    },
    (k) => repliedMessage(k.peer, k.id),
  );
  return (
    <Show when={ref()}>
      <Show
        when={quoted()}
        fallback={<p class="reply-quote reply-missing">{t('acts.quoteMissing')}</p>}
      >
        {(q) => (
          <button
            type="button"
            class="reply-quote"
            aria-label={t('acts.quote', {
              name: authorName(q(), props.peerName),
              text: snippetOf(q()),
            })}
            onClick={() => goToMessage(q().id)}
          >
            <bdi class="reply-name">{authorName(q(), props.peerName)}</bdi>
            <span class="reply-text">{snippetOf(q())}</span>
          </button>
        )}
      </Show>
    </Show>
  );
}

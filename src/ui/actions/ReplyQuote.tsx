import { createResource, createSignal, Show } from 'solid-js';
import { findRepliedMessage } from '../../app/findMessage';
import { repliedMessage } from '../../app/messageActs';
import type { Message } from '../../app/queries';
import { t } from '../lib/i18n';
import { jumpTo } from './jump';

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

/** What the person is told when the original could not be shown. */
const NOTE = {
  missing: 'acts.quoteNotFound',
  failed: 'acts.quoteFailed',
  offline: 'acts.quoteOffline',
} as const;

/**
 * The message a reply answers, above the reply's text; a click goes to it: in the rows on
 * screen, further up in the stored history, or, when it is not on this device, fetched from
 * the archive first. When it cannot be found the person is told so, never left with nothing.
 */
export function ReplyQuote(props: { message: Message; peerName: string }) {
  const ref = () => props.message.replyTo;
  const [quoted, { refetch }] = createResource(
    () => {
      const r = ref();
      // Read again when the reply changes (a retraction of the quoted message shows too).
      return r ? { peer: props.message.peer, id: r.id, at: props.message.at } : undefined;
    },
    (k) => repliedMessage(k.peer, k.id),
  );
  const [looking, setLooking] = createSignal(false);
  const [note, setNote] = createSignal<keyof typeof NOTE | null>(null);

  function go(id: string) {
    if (!goToMessage(id)) jumpTo(props.message.peer, id);
  }
  async function fetchOriginal() {
    const r = ref();
    if (!r || looking()) return;
    setNote(null);
    setLooking(true);
    try {
      const found = await findRepliedMessage(props.message.peer, r.id);
      if (found.state !== 'found') return setNote(found.state);
      await refetch();
      go(found.id);
    } catch {
      setNote('failed');
    } finally {
      setLooking(false);
    }
  }

  return (
    <Show when={ref()}>
      <Show
        when={quoted()}
        fallback={
          <>
            <button
              type="button"
              class="reply-quote reply-missing"
              aria-busy={looking()}
              disabled={note() === 'missing'}
              onClick={() => void fetchOriginal()}
            >
              {looking() ? t('acts.quoteLooking') : t('acts.quoteFetch')}
            </button>
            <Show when={note()}>
              {(n) => (
                <p class="reply-note" role="status">
                  {t(NOTE[n()])}
                </p>
              )}
            </Show>
          </>
        }
      >
        {(q) => (
          <button
            type="button"
            class="reply-quote"
            aria-label={t('acts.quote', {
              name: authorName(q(), props.peerName),
              text: snippetOf(q()),
            })}
            onClick={() => go(q().id)}
          >
            <bdi class="reply-name">{authorName(q(), props.peerName)}</bdi>
            <span class="reply-text">{snippetOf(q())}</span>
          </button>
        )}
      </Show>
    </Show>
  );
}

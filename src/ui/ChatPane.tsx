import { Show } from 'solid-js';
import { contactQuery, conversationQuery, displayName } from '../app/queries';
import { Composer } from './Composer';
import { t } from './lib/i18n';
import { createLive } from './lib/live';
import { MessageList } from './MessageList';
import { PresenceDot } from './PresenceDot';

const TYPING_FRESH_MS = 30_000;

export function ChatPane(props: { peer: string; onBack: () => void }) {
  const contact = createLive(() => {
    const p = props.peer;
    return () => contactQuery(p);
  }, undefined);
  const conv = createLive(() => {
    const p = props.peer;
    return () => conversationQuery(p);
  }, undefined);
  const name = () => contact()?.displayName ?? displayName(undefined, props.peer);
  const typing = () => {
    const c = conv();
    if (!c?.peerState || !c.peerStateAt || Date.now() - c.peerStateAt > TYPING_FRESH_MS) return '';
    if (c.peerState === 'composing') return t('chat.typing', { name: name() });
    return '';
  };

  return (
    <section class="chat" aria-label={name()}>
      <header class="chat-head">
        <button
          type="button"
          class="icon back"
          aria-label={t('nav.back')}
          onClick={() => props.onBack()}
        >
          ‹
        </button>
        <PresenceDot show={contact()?.show ?? 'offline'} />
        <div class="chat-title">
          <h2>{name()}</h2>
          <p class="status">{contact()?.status ?? props.peer}</p>
        </div>
      </header>
      <MessageList peer={props.peer} name={name()} />
      <p class="typing" aria-live="polite">
        <Show when={typing()}>{typing()}</Show>
      </p>
      <Composer peer={props.peer} />
    </section>
  );
}

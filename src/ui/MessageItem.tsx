import { Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { deleteMessage, retryMessage } from '../app/commands';
import type { Message } from '../app/queries';
import type { MessageKey } from '../i18n';
import { MessageMenu } from './actions/MessageMenu';
import { Reactions } from './actions/Reactions';
import { ReplyQuote } from './actions/ReplyQuote';
import { AttachmentView } from './files/AttachmentView';
import { formatLimit, formatTime, fullTime } from './lib/format';
import { lang, t } from './lib/i18n';
import { CheckIcon, ClockIcon, DoubleCheckIcon, WarningIcon } from './lib/icons';
import { nickColours } from './lib/nickColour';
import { MessageBody } from './MessageBody';
import { CardView } from './support/CardView';
import { RatingView } from './support/RatingView';

// Drawn, not emoji: a system without an emoji font would show a box for 🕓.
const STATE_ICON = {
  queued: ClockIcon,
  sent: CheckIcon,
  delivered: DoubleCheckIcon,
  displayed: DoubleCheckIcon,
  failed: WarningIcon,
};
const REASONS = new Set([
  'no-ack',
  'service-unavailable',
  'remote-server-not-found',
  'not-in-room',
]);

function reason(error?: string) {
  if (error?.startsWith('upload:')) {
    // upload:<code>[:<detail>], see engine/upload/runner.ts
    const [, code = 'other', detail = ''] = error.split(':');
    const n = Number(detail);
    return t(`upload.${code}` as MessageKey, {
      limit: Number.isFinite(n) && n > 0 ? formatLimit(n) : '?',
      status: detail || '?',
    });
  }
  return t(`reason.${error && REASONS.has(error) ? error : 'other'}` as MessageKey);
}

/** A nickname's XEP-0392 colours, for the light and the dark theme (styles/look.css picks one). */
function nickStyle(nick: string) {
  const c = nickColours(nick);
  return { '--nick-light': c.light, '--nick-dark': c.dark };
}

export function MessageItem(props: {
  message: Message;
  name?: string;
  /** Our own name here (a room: our nick), for our "/me" messages. */
  selfName?: string | undefined;
  /** The one before is by the same person shortly before: one group, the name not repeated. */
  continued?: boolean;
  /** The next one is in the same group: the group's time is shown once, on its last message. */
  more?: boolean;
}) {
  const m = () => props.message;
  const nick = () => (m().direction === 'in' && !props.continued ? m().nick : undefined);
  /** Who a "/me" message is by. */
  const actor = () =>
    m().nick ?? (m().direction === 'in' ? (props.name ?? m().peer) : (props.selfName ?? ''));
  let row: HTMLLIElement | undefined;
  // A moderator's deletion (XEP-0425) says so, with the reason the room gave.
  const deletedText = () => {
    const mod = m().moderated;
    if (!mod) return t('acts.deleted');
    return mod.reason ? t('acts.moderatedWhy', { reason: mod.reason }) : t('acts.moderated');
  };
  // The texts before the last correction, oldest first: what "edited" reveals.
  const history = () =>
    t('acts.editedHistory', { history: (m().edits ?? []).map((e) => `“${e.body}”`).join(' → ') });
  return (
    <li
      ref={row}
      class={`msg msg-${m().direction}`}
      classList={{
        mention: m().mention === true,
        retracted: m().retracted === true,
        'msg-cont': props.continued === true,
        'msg-next': props.more === true,
      }}
      data-state={m().state}
      data-id={m().id}
      tabindex="0"
    >
      <MessageMenu message={m()} row={() => row} />
      <div class={m().file ? 'bubble bubble-file' : 'bubble'}>
        <Show when={nick()}>
          {(n) => (
            <bdi class="nick" style={nickStyle(n())}>
              {n()}
            </bdi>
          )}
        </Show>
        <Show when={m().mention}>
          <span class="sr-only">{t('msg.mentionsYou')}</span>
        </Show>
        <ReplyQuote message={m()} peerName={props.name ?? m().peer} />
        <Show when={!m().retracted} fallback={<p class="body msg-deleted">{deletedText()}</p>}>
          <Show
            when={m().file}
            fallback={
              <Show
                when={m().card}
                fallback={
                  <Show
                    when={m().rating}
                    fallback={<MessageBody body={m().body} at={m().at} actor={actor()} />}
                  >
                    {(r) => <RatingView rating={r()} t={t} />}
                  </Show>
                }
              >
                {(card) => <CardView card={card()} t={t} lang={lang()} />}
              </Show>
            }
          >
            <AttachmentView message={m()} senderName={m().nick ?? props.name ?? m().peer} />
            <Show when={m().caption}>
              {(c) => (
                <div class="caption">
                  <MessageBody body={c()} at={m().at} actor={actor()} />
                </div>
              )}
            </Show>
          </Show>
        </Show>
        <span class="meta">
          <Show when={m().editedAt !== undefined && !m().retracted}>
            <span class="edited" title={history()}>
              {t('acts.edited')}
            </span>
            <span class="sr-only">{history()}</span>
          </Show>
          <time datetime={new Date(m().at).toISOString()} title={fullTime(m().at)}>
            {formatTime(m().at)}
          </time>
          <Show when={m().direction === 'out'}>
            <span class={`state state-${m().state}`} title={t(`state.${m().state}`)}>
              <Dynamic component={STATE_ICON[m().state]} />
              <span class="sr-only">{t(`state.${m().state}`)}</span>
            </span>
          </Show>
        </span>
        <Reactions message={m()} peerName={props.name ?? m().peer} />
        <Show when={m().state === 'failed'}>
          <div class="failed">
            <span>{t('msg.notSent', { reason: reason(m().error) })}</span>
            <button type="button" class="link" onClick={() => void retryMessage(m().id)}>
              {t('msg.retry')}
            </button>
            <button type="button" class="link" onClick={() => void deleteMessage(m().id)}>
              {t('msg.delete')}
            </button>
          </div>
        </Show>
      </div>
    </li>
  );
}

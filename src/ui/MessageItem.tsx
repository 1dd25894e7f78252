import { Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { deleteMessage, retryMessage } from '../app/commands';
import type { Message } from '../app/queries';
import type { MessageKey } from '../i18n';
import { AttachmentView } from './files/AttachmentView';
import { formatLimit, formatTime, fullTime } from './lib/format';
import { t } from './lib/i18n';
import { CheckIcon, ClockIcon, DoubleCheckIcon, WarningIcon } from './lib/icons';
import { MessageBody } from './MessageBody';

// Drawn, not emoji: a system without an emoji font would show a box for 🕓.
const STATE_ICON = {
  queued: ClockIcon,
  sent: CheckIcon,
  delivered: DoubleCheckIcon,
  displayed: DoubleCheckIcon,
  failed: WarningIcon,
};
const REASONS = new Set(['no-ack', 'service-unavailable', 'remote-server-not-found']);

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

/** A stable hue for a nickname, so each person in a room keeps one colour. */
function nickHue(nick: string): number {
  let h = 0;
  for (const ch of nick) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 360;
  return h;
}

export function MessageItem(props: {
  message: Message;
  name?: string;
  /** Room messages: the one before is by the same person, so the nick is not repeated. */
  continued?: boolean;
}) {
  const m = () => props.message;
  const nick = () => (m().direction === 'in' && !props.continued ? m().nick : undefined);
  return (
    <li
      class={`msg msg-${m().direction}`}
      classList={{ mention: m().mention === true }}
      data-state={m().state}
      data-id={m().id}
    >
      <div class={m().file ? 'bubble bubble-file' : 'bubble'}>
        <Show when={nick()}>
          {(n) => (
            <bdi class="nick" style={{ '--nick-hue': String(nickHue(n())) }}>
              {n()}
            </bdi>
          )}
        </Show>
        <Show when={m().mention}>
          <span class="sr-only">{t('msg.mentionsYou')}</span>
        </Show>
        <Show when={m().file} fallback={<MessageBody body={m().body} at={m().at} />}>
          <AttachmentView message={m()} senderName={m().nick ?? props.name ?? m().peer} />
        </Show>
        <span class="meta">
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

import { Show } from 'solid-js';
import { dismissTaskError } from '../app/commands';
import { taskErrorQuery } from '../app/queries';
import type { MessageKey } from '../i18n';
import { t } from './lib/i18n';
import { createLive } from './lib/live';

const KINDS = new Set([
  'addContact',
  'removeContact',
  'acceptRequest',
  'declineRequest',
  'setRole',
  'setAffiliation',
  'changeNick',
  'setSubject',
  'roomInvite',
  'room',
  'bookmarks',
]);
// Stanza error conditions (RFC 6120) the server gives for refused requests, in words.
const CONDITIONS = new Set([
  'forbidden',
  'not-allowed',
  'conflict',
  'item-not-found',
  'not-acceptable',
  'service-unavailable',
  'bad-request',
]);

/** A request the server refused, in words, until the person dismisses it. */
export function TaskError() {
  const err = createLive(() => taskErrorQuery, null);
  const title = () => {
    const kind = err()?.kind ?? '';
    return t(`task.${KINDS.has(kind) ? kind : 'other'}` as MessageKey);
  };
  return (
    <Show when={err()}>
      {(e) => (
        <div class="task-error" role="alert">
          <span>
            <strong>{title()}</strong>{' '}
            {CONDITIONS.has(e().error)
              ? t(`cond.${e().error}` as MessageKey)
              : t('task.reason', { reason: e().error })}
          </span>
          <button type="button" class="link" onClick={() => void dismissTaskError()}>
            {t('common.dismiss')}
          </button>
        </div>
      )}
    </Show>
  );
}

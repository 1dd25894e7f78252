import { For, Show } from 'solid-js';
import { acceptRequest, declineRequest } from '../app/commands';
import { requestsQuery } from '../app/queries';
import { t } from './lib/i18n';
import { createLiveList } from './lib/live';

export function Requests() {
  const list = createLiveList(() => requestsQuery, 'jid');
  return (
    <Show when={list.rows.length > 0}>
      <section class="requests" aria-label={t('contacts.requests')}>
        <h2>{t('contacts.requests')}</h2>
        <ul>
          <For each={list.rows}>
            {(r) => (
              <li class="request">
                <span>
                  <strong>{r.nick ? `${r.nick} (${r.jid})` : r.jid}</strong>{' '}
                  {t('contacts.wantsToAdd')}
                </span>
                <span class="actions">
                  <button
                    type="button"
                    class="primary"
                    aria-label={t('contacts.acceptName', { name: r.jid })}
                    onClick={() => void acceptRequest(r.jid)}
                  >
                    {t('contacts.accept')}
                  </button>
                  <button
                    type="button"
                    aria-label={t('contacts.declineName', { name: r.jid })}
                    onClick={() => void declineRequest(r.jid)}
                  >
                    {t('contacts.decline')}
                  </button>
                </span>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}

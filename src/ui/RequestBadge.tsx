import { Show } from 'solid-js';
import { requestCountQuery } from '../app/queries';
import { t } from './lib/i18n';
import { createLive } from './lib/live';

/** On the Contacts tab: how many people ask to be contacts, seen from any tab. */
export function RequestBadge() {
  const n = createLive(() => requestCountQuery, 0);
  return (
    <Show when={n() > 0}>
      <span class="badge" aria-hidden="true">
        {n()}
      </span>
      <span class="sr-only"> {t('contacts.requestCount', { n: n() })}</span>
    </Show>
  );
}

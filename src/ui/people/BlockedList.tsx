import { For, Show } from 'solid-js';
import { blockedQuery, unblockAddress } from '../../app/people';
import { t } from '../lib/i18n';
import { createLiveList } from '../lib/live';

/** Settings: the addresses we block (XEP-0191), each with a way back. */
export function BlockedList() {
  const list = createLiveList(() => blockedQuery, 'jid');
  return (
    <section class="blocked-list" aria-labelledby="blocked-title">
      <h3 id="blocked-title">{t('block.listTitle')}</h3>
      <Show when={list.ready() && list.rows.length === 0}>
        <p class="hint">{t('block.none')}</p>
      </Show>
      <ul>
        <For each={list.rows}>
          {(b) => (
            <li>
              <span class="jid">{b.jid}</span>
              <button
                type="button"
                aria-label={t('block.unblockName', { name: b.jid })}
                onClick={() => void unblockAddress(b.jid)}
              >
                {t('block.unblock')}
              </button>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

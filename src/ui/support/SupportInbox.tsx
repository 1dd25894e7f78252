import { createSignal, For, Show } from 'solid-js';
import { currentAccount } from '../../app/session';
import { type InboxFilter, supportInboxQuery } from '../../app/supportTeam';
import type { MessageKey } from '../../i18n';
import { keepFocus, moveByArrows } from '../a11y/arrowKeys';
import { formatTime } from '../lib/format';
import { t } from '../lib/i18n';
import { createLiveList } from '../lib/live';

const FILTERS: InboxFilter[] = ['unclaimed', 'mine', 'all'];

/** Shoppers' conversations, apart from personal chats: unclaimed, mine, all. */
export function SupportInbox(props: { selected: string | null; onOpen: (room: string) => void }) {
  let nav: HTMLElement | undefined;
  const [filter, setFilter] = createSignal<InboxFilter>('unclaimed');
  const list = createLiveList(() => supportInboxQuery(filter()), 'jid', {
    around: keepFocus(() => nav),
  });
  const me = currentAccount();
  const state = (claim: { agent: string; name: string } | null) => {
    if (!claim) return t('support.unclaimed');
    return claim.agent === me ? t('support.claimedByYou') : t('support.claimedBy', claim);
  };
  return (
    <nav ref={nav} class="list support-inbox" aria-label={t('support.tab')}>
      <fieldset class="support-filter">
        <legend class="sr-only">{t('support.filter')}</legend>
        <For each={FILTERS}>
          {(f) => (
            <button type="button" aria-pressed={filter() === f} onClick={() => setFilter(f)}>
              {t(`support.${f}` as MessageKey)}
            </button>
          )}
        </For>
      </fieldset>
      <Show when={list.ready() && list.rows.length === 0}>
        <p class="hint">{t(`support.empty.${filter()}` as MessageKey)}</p>
      </Show>
      <ul onKeyDown={(e) => moveByArrows(e, 'li > button.row')}>
        <For each={list.rows}>
          {(c) => (
            <li>
              <button
                type="button"
                class="row"
                classList={{ selected: props.selected === c.jid }}
                aria-current={props.selected === c.jid ? 'true' : undefined}
                aria-label={c.name}
                aria-describedby={`support-${encodeURIComponent(c.jid)}`}
                onClick={() => props.onOpen(c.jid)}
              >
                <span class="row-main">
                  <span class="row-title">
                    <span class="name">{c.name}</span>
                    <time class="when">{formatTime(c.lastAt)}</time>
                  </span>
                  <span class="row-sub" id={`support-${encodeURIComponent(c.jid)}`}>
                    <span class="preview">
                      <Show when={c.customer}>
                        <span class="support-verified">{t('support.verifiedShort')}</span> ·{' '}
                      </Show>
                      {c.closed ? t('support.closed') : state(c.claim)}
                      <Show when={c.rating}>
                        {(stars) => <> · {t('support.rated', { stars: stars() })}</>}
                      </Show>
                    </span>
                    <Show when={c.unread > 0}>
                      <span class="badge">{c.unread}</span>
                    </Show>
                  </span>
                </span>
              </button>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}

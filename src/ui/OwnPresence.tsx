import { createSignal, For, Show } from 'solid-js';
import { setOwnPresence } from '../app/commands';
import { connectionQuery, type OwnPresence as Own, ownPresenceQuery } from '../app/queries';
import { currentAccount } from '../app/session';
import { t } from './lib/i18n';
import { createLive } from './lib/live';
import { PresenceDot } from './PresenceDot';

const CHOICES: Own['show'][] = ['online', 'away', 'dnd', 'xa', 'invisible'];

function visibleShow(show: Own['show']) {
  return show === 'invisible' ? 'offline' : show;
}

export function OwnPresence() {
  const own = createLive(() => ownPresenceQuery, { show: 'online', status: '' } as Own);
  const conn = createLive(() => connectionQuery, { status: 'connecting', at: 0 });
  const [editing, setEditing] = createSignal<string | null>(null);
  const status = () => editing() ?? own().status;

  const save = () => {
    const s = editing();
    if (s !== null && s !== own().status) void setOwnPresence(own().show, s);
    setEditing(null);
  };

  return (
    <div class="own">
      {/* Nobody sees the chosen presence while the link is down: the dot says so. */}
      <Show
        when={conn().status === 'online'}
        fallback={
          <span
            class="dot dot-offline"
            role="img"
            aria-label={t('conn.notConnected')}
            title={t('conn.notConnected')}
          />
        }
      >
        <PresenceDot show={visibleShow(own().show)} />
      </Show>
      <div class="own-main">
        <span class="account">{currentAccount()}</span>
        <div class="own-controls">
          <select
            aria-label={t('presence.label')}
            value={own().show}
            onChange={(e) =>
              void setOwnPresence(e.currentTarget.value as Own['show'], own().status)
            }
          >
            <For each={CHOICES}>{(c) => <option value={c}>{t(`presence.${c}`)}</option>}</For>
          </select>
          <input
            type="text"
            aria-label={t('presence.status')}
            placeholder={t('presence.status')}
            value={status()}
            maxLength={500}
            onInput={(e) => setEditing(e.currentTarget.value)}
            onBlur={save}
            onKeyDown={(e) => e.key === 'Enter' && !e.isComposing && save()}
          />
        </div>
        <Show when={own().show === 'invisible'}>
          <p class="hint">{t('presence.invisibleHint')}</p>
        </Show>
      </div>
    </div>
  );
}

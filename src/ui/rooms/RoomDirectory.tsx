import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import { defaultNick, joinRoom, roomDisplayName, useRoomDirectory } from '../../app/rooms';
import { ErrorLine } from '../ErrorLine';
import { t } from '../lib/i18n';
import { roomErrorText } from './roomErrors';

const SHOWN = 200;

/** The public rooms of the server's group-chat service, filtered as the person types. */
export function RoomDirectory(props: {
  service: string | null;
  serviceState: 'loading' | 'ready' | 'none' | 'error';
  onDone: (room: string) => void;
  onCancel: () => void;
}) {
  const dir = useRoomDirectory(() => props.service);
  const [filter, setFilter] = createSignal('');
  const [error, setError] = createSignal('');
  const rooms = createMemo(() =>
    (dir.data ?? [])
      .map((r) => ({ jid: r.jid, name: roomDisplayName(r, r.jid) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  );
  const matching = createMemo(() => {
    const f = filter().trim().toLowerCase();
    return f
      ? rooms().filter((r) => r.name.toLowerCase().includes(f) || r.jid.includes(f))
      : rooms();
  });

  async function join(room: string) {
    setError('');
    try {
      await joinRoom(room, defaultNick());
      props.onDone(room);
    } catch (err) {
      setError(roomErrorText(err));
    }
  }

  return (
    <div class="directory">
      <div class="directory-bar">
        <label>
          {t('rooms.filter')}
          <input type="search" value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} />
        </label>
        <button type="button" disabled={!props.service} onClick={() => void dir.refetch()}>
          {t('rooms.refresh')}
        </button>
      </div>
      <Switch>
        <Match when={props.serviceState === 'loading' || (props.service && dir.isPending)}>
          <p class="hint" role="status">
            {t('rooms.dirLoading')}
          </p>
        </Match>
        <Match when={props.serviceState === 'error' || dir.isError}>
          <p class="error">{t('rooms.dirError')}</p>
        </Match>
        <Match when={props.service && rooms().length === 0}>
          <p class="hint">{t('rooms.dirEmpty', { service: props.service ?? '' })}</p>
        </Match>
        <Match when={matching().length === 0 && filter()}>
          <p class="hint">{t('rooms.dirNoMatch', { filter: filter() })}</p>
        </Match>
      </Switch>
      <ul class="directory-list">
        <For each={matching().slice(0, SHOWN)}>
          {(r) => (
            <li>
              <span class="row-main">
                <span class="name">{r.name}</span>
                <span class="status">{r.jid}</span>
              </span>
              <button
                type="button"
                aria-label={t('rooms.joinName', { name: r.name })}
                onClick={() => void join(r.jid)}
              >
                {t('rooms.join')}
              </button>
            </li>
          )}
        </For>
      </ul>
      <Show when={matching().length > SHOWN}>
        <p class="hint">{t('rooms.dirMore', { n: SHOWN, total: matching().length })}</p>
      </Show>
      <ErrorLine text={error()} />
      <div class="actions">
        <button type="button" onClick={() => props.onCancel()}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}

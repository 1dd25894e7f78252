import { createSignal, Match, Show, Switch } from 'solid-js';
import { joinRoom, type Room } from '../../app/rooms';
import type { MessageKey } from '../../i18n';
import { ErrorLine } from '../ErrorLine';
import { t } from '../lib/i18n';
import { roomErrorText } from './roomErrors';

const JOIN_ERRORS = new Set([
  'not-authorized',
  'registration-required',
  'forbidden',
  'service-unavailable',
  'item-not-found',
  'remote-server-timeout',
  'not-allowed',
  'jid-malformed',
]);

/** "... by {actor}: {reason}", with whichever of the two the room gave. */
function outText(base: 'kicked' | 'banned', room: Room): string {
  const by = room.actor ? 'By' : '';
  const why = room.reason ? 'Reason' : '';
  return t(`room.${base}${by}${why}` as MessageKey, {
    actor: room.actor ?? '',
    reason: room.reason ?? '',
  });
}

/** Why the room is not (yet) open for chat, and what the person can do about it. */
export function RoomBanner(props: { room: Room }) {
  const r = () => props.room;
  const [error, setError] = createSignal('');
  let nickInput: HTMLInputElement | undefined;
  let passwordInput: HTMLInputElement | undefined;

  async function join(nick = r().nick, password = r().password) {
    setError('');
    try {
      await joinRoom(r().jid, nick, password);
    } catch (err) {
      setError(roomErrorText(err));
    }
  }
  const again = (label = t('room.joinAgain')) => (
    <button type="button" onClick={() => void join()}>
      {label}
    </button>
  );

  return (
    <Show when={r().status !== 'joined'}>
      <div class={`room-banner room-${r().status}`} role="status">
        <Switch>
          <Match when={r().status === 'joining'}>
            <p>{t('room.joining')}</p>
          </Match>
          <Match when={r().status === 'kicked'}>
            <p>{outText('kicked', r())}</p>
            {again()}
          </Match>
          <Match when={r().status === 'banned'}>
            <p>{outText('banned', r())}</p>
          </Match>
          <Match when={r().status === 'left'}>
            <p>{t('room.left')}</p>
            {again()}
          </Match>
          <Match when={r().status === 'destroyed'}>
            <p>
              {r().reason
                ? t('room.destroyedReason', { reason: r().reason ?? '' })
                : t('room.destroyed')}
            </p>
          </Match>
          <Match when={r().error === 'conflict'}>
            <p>{t('room.err.conflict')}</p>
            <form
              class="banner-form"
              onSubmit={(e) => {
                e.preventDefault();
                void join(nickInput?.value ?? '');
              }}
            >
              <Show when={r().suggestedNick}>
                {(nick) => (
                  <button type="button" class="primary" onClick={() => void join(nick())}>
                    {t('room.joinAs', { nick: nick() })}
                  </button>
                )}
              </Show>
              <label>
                {t('room.otherNick')}
                <input ref={nickInput} type="text" required maxLength={64} />
              </label>
              <button type="submit">{t('rooms.join')}</button>
            </form>
          </Match>
          <Match when={r().error === 'not-authorized'}>
            <p>{t('room.err.not-authorized')}</p>
            <form
              class="banner-form"
              onSubmit={(e) => {
                e.preventDefault();
                void join(r().nick, passwordInput?.value ?? '');
              }}
            >
              <label>
                {t('room.password')}
                <input ref={passwordInput} type="password" required autocomplete="off" />
              </label>
              <button type="submit" class="primary">
                {t('rooms.join')}
              </button>
            </form>
          </Match>
          <Match when={r().status === 'error'}>
            <p>
              {JOIN_ERRORS.has(r().error ?? '')
                ? t(`room.err.${r().error}` as MessageKey)
                : t('room.err.other', { error: r().error ?? '?' })}
            </p>
            <Show when={r().error !== 'forbidden'}>{again(t('room.tryAgain'))}</Show>
          </Match>
        </Switch>
        <ErrorLine text={error()} />
      </div>
    </Show>
  );
}

import { createSignal, Match, Switch } from 'solid-js';
import { connectionQuery } from '../app/queries';
import { auth, currentAccount, signIn } from '../app/session';
import { errorText } from './errors';
import { t } from './lib/i18n';
import { createLive } from './lib/live';

/** Where the person sees the connection: connected, connecting, offline, or a password prompt. */
export function ConnectionBar() {
  const conn = createLive(() => connectionQuery, { status: 'offline', at: 0 });
  const live = () => {
    const a = auth();
    return a.phase === 'signedIn' && a.live;
  };
  // Without a live session and nothing to reconnect with, the password is needed.
  const needPassword = () =>
    !live() && conn().status !== 'connecting' && (conn().error === 'auth' || !conn().error);
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  let pw!: HTMLInputElement;

  async function reconnect(e: Event) {
    e.preventDefault();
    const account = currentAccount();
    if (!account) return;
    setBusy(true);
    setError('');
    try {
      await signIn(account, pw.value);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class={`conn conn-${conn().status}`} role="status">
      <Switch>
        <Match when={needPassword()}>
          <form class="reconnect" onSubmit={reconnect}>
            <label>
              {t('conn.needPassword')}
              <input ref={pw} type="password" autocomplete="current-password" required />
            </label>
            <button type="submit" class="primary" disabled={busy()}>
              {t('conn.reconnect')}
            </button>
            <span class="error">{error()}</span>
          </form>
        </Match>
        <Match when={conn().status === 'online'}>{t('conn.online')}</Match>
        <Match when={conn().status === 'connecting'}>{t('conn.connecting')}</Match>
        <Match when={true}>{t('conn.offline')}</Match>
      </Switch>
    </div>
  );
}

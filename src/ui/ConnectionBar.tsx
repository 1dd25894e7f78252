import { createEffect, createSignal, Match, onCleanup, Switch } from 'solid-js';
import { connectionQuery } from '../app/queries';
import { currentAccount, retryNow, signIn } from '../app/session';
import { errorText } from './errors';
import { t } from './lib/i18n';
import { createLive } from './lib/live';

/** Where the person sees the connection: connected, connecting, offline until when, or a password prompt. */
export function ConnectionBar() {
  const conn = createLive(() => connectionQuery, { status: 'connecting', at: 0 });
  const [now, setNow] = createSignal(Date.now());
  // A clock only while "Retrying in 5 s" counts down: a connected app wakes for nothing.
  createEffect(() => {
    const c = conn();
    if (c.status !== 'offline' || !c.retryAt) return;
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 1000);
    onCleanup(() => clearInterval(tick));
  });
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  let pw!: HTMLInputElement;

  const needPassword = () => conn().status === 'offline' && conn().error === 'auth';
  const secondsLeft = () => {
    const at = conn().retryAt;
    return at ? Math.max(0, Math.ceil((at - now()) / 1000)) : 0;
  };

  async function reconnect(e: Event) {
    e.preventDefault();
    const account = currentAccount();
    if (!account) return;
    setBusy(true);
    setError('');
    try {
      await signIn(account, pw.value);
      pw.value = '';
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
        <Match when={true}>
          <span>
            {secondsLeft() > 0 ? t('conn.retryIn', { s: secondsLeft() }) : t('conn.offline')}
          </span>{' '}
          <button type="button" class="link" onClick={() => void retryNow()}>
            {t('conn.retryNow')}
          </button>
        </Match>
      </Switch>
    </div>
  );
}

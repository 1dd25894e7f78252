import { createSignal, Show } from 'solid-js';
import { changePassword } from '../../app/people';
import { ErrorLine } from '../ErrorLine';
import { errorText } from '../errors';
import { t } from '../lib/i18n';

/** The server's reason (XEP-0077 §3.3) in words a person can act on. */
function refusal(err: unknown): string {
  if ((err as { code?: string } | null)?.code === 'auth') return t('password.wrongCurrent');
  const condition = (err as { condition?: string } | null)?.condition;
  if (condition === 'not-acceptable') return t('password.weak');
  if (condition === 'not-authorized' || condition === 'not-allowed' || condition === 'forbidden')
    return t('password.refused');
  if (condition === 'timeout') return t('password.offline');
  return errorText(err);
}

/**
 * Settings: change the account's password: the current one (a passer-by at an unlocked screen
 * cannot change it), the new one twice, and the server's answer.
 */
export function ChangePassword() {
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal(false);
  let current!: HTMLInputElement;
  let first!: HTMLInputElement;
  let second!: HTMLInputElement;

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    setDone(false);
    if (!current.value) return setError(t('password.currentEmpty'));
    if (!first.value) return setError(t('password.empty'));
    if (first.value !== second.value) return setError(t('password.mismatch'));
    setBusy(true);
    try {
      await changePassword(current.value, first.value);
      current.value = '';
      first.value = '';
      second.value = '';
      setDone(true);
    } catch (err) {
      setError(refusal(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="change-password" aria-labelledby="password-title" onSubmit={(e) => void submit(e)}>
      <h3 id="password-title">{t('password.title')}</h3>
      <label>
        {t('password.current')}
        <input ref={current} type="password" autocomplete="current-password" />
      </label>
      <label>
        {t('password.new')}
        <input ref={first} type="password" autocomplete="new-password" />
      </label>
      <label>
        {t('password.again')}
        <input ref={second} type="password" autocomplete="new-password" />
      </label>
      <button type="submit" disabled={busy()}>
        {t('password.change')}
      </button>
      <Show when={done()}>
        <p role="status">{t('password.changed')}</p>
      </Show>
      <ErrorLine text={error()} />
    </form>
  );
}

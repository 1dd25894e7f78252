import { createResource, createSignal, onMount, Show } from 'solid-js';
import { loadConfig } from '../app/config';
import { lastAddress, preloadEngine, signIn } from '../app/session';
import { ErrorLine } from './ErrorLine';
import { errorText } from './errors';
import { LanguageSelect } from './LanguageSelect';
import { t } from './lib/i18n';
import { deletedAccount } from './people/DeleteAccount';

export function SignIn() {
  onMount(preloadEngine);
  // Offer the address that signed in here last (never the password), unless one is typed.
  onMount(() => {
    void lastAddress().then((last) => {
      if (last && !address.value) {
        address.value = last;
        password.focus();
      }
    });
  });
  const [config] = createResource(() => loadConfig().catch((e: unknown) => e as Error));
  const [creating, setCreating] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  let address!: HTMLInputElement;
  let password!: HTMLInputElement;
  let repeat: HTMLInputElement | undefined;
  let remember!: HTMLInputElement;

  const domain = () => {
    const c = config();
    return c && !(c instanceof Error) ? c.domain : 'example.com';
  };
  const configError = () => {
    const c = config();
    return c instanceof Error ? errorText(c) : '';
  };
  const canCreate = () => {
    const c = config();
    return !c || c instanceof Error || c.allowRegistration;
  };

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    if (creating()) {
      if (password.value.length < 6) return setError(t('signIn.tooShort'));
      if (password.value !== repeat?.value) return setError(t('signIn.mismatch'));
    }
    setBusy(true);
    try {
      await signIn(address.value, password.value, {
        register: creating(),
        remember: remember.checked,
      });
    } catch (err) {
      setError(errorText(err));
      password.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="signin">
      <form class="card" onSubmit={submit} aria-busy={busy()}>
        <img src="/favicon.svg" alt="" width="48" height="48" />
        <h1>{creating() ? t('signIn.createTitle') : t('signIn.title')}</h1>
        <Show when={deletedAccount()}>
          {(gone) => (
            <p role="status" class="hint">
              {t('deleteAccount.done', { account: gone() })}
            </p>
          )}
        </Show>
        <ErrorLine text={configError()} />
        <label>
          {t('signIn.address')}
          <input
            ref={address}
            name="address"
            type="text"
            autocomplete="username"
            inputmode="email"
            autocapitalize="off"
            spellcheck={false}
            required
            placeholder={t('signIn.addressHint', { domain: domain() })}
          />
        </label>
        <label>
          {t('signIn.password')}
          <input
            ref={password}
            name="password"
            type="password"
            autocomplete={creating() ? 'new-password' : 'current-password'}
            required
          />
        </label>
        <Show when={creating()}>
          <label>
            {t('signIn.repeat')}
            <input
              ref={repeat}
              name="repeat"
              type="password"
              autocomplete="new-password"
              required
            />
          </label>
        </Show>
        {/* Unchecked by default: the careful choice on a computer others may use. */}
        <label class="check">
          <input ref={remember} type="checkbox" name="remember" aria-describedby="remember-hint" />
          {t('signIn.remember')}
        </label>
        <p id="remember-hint" class="hint">
          {t('signIn.rememberHint')}
        </p>
        <ErrorLine text={error()} />
        <button type="submit" class="primary" disabled={busy()}>
          {busy()
            ? creating()
              ? t('signIn.creating')
              : t('signIn.busy')
            : creating()
              ? t('signIn.createAccount')
              : t('signIn.submit')}
        </button>
        <Show when={canCreate()}>
          <button
            type="button"
            class="link"
            onClick={() => {
              setCreating(!creating());
              setError('');
            }}
          >
            {creating() ? t('signIn.back') : t('signIn.createAccount')}
          </button>
        </Show>
      </form>
      <div class="signin-lang">
        <LanguageSelect />
      </div>
    </main>
  );
}

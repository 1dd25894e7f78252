import { createEffect, createSignal, Show } from 'solid-js';
import { deleteAccount } from '../../app/people';
import { currentAccount } from '../../app/session';
import { domainOf } from '../../shared/jid';
import { ErrorLine } from '../ErrorLine';
import { errorText } from '../errors';
import { t } from '../lib/i18n';

/** The account that was deleted from this tab, for the sign-in screen to say so once. */
const [deleted, setDeleted] = createSignal<string | null>(null);
export const deletedAccount = deleted;

/** Why it did not happen, in words a person can act on. */
function refusal(err: unknown): string {
  const e = err as { code?: string; condition?: string } | null;
  if (e?.code === 'auth') return t('deleteAccount.wrong');
  const refused = ['not-allowed', 'forbidden', 'not-authorized', 'service-unavailable'];
  if (refused.includes(e?.condition ?? '') || e?.condition === 'feature-not-implemented')
    return t('deleteAccount.refused');
  if (e?.condition === 'timeout') return t('password.offline');
  return errorText(err);
}

/** Settings: what deleting the account means, and the button that asks to. */
export function DeleteAccountSection(props: { onOpen: () => void }) {
  const account = () => currentAccount() ?? '';
  return (
    <section class="delete-account" aria-labelledby="delete-account-title">
      <h3 id="delete-account-title">{t('deleteAccount.title')}</h3>
      <p class="hint">
        {t('deleteAccount.hint', { account: account(), server: domainOf(account()) })}
      </p>
      <button type="button" class="danger" onClick={() => props.onOpen()}>
        {t('deleteAccount.open')}
      </button>
    </section>
  );
}

/**
 * Asks for the password before the account is deleted on the server (XEP-0077), shown while
 * `open`. Cancel has the focus; nothing happens until the password is checked.
 */
export function DeleteAccountDialog(props: { open: boolean; onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  let password!: HTMLInputElement;
  let cancel!: HTMLButtonElement;
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const account = () => currentAccount() ?? '';

  createEffect(() => {
    if (props.open && !dialog.open) {
      setError('');
      password.value = '';
      dialog.showModal();
      cancel.focus();
    } else if (!props.open && dialog.open) dialog.close();
  });

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    if (!password.value) {
      setError(t('deleteAccount.empty'));
      password.focus();
      return;
    }
    const gone = account();
    setBusy(true);
    try {
      await deleteAccount(password.value);
      setDeleted(gone);
    } catch (err) {
      setError(refusal(err));
      password.focus();
    } finally {
      setBusy(false);
      password.value = '';
    }
  }

  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby="delete-account-confirm"
      onClose={() => props.onClose()}
    >
      <form onSubmit={(e) => void submit(e)} aria-busy={busy()}>
        <h2 id="delete-account-confirm">
          {t('deleteAccount.confirmTitle', { account: account() })}
        </h2>
        <p>{t('deleteAccount.hint', { account: account(), server: domainOf(account()) })}</p>
        <label>
          {t('deleteAccount.password')}
          <input ref={password} type="password" autocomplete="current-password" />
        </label>
        <ErrorLine text={error()} />
        <div class="actions">
          <button ref={cancel} type="button" onClick={() => dialog.close()}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="danger" disabled={busy()}>
            <Show when={busy()} fallback={t('deleteAccount.confirm')}>
              {t('deleteAccount.busy')}
            </Show>
          </button>
        </div>
      </form>
    </dialog>
  );
}

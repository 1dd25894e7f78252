import { connectionQuery } from '../app/queries';
import { currentAccount, signOut } from '../app/session';
import { LanguageSelect } from './LanguageSelect';
import { t } from './lib/i18n';
import { createLive } from './lib/live';
import { NotifySettings } from './notify/NotifySettings';
import { InstallSection } from './pwa/InstallSection';

export function Settings() {
  let dialog!: HTMLDialogElement;
  let confirmOut!: HTMLDialogElement;
  let forget!: HTMLInputElement;
  const conn = createLive(() => connectionQuery, { status: 'connecting', at: 0 });
  /** Which transport the session uses: BOSH is the fallback where WebSocket is blocked. */
  const transport = () => {
    const c = conn();
    if (c.status !== 'online') return t('settings.transportNone');
    return c.transport === 'bosh' ? t('settings.transportBosh') : t('settings.transportWebsocket');
  };

  return (
    <>
      <button
        type="button"
        class="icon"
        aria-label={t('nav.settings')}
        title={t('nav.settings')}
        onClick={() => dialog.showModal()}
      >
        ⚙
      </button>
      <dialog ref={dialog} aria-labelledby="settings-title">
        <h2 id="settings-title">{t('settings.title')}</h2>
        <p>{t('settings.account', { account: currentAccount() ?? '' })}</p>
        <p>{transport()}</p>
        <LanguageSelect />
        <InstallSection />
        <NotifySettings />
        <div class="actions">
          <button
            type="button"
            onClick={() => {
              dialog.close();
              confirmOut.showModal();
            }}
          >
            {t('settings.signOut')}
          </button>
          <button type="button" class="primary" onClick={() => dialog.close()}>
            {t('common.close')}
          </button>
        </div>
      </dialog>
      <dialog ref={confirmOut} aria-labelledby="signout-title">
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            confirmOut.close();
            void signOut({ forget: forget.checked });
          }}
        >
          <h2 id="signout-title">{t('signOut.title')}</h2>
          <label class="check">
            <input ref={forget} type="checkbox" />
            {t('signOut.forget')}
          </label>
          <div class="actions">
            <button type="button" onClick={() => confirmOut.close()}>
              {t('common.cancel')}
            </button>
            <button type="submit" class="primary">
              {t('signOut.confirm')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

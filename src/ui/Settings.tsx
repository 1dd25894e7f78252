import { createSignal, Show } from 'solid-js';
import { connectionQuery } from '../app/queries';
import { currentAccount, signOut } from '../app/session';
import { LanguageSelect } from './LanguageSelect';
import { t } from './lib/i18n';
import { createLive } from './lib/live';
import { NotifySettings } from './notify/NotifySettings';
import { BlockedList } from './people/BlockedList';
import { ChangePassword } from './people/ChangePassword';
import { DeleteAccountDialog, DeleteAccountSection } from './people/DeleteAccount';
import { ProfileSettings } from './people/ProfileSettings';
import { InstallSection } from './pwa/InstallSection';
import { ThemeSelect } from './ThemeSelect';

export function Settings(props: { onShortcuts?: () => void }) {
  let dialog!: HTMLDialogElement;
  let confirmOut!: HTMLDialogElement;
  let forget!: HTMLInputElement;
  const [deleting, setDeleting] = createSignal(false);
  // What the dialog holds is made as it opens and dropped as it closes: at start-up it cost
  // about 27 ms of the chat list's first paint, for a dialog nobody had opened.
  const [open, setOpen] = createSignal(false);
  const conn = createLive(() => (open() ? connectionQuery : null), {
    status: 'connecting',
    at: 0,
  });
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
        onClick={() => {
          setOpen(true);
          dialog.showModal();
        }}
      >
        ⚙
      </button>
      <dialog ref={dialog} aria-labelledby="settings-title" onClose={() => setOpen(false)}>
        <h2 id="settings-title">{t('settings.title')}</h2>
        <Show when={open()}>
          <p>{t('settings.account', { account: currentAccount() ?? '' })}</p>
          <p>{transport()}</p>
          <ProfileSettings />
          <LanguageSelect />
          <ThemeSelect />
          <p>
            <button
              type="button"
              class="link"
              onClick={() => {
                dialog.close();
                props.onShortcuts?.();
              }}
            >
              {t('look.shortcuts')}
            </button>
          </p>
          <InstallSection />
          <NotifySettings />
          <BlockedList />
          <ChangePassword />
          <DeleteAccountSection
            onOpen={() => {
              dialog.close();
              setDeleting(true);
            }}
          />
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
        </Show>
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
      <DeleteAccountDialog open={deleting()} onClose={() => setDeleting(false)} />
    </>
  );
}

import { Match, Switch } from 'solid-js';
import { install, installState } from '../../app/install';
import { t } from '../lib/i18n';

/** Settings' install part: the browser's offer as a button, or how to install on iOS. */
export function InstallSection() {
  return (
    <Switch>
      <Match when={installState() === 'offered'}>
        <section class="install" aria-labelledby="install-title">
          <h3 id="install-title">{t('pwa.installTitle')}</h3>
          <p>{t('pwa.installText')}</p>
          <button type="button" onClick={() => void install()}>
            {t('pwa.install')}
          </button>
        </section>
      </Match>
      <Match when={installState() === 'ios'}>
        <section class="install" aria-labelledby="install-title">
          <h3 id="install-title">{t('pwa.installTitle')}</h3>
          <p>{t('pwa.iosInstall')}</p>
        </section>
      </Match>
      <Match when={installState() === 'installed'}>
        <p class="install">{t('pwa.installed')}</p>
      </Match>
    </Switch>
  );
}

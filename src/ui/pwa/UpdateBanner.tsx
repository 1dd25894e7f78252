import { createSignal, onCleanup, Show } from 'solid-js';
import { startAppUpdates } from '../../app/pwa';
import { createSchemaWatch } from '../../app/schemaChange';
import { t } from '../lib/i18n';

/**
 * The app's own version news: a new version waiting for a yes, or a newer version in another
 * tab that took the databases (then this tab must reload: it no longer saves anything).
 */
export function UpdateBanner() {
  const updates = startAppUpdates();
  onCleanup(() => updates.stop());
  const schemaChanged = createSchemaWatch();
  const [later, setLater] = createSignal(false);

  return (
    <Show
      when={schemaChanged()}
      fallback={
        <Show when={updates.ready() && !later()}>
          <div class="app-banner" role="status">
            <span>{t('pwa.updateReady')} — </span>
            <button type="button" class="primary" onClick={() => updates.apply()}>
              {t('pwa.reload')}
            </button>
            <button type="button" class="link" onClick={() => setLater(true)}>
              {t('pwa.later')}
            </button>
          </div>
        </Show>
      }
    >
      <div class="app-banner warn" role="alert">
        <span>{t('pwa.schemaChanged')}</span>
        <button type="button" class="primary" onClick={() => window.location.reload()}>
          {t('pwa.reload')}
        </button>
      </div>
    </Show>
  );
}

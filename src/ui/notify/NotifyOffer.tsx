import { createSignal, Show } from 'solid-js';
import { notificationPermission, requestNotificationPermission } from '../../app/notify/display';
import { notifyPrefsQuery, setNotifyPrefs } from '../../app/notify/prefs';
import { t } from '../lib/i18n';
import { createLive } from '../lib/live';

/**
 * The in-app offer, shown once a message has come in while Parley was in the background and
 * the browser was never asked: the browser's prompt comes only from the click on "Turn on".
 */
export function NotifyOffer() {
  const prefs = createLive(() => notifyPrefsQuery, {});
  const [asked, setAsked] = createSignal(false);
  const due = () =>
    !asked() &&
    prefs().offerDue === true &&
    !prefs().offerDismissed &&
    notificationPermission() === 'default';

  async function accept() {
    setAsked(true);
    const answer = await requestNotificationPermission();
    await setNotifyPrefs(
      answer === 'granted' ? { offerDue: false, off: false } : { offerDue: false },
    );
  }

  return (
    <Show when={due()}>
      <section class="notify-offer" aria-label={t('notify.settings')}>
        <p>{t('notify.offer')}</p>
        <div class="actions">
          <button
            type="button"
            onClick={() => void setNotifyPrefs({ offerDismissed: true, offerDue: false })}
          >
            {t('notify.offerNo')}
          </button>
          <button type="button" class="primary" onClick={() => void accept()}>
            {t('notify.offerYes')}
          </button>
        </div>
      </section>
    </Show>
  );
}

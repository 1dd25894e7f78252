import { createSignal, Show } from 'solid-js';
import { notificationPermission, requestNotificationPermission } from '../../app/notify/display';
import { notifyPrefsQuery, setNotifyPrefs } from '../../app/notify/prefs';
import { t } from '../lib/i18n';
import { createLive } from '../lib/live';

/** The Notifications part of Settings: the switch that asks the browser, sound, do not disturb. */
export function NotifySettings() {
  const prefs = createLive(() => notifyPrefsQuery, {});
  // The browser's answer is not observable everywhere: read again after each request.
  const [permission, setPermission] = createSignal(notificationPermission());
  const on = () => permission() === 'granted' && !prefs().off;

  async function toggle(want: boolean) {
    if (!want) return setNotifyPrefs({ off: true });
    // Asked here, in the click that turned the switch on: never on load.
    const answer = permission() === 'granted' ? 'granted' : await requestNotificationPermission();
    setPermission(answer);
    await setNotifyPrefs(
      answer === 'granted' ? { off: false, offerDue: false } : { offerDue: false },
    );
  }

  return (
    <fieldset class="notify-settings">
      <legend>{t('notify.settings')}</legend>
      <label class="check">
        <input
          type="checkbox"
          checked={on()}
          disabled={permission() === 'unsupported' || permission() === 'denied'}
          onChange={(e) => void toggle(e.currentTarget.checked)}
        />
        {t('notify.show')}
      </label>
      <Show when={permission() === 'denied'}>
        <p class="hint">{t('notify.blocked')}</p>
      </Show>
      <Show when={permission() === 'unsupported'}>
        <p class="hint">{t('notify.unsupported')}</p>
      </Show>
      <label class="check">
        <input
          type="checkbox"
          checked={!prefs().silent}
          onChange={(e) => void setNotifyPrefs({ silent: !e.currentTarget.checked })}
        />
        {t('notify.sound')}
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={prefs().dnd === true}
          aria-describedby="notify-dnd-hint"
          onChange={(e) => void setNotifyPrefs({ dnd: e.currentTarget.checked })}
        />
        {t('notify.dnd')}
      </label>
      <p class="hint" id="notify-dnd-hint">
        {t('notify.dndHint')} {t('notify.tabOnly')}
      </p>
    </fieldset>
  );
}

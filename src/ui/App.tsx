import { createEffect, lazy, Match, onMount, Switch } from 'solid-js';
import { auth, restore } from '../app/session';
import { lang, t } from './lib/i18n';
import { UpdateBanner } from './pwa/UpdateBanner';
import { SignIn } from './SignIn';

// The signed-in screens are their own chunk: the sign-in screen does not wait for them.
const Shell = lazy(() => import('./Shell').then((m) => ({ default: m.Shell })));

export function App() {
  onMount(() => void restore());
  createEffect(() => {
    document.documentElement.lang = lang();
  });
  return (
    <>
      <UpdateBanner />
      <Switch>
        <Match when={auth().phase === 'loading'}>
          <p class="loading">{t('app.loading')}</p>
        </Match>
        <Match when={auth().phase === 'signedOut'}>
          <SignIn />
        </Match>
        <Match when={auth().phase === 'signedIn'}>
          <Shell />
        </Match>
      </Switch>
    </>
  );
}

import { createEffect, Match, onMount, Switch } from 'solid-js';
import { auth, restore } from '../app/session';
import { lang, t } from './lib/i18n';
import { Shell } from './Shell';
import { SignIn } from './SignIn';

export function App() {
  onMount(() => void restore());
  createEffect(() => {
    document.documentElement.lang = lang();
  });
  return (
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
  );
}

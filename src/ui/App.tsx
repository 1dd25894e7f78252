import { HashRouter, Route } from '@solidjs/router';
import { createEffect, type JSX, lazy, Match, onMount, Switch } from 'solid-js';
import { auth, restore } from '../app/session';
import { putListBehind } from './lib/history';
import { lang, t } from './lib/i18n';
import { SignIn } from './SignIn';

// The signed-in screens are their own chunk: the sign-in screen does not wait for them.
const Shell = lazy(() => import('./Shell').then((m) => ({ default: m.Shell })));

/**
 * Places are hash routes (#/chat/alice@example.com), so any static server can serve the app.
 * One route holds the whole signed-in shell, which reads its place from the path: moving
 * between conversations never rebuilds the list beside them.
 */
export function App() {
  putListBehind();
  return (
    <HashRouter root={Frame}>
      <Route path="/*rest" component={Shell} />
    </HashRouter>
  );
}

/** Signed in, the route's screen; otherwise sign-in, which keeps the route for afterwards. */
function Frame(props: { children?: JSX.Element }) {
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
      <Match when={auth().phase === 'signedIn'}>{props.children}</Match>
    </Switch>
  );
}

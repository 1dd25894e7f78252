import { useNavigate } from '@solidjs/router';
import { createEffect, onCleanup } from 'solid-js';
import { browserDisplay, watchNotificationPermission } from '../../app/notify/display';
import { createNotifier } from '../../app/notify/notifier';
import { createChime } from '../../app/notify/sound';
import { currentDb, isLeader } from '../../app/session';
import { t } from '../lib/i18n';
import { chatPath, roomPath } from '../lib/routes';
import { showUnreadCount } from './badge';
import { NotifyOffer } from './NotifyOffer';

/**
 * Notifications for this signed-in tab: the watcher (only the leader tab shows any), the
 * counts on the tab's icon and the app badge, and the in-app offer to turn them on.
 */
export function Notifications(props: { count: number; openPeer: string | null }) {
  const navigate = useNavigate();
  const display = browserDisplay(
    (peer, room) => `#${room ? roomPath(peer) : chatPath(peer)}`,
    (route) => navigate(route.slice(1)),
  );
  const chime = createChime();
  const permission = watchNotificationPermission();
  const notifier = createNotifier({
    db: currentDb(),
    isLeader,
    permission: permission.read,
    page: () => ({
      visible: document.visibilityState === 'visible',
      focused: document.hasFocus(),
      openPeer: props.openPeer,
    }),
    display,
    sound: chime.play,
    t,
  });
  onCleanup(() => {
    notifier.stop();
    permission.stop();
    display.stop();
    chime.stop();
    showUnreadCount(0);
  });
  createEffect(() => showUnreadCount(props.count));
  return <NotifyOffer />;
}

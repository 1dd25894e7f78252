import { type AccountDb, addTask, getMeta, getOwnPresence, setMeta } from '../db';

const EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'] as const;

/**
 * Goes away by itself after `minutes` without input, and back when the person returns.
 * Only an automatic away is undone; a chosen away or busy stays.
 */
export function startIdle(db: AccountDb, minutes: number, target: EventTarget = window) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;

  async function goAway() {
    const own = await getOwnPresence(db);
    if (own.show !== 'online') return;
    await setMeta(db, 'ownPresence', { ...own, show: 'away', auto: true });
    await addTask(db, { kind: 'setPresence' });
  }

  async function comeBack() {
    const own = await getMeta(db, 'ownPresence');
    if (!own?.auto) return;
    await setMeta(db, 'ownPresence', { show: 'online', status: own.status });
    await addTask(db, { kind: 'setPresence' });
  }

  function activity() {
    const now = Date.now();
    if (now - last < 1000) return; // pointermove fires a lot
    last = now;
    clearTimeout(timer);
    timer = setTimeout(() => void goAway(), minutes * 60_000);
    void comeBack();
  }

  for (const ev of EVENTS) target.addEventListener(ev, activity, { passive: true });
  activity();
  return () => {
    clearTimeout(timer);
    for (const ev of EVENTS) target.removeEventListener(ev, activity);
  };
}

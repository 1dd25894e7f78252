import { createSignal } from 'solid-js';

/** Chromium's install offer (not in TypeScript's DOM types). */
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export type InstallState =
  /** Running as the installed app (standalone window). */
  | 'installed'
  /** The browser offered installing: Settings shows the Install button. */
  | 'offered'
  /** iOS Safari: no offer exists, the person adds it through Share → Add to Home Screen. */
  | 'ios'
  /** Nothing to offer (already installed in this browser, or a browser without install). */
  | 'none';

// The browser makes its offer once per page, early, before any screen that shows it exists:
// one holder per page, started by main.tsx.
const [state, setState] = createSignal<InstallState>('none');
let offer: InstallPromptEvent | null = null;

export const installState = state;

function standalone(): boolean {
  return (
    window.matchMedia('(display-mode: standalone)').matches ||
    (navigator as Navigator & { standalone?: boolean }).standalone === true
  );
}

/** iPhone and iPad Safari (iPadOS reports itself as a Mac with touch). */
export function isIos(ua: string, maxTouchPoints: number): boolean {
  return /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && maxTouchPoints > 1);
}

export function startInstallOffer(): () => void {
  if (standalone()) setState('installed');
  else if (isIos(navigator.userAgent, navigator.maxTouchPoints)) setState('ios');
  const onOffer = (e: Event) => {
    e.preventDefault(); // no mini-infobar: the offer is a button in Settings
    offer = e as InstallPromptEvent;
    setState('offered');
  };
  const onInstalled = () => {
    offer = null;
    setState('installed');
  };
  window.addEventListener('beforeinstallprompt', onOffer);
  window.addEventListener('appinstalled', onInstalled);
  return () => {
    window.removeEventListener('beforeinstallprompt', onOffer);
    window.removeEventListener('appinstalled', onInstalled);
  };
}

/** Show the browser's install dialog; the offer is used up either way. */
export async function install(): Promise<boolean> {
  const e = offer;
  if (!e) return false;
  offer = null;
  await e.prompt();
  const { outcome } = await e.userChoice;
  setState(outcome === 'accepted' ? 'installed' : 'none');
  return outcome === 'accepted';
}

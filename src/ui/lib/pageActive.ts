import { type Accessor, createSignal, onCleanup } from 'solid-js';

/**
 * The person can be looking at this page: it is visible (not a background tab, not minimised)
 * and has focus (not behind another window). Only then does something on screen count as seen.
 */
export function createPageActive(): Accessor<boolean> {
  const now = () => document.visibilityState === 'visible' && document.hasFocus();
  const [active, setActive] = createSignal(now());
  const update = () => setActive(now());
  document.addEventListener('visibilitychange', update);
  window.addEventListener('focus', update);
  window.addEventListener('blur', update);
  onCleanup(() => {
    document.removeEventListener('visibilitychange', update);
    window.removeEventListener('focus', update);
    window.removeEventListener('blur', update);
  });
  return active;
}

// widget.js: the one tag a shop adds. A classic script (so `async` works and no CORS is
// needed for it): it draws the launcher and exposes window.Parley.widget (boot.ts). The panel
// and the chat core are fetched from the same folder only when needed (controller.ts).
import type { MountPanel } from './api';
import { boot } from './boot';

function start() {
  const script = document.currentScript as HTMLScriptElement | null;
  // A custom element name is owned by its first definer; a second copy of the script is a no-op.
  if (!customElements.get('parley-chat'))
    customElements.define('parley-chat', class extends HTMLElement {});
  const run = () =>
    boot({
      win: window,
      script,
      loadPanel: async (server, lang) => {
        // The shopper's words beside the panel rather than after it (the panel asks for the
        // same file, and finds it loaded); a failure is the panel's own import's to report.
        import(/* @vite-ignore */ `${server}widget/text-${lang}.js`).catch(() => {});
        const mod = (await import(/* @vite-ignore */ `${server}widget/panel.js`)) as {
          mountPanel: MountPanel;
        };
        return mod.mountPanel;
      },
    });
  if (document.body) run();
  else document.addEventListener('DOMContentLoaded', run, { once: true });
}

start();

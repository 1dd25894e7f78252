// widget/panel.js (this entry): the rest of the widget, loaded by widget.js on the first open (or when
// idle for a returning shopper). Its imports are the headless core: app/, db/, and the engine
// that app/session.ts loads on the first connection.
import { createResource, createSignal, Show } from 'solid-js';
import { render } from 'solid-js/web';
import { detach } from '../app/support';
import type { MountPanel } from './api';
import { Panel } from './Panel';
import { PANEL_CSS } from './panelCss';
import { loadText } from './text';

export const mountPanel: MountPanel = (host) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(PANEL_CSS);
  host.shadow.adoptedStyleSheets = [...host.shadow.adoptedStyleSheets, sheet];
  const [open, setOpen] = createSignal(host.isOpen());
  let input: HTMLTextAreaElement | undefined;
  const dispose = render(() => {
    const [t] = createResource(() => loadText(host.settings.lang));
    return (
      <Show when={t()}>
        {(tr) => (
          <Panel
            host={host}
            t={tr()}
            open={open}
            inputRef={(el) => {
              input = el;
              if (open()) queueMicrotask(() => el.focus());
            }}
          />
        )}
      </Show>
    );
  }, host.container);
  return {
    setOpen(v) {
      setOpen(v);
      if (v) input?.focus();
    },
    stop() {
      dispose();
      detach();
      host.shadow.adoptedStyleSheets = host.shadow.adoptedStyleSheets.filter((s) => s !== sheet);
    },
  };
};

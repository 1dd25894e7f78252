// widget/panel.js (this entry): the rest of the widget, loaded by widget.js on the first open (or when
// idle for a returning shopper). It is the panel's face alone; on mounting it fetches, side by
// side, the shopper's words and the chat core (./core: app/, db/ and Dexie, and the engine that
// app/session loads on the first connection), and draws the panel as soon as the words are in.
import { createResource, createSignal, Show } from 'solid-js';
import { clearDelegatedEvents, render } from 'solid-js/web';
import type { MountPanel } from './api';
import type { Core } from './core';
import { Panel } from './Panel';
import { PANEL_CSS } from './panelCss';
import type { WidgetLang } from './settings';
import type { Shopper } from './shopper';
import { loadText } from './text';

export const mountPanel: MountPanel = (host) => {
  const before = host.shadow.adoptedStyleSheets;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(PANEL_CSS);
  host.shadow.adoptedStyleSheets = [...before, sheet];
  const [open, setOpen] = createSignal(host.isOpen());
  const [lang, setLang] = createSignal<WidgetLang>(host.settings.lang);
  let input: HTMLTextAreaElement | undefined;
  let loaded: Core | undefined;
  const core = import('./core').then((m) => {
    loaded = m.core;
    return m.core;
  });
  // A core that does not load is the panel's to show (widget.error), once its words are in.
  core.catch(() => {});
  // The panel's way to send a card, once it is mounted (its catalog loaded).
  let resolveShare!: (share: (raw: unknown) => Promise<void>) => void;
  const share = new Promise<(raw: unknown) => Promise<void>>((r) => {
    resolveShare = r;
  });
  // And its way to switch shopper (setUser); a switch asked before it is mounted waits for it.
  let resolveSwitch!: (fn: (user: Shopper | null) => Promise<void>) => void;
  const switchTo = new Promise<(user: Shopper | null) => Promise<void>>((r) => {
    resolveSwitch = r;
  });
  const dispose = render(() => {
    // On a language change the old words stay until the new catalog is here.
    const [t] = createResource(lang, loadText);
    return (
      <Show when={t()}>
        {(tr) => (
          <Panel
            host={host}
            core={core}
            t={tr()}
            lang={lang}
            open={open}
            onShare={resolveShare}
            onSwitch={resolveSwitch}
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
    setLocale(l) {
      setLang(l);
    },
    async share(raw) {
      return (await share)(raw);
    },
    async setUser(user) {
      return (await switchTo)(user);
    },
    stop() {
      dispose();
      // Solid listens on the document for the panel's clicks and keys (event delegation);
      // destroy() must leave the shop's document as it found it.
      clearDelegatedEvents(document);
      // The core not in yet: the panel started nothing with it, and will not (Panel.tsx).
      loaded?.detach();
      // Its own sheet and those its parts added later (files: Attachment.tsx).
      host.shadow.adoptedStyleSheets = host.shadow.adoptedStyleSheets.filter((s) =>
        before.includes(s),
      );
    },
  };
};

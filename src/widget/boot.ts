// Reads the settings, draws the launcher inside a <parley-chat> shadow root and exposes
// window.Parley.widget (the entry, loader.ts, calls it once the page has a <body>).
import type { MountPanel, ParleyWidget } from './api';
import { createWidget } from './controller';
import { fromDataset, parseSettings, type WidgetLang } from './settings';

declare global {
  interface Window {
    parleySettings?: unknown;
    Parley?: { widget: ParleyWidget };
  }
}

export interface BootEnv {
  win: Window;
  script: HTMLScriptElement | null;
  loadPanel: (server: string, lang: WidgetLang) => Promise<MountPanel>;
}

/** Mount on the page's <parley-chat> (or a new one at the end of <body>); once per page. */
export function boot(env: BootEnv): ParleyWidget | null {
  const { win } = env;
  const doc = win.document;
  if (win.Parley) return win.Parley.widget;
  const scriptSrc = env.script?.src || doc.baseURI;
  let host = doc.querySelector('parley-chat') as HTMLElement | null;
  // Later sources win: the tag's attributes, the element's, then the page's own script.
  const sources = [
    env.script ? fromDataset(env.script.dataset) : null,
    host ? fromDataset(host.dataset) : null,
    win.parleySettings,
  ];
  const settings = parseSettings(
    sources,
    scriptSrc,
    win.navigator.languages ?? [],
    win.location.href,
  );
  if (!host) {
    host = doc.createElement('parley-chat');
    doc.body.append(host);
  }
  let storage: Storage | undefined;
  try {
    storage = win.localStorage;
  } catch {
    storage = undefined; // storage blocked: behave as a first visit
  }
  const widget = createWidget(host, settings, {
    loadPanel: (lang) => env.loadPanel(settings.server, lang),
    ...(storage ? { storage } : {}),
  });
  const destroy = widget.destroy;
  const api: ParleyWidget = {
    ...widget,
    destroy() {
      destroy();
      delete win.Parley;
    },
  };
  win.Parley = { widget: api };
  return api;
}

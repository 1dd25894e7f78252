// The widget's API: the public part (publicApi.ts, shipped as widget.d.ts) and what the
// loader and the lazily loaded panel say to each other.
export type {
  OrderShare,
  ParleyWidget,
  ProductShare,
  WidgetEvent,
  WidgetEvents,
  WidgetLocale,
  WidgetMessage,
  WidgetUser,
} from './publicApi';

import type { WidgetEvent, WidgetEvents } from './publicApi';

/** What the loader hands the lazily loaded panel. */
export interface PanelHost {
  shadow: ShadowRoot;
  container: HTMLElement;
  settings: import('./settings').WidgetSettings;
  emit<E extends WidgetEvent>(event: E, ...args: WidgetEvents[E]): void;
  requestClose(): void;
  isOpen(): boolean;
  /** Who the shopper is now: the shop's customer, or null for a guest. */
  user(): import('./shopper').Shopper | null;
}

export interface PanelHandle {
  /** The panel is on screen (or not): read state, focus. */
  setOpen(open: boolean): void;
  setLocale(lang: import('./settings').WidgetLang): void;
  /** The shopper signed in to the shop or out: switch accounts (see Parley.widget.setUser). */
  setUser(user: import('./shopper').Shopper | null): Promise<void>;
  /** Check and send a card (`kind` 'product' or 'order'); rejects with a TypeError if bad. */
  share(raw: unknown): Promise<void>;
  stop(): void;
}

export type MountPanel = (host: PanelHost) => PanelHandle;

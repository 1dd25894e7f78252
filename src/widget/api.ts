// The widget's public API (window.Parley.widget), shared by the loader and the panel.

export interface WidgetMessage {
  /** The agent's nickname in the conversation. */
  from: string;
  body: string;
  at: number;
}

export interface WidgetEvents {
  /** The shopper's chat session is ready (signed in, history readable). Fires once. */
  ready: [];
  /** Unread messages from the team, while the panel is closed (0 when read). */
  unread: [count: number];
  open: [];
  close: [];
  /** A new message from the team. */
  message: [message: WidgetMessage];
}

export type WidgetEvent = keyof WidgetEvents;

export interface ParleyWidget {
  open(): void;
  close(): void;
  toggle(): void;
  /** Returns a function that removes the handler. */
  on<E extends WidgetEvent>(event: E, fn: (...args: WidgetEvents[E]) => void): () => void;
  /** Remove the widget: no element, listener or timer of it stays on the page. */
  destroy(): void;
}

/** What the loader hands the lazily loaded panel. */
export interface PanelHost {
  shadow: ShadowRoot;
  container: HTMLElement;
  settings: import('./settings').WidgetSettings;
  emit<E extends WidgetEvent>(event: E, ...args: WidgetEvents[E]): void;
  requestClose(): void;
  isOpen(): boolean;
}

export interface PanelHandle {
  /** The panel is on screen (or not): read state, focus. */
  setOpen(open: boolean): void;
  stop(): void;
}

export type MountPanel = (host: PanelHost) => PanelHandle;

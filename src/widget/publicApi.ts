// The widget's public API, window.Parley.widget: the types a shop's developer sees. Kept free
// of imports, so the build can ship them as dist/widget.d.ts (scripts/widget-dts.mjs).

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

/** A product the shopper asks about (shareProduct). Checked: see README, "JS API". */
export interface ProductShare {
  title: string;
  /** With `currency` (ISO 4217, e.g. 'EUR'), or neither. */
  price?: number;
  currency?: string;
  /** http(s) only. */
  url?: string;
  /** http(s) only; shown as a thumbnail. */
  image?: string;
}

/** An order the shopper asks about (shareOrder). */
export interface OrderShare {
  id: string;
  /** With `currency`, or neither. */
  total?: number;
  currency?: string;
  status?: string;
  url?: string;
  items?: Array<{ title: string; quantity?: number }>;
}

export type WidgetLocale = 'en' | 'zh-CN' | 'zh-TW';

export interface ParleyWidget {
  open(): void;
  close(): void;
  toggle(): void;
  /**
   * Open the panel and send a product card (a plain text for other clients beside it).
   * Resolves once it is queued to go; rejects with a TypeError naming the bad field.
   */
  shareProduct(product: ProductShare): Promise<void>;
  /** The same for an order. */
  shareOrder(order: OrderShare): Promise<void>;
  /** Switch the launcher's and the panel's language now. */
  setLocale(lang: WidgetLocale): void;
  /** Returns a function that removes the handler. */
  on<E extends WidgetEvent>(event: E, fn: (...args: WidgetEvents[E]) => void): () => void;
  /** Remove the widget: no element, listener or timer of it stays on the page. */
  destroy(): void;
}

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

/**
 * The shop's signed-in customer, vouched for by the shop's backend (README, "Known
 * customers"). The widget signs in as `jid` with a password it asks the backend for whenever it
 * must sign in, and keeps only SCRAM keys: a shopper who edits the page cannot be someone else.
 */
export interface WidgetUser {
  /** The customer's chat address, as the backend made it: `customer-<id>@customers.example.com`. */
  jid: string;
  /** Shown to the team beside the verified address. */
  name?: string;
  email?: string;
  /**
   * A URL on this page's origin that answers a POST (with the shop's cookies) with
   * `{ "jid": "...", "password": "..." }`, or a function that resolves to that.
   */
  credential: string | (() => Promise<{ jid: string; password: string }>);
}

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
  /**
   * The shopper signed in to the shop (a known customer), or out (`null`: a guest again; the
   * customer's conversation is removed from this browser). Resolves once the widget has
   * switched (at once when the chat is not loaded yet); rejects with a TypeError for a bad
   * argument, or an Error when the shop's backend does not vouch for the customer.
   */
  setUser(user: WidgetUser | null): Promise<void>;
  /** Returns a function that removes the handler. */
  on<E extends WidgetEvent>(event: E, fn: (...args: WidgetEvents[E]) => void): () => void;
  /** Remove the widget: no element, listener or timer of it stays on the page. */
  destroy(): void;
}

// Types for dev/shop.mjs.
export const PRODUCTS: Array<{ id: string; name: string; price: string }>;
/** The demo's customers: /login signs in as one of them. */
export const CUSTOMERS: Array<{ id: string; name: string; email: string }>;
export interface ShopServer {
  url: string;
  /** The Content-Security-Policy header every shop page is served with. */
  csp: string;
  close(): Promise<void>;
}
export function serveShop(options: {
  port?: number;
  host?: string;
  widgetBase: string;
  agents: string[];
  lang?: string;
  /** Known customers: the backend's desk (dev/customers.mjs) and their XMPP host. */
  desk?: { credential(id: string): Promise<{ jid: string; password: string }> };
  customersHost?: string;
  /** Origin of the XMPP server's uploads (XEP-0363): added to the CSP's connect-src. */
  uploadOrigin?: string;
}): Promise<ShopServer>;

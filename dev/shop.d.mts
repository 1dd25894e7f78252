// Types for dev/shop.mjs.
export const PRODUCTS: Array<{ id: string; name: string; price: string }>;
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
  /** Origin of the XMPP server's uploads (XEP-0363): added to the CSP's connect-src. */
  uploadOrigin?: string;
}): Promise<ShopServer>;

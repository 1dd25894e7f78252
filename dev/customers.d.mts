// Types for dev/customers.mjs.
export class DeskError extends Error {}
export function customerJid(id: string, host: string): string;
export interface CustomerDesk {
  /** The customer's chat account and its current password (made or changed as needed). */
  credential(id: string): Promise<{ jid: string; password: string }>;
  stop(): Promise<void>;
}
export function startCustomerDesk(options: {
  /** xmpp://127.0.0.1:PORT or a ws:// URL. */
  service: string;
  /** The customers' host, whose admin is shop@host. */
  host: string;
  password: string;
  /** How long one password is handed out before a new one is set; default 12 h. */
  ttlMs?: number;
  now?: () => number;
}): Promise<CustomerDesk>;

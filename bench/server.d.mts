// Types for bench/server.mjs.

export interface Site {
  /** e.g. http://127.0.0.1:PORT/ */
  url: string;
  port: number;
  /** Body bytes written so far (gzip-compressed where sent so). */
  bytesOut(): number;
  close(): Promise<void>;
}

export function serveSite(options: {
  root: string;
  mounts?: Record<string, string>;
  generated?: Record<string, { type: string; body: string | Uint8Array }>;
  fallback?: string;
}): Promise<Site>;

/** Converse.js as the benchmarks run it, told the server's WebSocket and domain. */
export function serveConverse(websocketUrl: string, domain: string): Promise<Site>;

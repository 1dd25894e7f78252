// Types for dev/serve.mjs (plain Node ESM, so Playwright's TS files can import it).

export interface ServeOptions {
  /** Folder with the built app; default 'dist'. */
  root?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The XMPP server's HTTP port: /xmpp-websocket and /http-bind are proxied to it. */
  prosodyHttpPort?: number;
  /**
   * Other HTTP ports of the same service (a cluster's other nodes): each new connection goes to
   * the first of prosodyHttpPort and these that accepts connections, as a load balancer would.
   */
  fallbackHttpPorts?: number[];
  /** Served as /config.json instead of root/config.json. */
  config?: unknown;
  /** Proxy /file_share/ (XEP-0363 uploads) to Prosody as this host, e.g. 'upload.localhost'. */
  uploadHost?: string;
}

export type NetState = 'up' | 'rst' | 'blackhole';

/**
 * The XMPP path through the app server (the /xmpp-websocket and /http-bind proxies, and
 * /file_share/ when proxied).
 * Static files and /config.json are served whatever its state.
 */
export interface NetControl {
  /**
   * 'rst': reset (TCP RST) every open proxied connection, both the browser side and the
   * upstream side, including ones blackholed earlier; while cut, new ones are reset on arrival.
   * 'blackhole': open connections silently stop carrying bytes both ways (read and
   * dropped, nothing written, nobody told of a close); while cut, new upgrade requests
   * are accepted but never answered.
   */
  cut(mode: 'rst' | 'blackhole'): void;
  /** New connections work again. Blackholed ones stay silent until one side closes them. */
  restore(): void;
  state(): NetState;
  /** Browser-side WebSocket connections on the XMPP path still open, whatever their state. */
  openSockets(): number;
  /** The same by kind: live (carrying bytes), silent (blackholed), hanging (never answered). */
  counts(): { live: number; silent: number; hanging: number };
}

export interface AppServer {
  /** e.g. http://127.0.0.1:43123/ */
  url: string;
  port: number;
  net: NetControl;
  close(): Promise<void>;
}

export const CONTENT_TYPES: Record<string, string>;
export function serveApp(options?: ServeOptions): Promise<AppServer>;

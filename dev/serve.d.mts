// Types for dev/serve.mjs (plain Node ESM, so Playwright's TS files can import it).

export interface ServeOptions {
  /** Folder with the built app; default 'dist'. */
  root?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Prosody's HTTP port: /xmpp-websocket and /http-bind are proxied to it. */
  prosodyHttpPort?: number;
  /** Served as /config.json instead of root/config.json. */
  config?: unknown;
}

export interface AppServer {
  /** e.g. http://127.0.0.1:43123/ */
  url: string;
  port: number;
  close(): Promise<void>;
}

export const CONTENT_TYPES: Record<string, string>;
export function serveApp(options?: ServeOptions): Promise<AppServer>;

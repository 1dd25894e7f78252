// Types for dev/prosody.mjs (plain Node ESM, so Playwright's TS files can import it).

export interface ProsodyOptions {
  /** Folder for the config, pidfile, log and data; created if missing. */
  dataDir: string;
  /** Client-to-server port on 127.0.0.1; a free one when omitted or 0. */
  c2sPort?: number;
  /** HTTP port on 127.0.0.1 (WebSocket, BOSH, file share); a free one when omitted or 0. */
  httpPort?: number;
  domain?: string;
  allowRegistration?: boolean;
  /** Log to dataDir/prosody.log instead of the console. */
  quiet?: boolean;
  /** Lua appended to the global section, e.g. `smacks_hibernation_time = 20`. */
  extraConfig?: string;
  /** Lua for the VirtualHost section, e.g. `modules_enabled = { "x" }` (added to the global list). */
  hostConfig?: string;
  /** Lowest level logged; default 'info' ('debug' shows every stanza and smacks decision). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** The upload component's http_external_url; default http://upload.DOMAIN:HTTPPORT/. */
  uploadUrl?: string;
}

export interface StopOptions {
  /** 'SIGTERM' (default; SIGKILL after 5 s) or 'SIGKILL' (a crash: no grace period). */
  signal?: 'SIGTERM' | 'SIGKILL';
}

/** A private XMPP server this repository starts (Prosody or ejabberd): the same shape. */
export interface XmppServer {
  server: 'prosody' | 'ejabberd';
  c2sPort: number;
  httpPort: number;
  domain: string;
  dataDir: string;
  configPath: string;
  /** The server's log (written with quiet: true, the default). */
  logPath: string;
  pid: number | undefined;
  /** Resolves when the process ends, for whatever reason. */
  exited: Promise<{ code: number | null; signal: string | null; error?: string }>;
  websocketUrl: string;
  boshUrl: string;
  uploadHost: string;
  /** Where uploads go and are fetched from. */
  uploadUrl: string;
  mucHost: string;
  /** The shop's known customers: no public registration; `shop@` it is their one admin. */
  customersHost: string;
  /** Create user@host (default: the domain), or set its password when it exists. */
  register(user: string, password: string, host?: string): Promise<void>;
  /** True when user@host (default: the domain) exists. */
  hasAccount(user: string, host?: string): Promise<boolean>;
  /** SIGTERM, then SIGKILL after a grace period (or SIGKILL at once); resolves when gone. */
  stop(options?: StopOptions): Promise<void>;
  /**
   * A crash (SIGKILL: no goodbye to anyone) of a server that had written what it acknowledged.
   * Prosody writes before it answers; ejabberd's Mnesia keeps up to 2 s of writes in memory,
   * so its log is synced first (the server must run with `node`).
   */
  crash(): Promise<void>;
}

/** Prosody's `register` runs prosodyctl; its uploads go through http_file_share. */
export interface Prosody extends XmppServer {
  server: 'prosody';
}

export function startProsody(options: ProsodyOptions): Promise<Prosody>;
export function freePort(): Promise<number>;
export function onPath(name: string): boolean;
export function portAcceptsConnections(port: number, timeoutMs?: number): Promise<boolean>;
/** Run `prosodyctl --config configPath ...args`; resolves with its output. */
export function prosodyctl(configPath: string, args: string[]): Promise<string>;
export function prosodyConfig(
  options: Required<Omit<ProsodyOptions, 'extraConfig' | 'hostConfig' | 'logLevel'>> & {
    c2sPort: number;
    httpPort: number;
    extraConfig?: string;
    hostConfig?: string;
    logLevel?: string;
  },
): string;

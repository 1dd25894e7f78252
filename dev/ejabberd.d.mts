// Types for dev/ejabberd.mjs (plain Node ESM, so Playwright's TS files can import it).
import type { StopOptions, XmppServer } from './prosody.mjs';

export interface EjabberdOptions {
  /** Folder for the config, Mnesia spool, log and uploads; created if missing. */
  dataDir: string;
  /** Client-to-server port on 127.0.0.1; a free one when omitted or 0. */
  c2sPort?: number;
  /** HTTP port on 127.0.0.1 (WebSocket, BOSH, uploads, the HTTP API); free one when omitted. */
  httpPort?: number;
  domain?: string;
  allowRegistration?: boolean;
  /** Print the VM's output to the console (the log is always in dataDir/logs). */
  quiet?: boolean;
  logLevel?: 'debug' | 'info' | 'warning' | 'error';
  /** mod_stream_mgmt's resume_timeout; default 60. */
  resumeSeconds?: number;
  /**
   * Upload slots' base URL; default http://upload.DOMAIN:HTTPPORT/file_share (Prosody's path,
   * so dev/serve.mjs proxies both alike).
   */
  uploadUrl?: string;
  /** A cluster node's Erlang name (name@localhost): distribution on, with `cookie`. */
  node?: string;
  cookie?: string;
}

/** ejabberd's `register` goes through its HTTP API (open to loopback only). */
export interface Ejabberd extends XmppServer {
  server: 'ejabberd';
}

/** True when Debian's ejabberd (its Erlang VM and ejabberdctl) is installed. */
export function ejabberdInstalled(): boolean;
export function startEjabberd(options: EjabberdOptions): Promise<Ejabberd>;
export function ejabberdRegister(
  httpPort: number,
  user: string,
  password: string,
  host: string,
): Promise<void>;
export function ejabberdConfig(
  options: Required<Omit<EjabberdOptions, 'quiet' | 'c2sPort' | 'httpPort'>> & {
    c2sPort: number;
    httpPort: number;
  },
): string;

export function ejabberdRpc(
  node: string,
  cookie: string,
  module: string,
  fun: string,
  args?: string,
): Promise<string>;

export interface EjabberdCluster {
  /** Erlang node names, e.g. parley1-ab12cd@localhost. */
  names: string[];
  cookie: string;
  /** The running nodes, in order (null where stopped). */
  nodes: Array<Ejabberd | null>;
  /** The cluster's members as node `i` sees them, sorted. */
  members(i?: number): Promise<string[]>;
  stopNode(i: number, options?: StopOptions): Promise<void>;
  /** Start node `i` again on its folder and ports; it rejoins the cluster by itself. */
  startNode(i: number): Promise<void>;
  stop(): Promise<void>;
}

export function startEjabberdCluster(
  options: Omit<EjabberdOptions, 'c2sPort' | 'httpPort'> & { nodes?: number; cookie?: string },
): Promise<EjabberdCluster>;

import type { Element } from '@xmpp/xml';
import type { ConnectErrorCode } from '../shared/connectError';

export type SessionStatus = 'connecting' | 'online' | 'offline';

/**
 * What the engine needs from a live XMPP stream. The real one wraps @xmpp/client
 * (connection.ts); tests use the fake entity (fake.ts) that records what is sent.
 */
export type Transport = 'websocket' | 'bosh';

export interface XmppSession {
  /** How this session reaches the server: WebSocket (RFC 7395) or BOSH (XEP-0206). */
  readonly transport: Transport;
  /** Our full JID once bound. */
  readonly jid: string;
  send(el: Element): Promise<void>;
  /** Send an IQ and wait for its result; rejects with XmppRequestError on an error reply. */
  request(el: Element, timeoutMs?: number): Promise<Element>;
  /** Every incoming stanza (message, presence, iq). Returns the disposer. */
  onStanza(fn: (el: Element) => void): () => void;
  /** A fresh session is ready (after first connect or a reconnect that could not resume). */
  onOnline(fn: (resumed: boolean) => void): () => void;
  onStatus(fn: (status: SessionStatus, error?: ConnectErrorCode) => void): () => void;
  /** The server acknowledged (XEP-0198) an outgoing stanza; gives its id. */
  onAcked(fn: (id: string) => void): () => void;
  /**
   * Handle an incoming IQ of this type and payload. The handler returns true to answer with a
   * result, false to refuse (forbidden). Unhandled IQs are answered service-unavailable.
   */
  onIq(
    type: 'get' | 'set',
    ns: string,
    name: string,
    fn: (iq: Element) => boolean | Promise<boolean>,
  ): () => void;
  /** Whether sends are acknowledged by stream management in this session. */
  readonly smEnabled: boolean;
  /** The current stream's <stream:features/>, for optional features such as CSI. */
  readonly features: Element | null;
  /**
   * Try to get back online now: resumes the stream (XEP-0198) when the server still holds it,
   * else signs in again with the kept credentials. Resolves online; rejects with ConnectError.
   */
  reconnectNow(timeoutMs?: number): Promise<void>;
  /** Drop the link (e.g. it went silent); the status turns offline. */
  dropConnection(): Promise<void>;
  /** Keepalive: ask for an ack after `intervalMs` of quiet, give up after `timeoutMs` more. */
  setKeepalive(intervalMs: number, timeoutMs: number): void;
  stop(): Promise<void>;
  /**
   * The page is going away: close the stream now, without waiting for the server's answer,
   * so the server ends the session (and its room presences) instead of keeping it for
   * resumption while the reloaded page signs in with the same resource.
   */
  closeNow(): void;
}

export { ConnectError, type ConnectErrorCode } from '../shared/connectError';

export class XmppRequestError extends Error {
  constructor(
    readonly condition: string,
    readonly text?: string,
    /** The <error/> element as received, for application-specific conditions. */
    readonly error?: Element,
  ) {
    super(text ? `${condition}: ${text}` : condition);
    this.name = 'XmppRequestError';
  }
}

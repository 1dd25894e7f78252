import { type AccountDb, liveQuery, setMeta } from '../db';
import { errorCode } from '../shared/connectError';
import { buildCsi, supportsCsi } from '../xmpp';
import type { ConnectError } from '../xmpp/session';
import type { EngineContext } from './context';
import { createRetry, onWakeSignals } from './retry';

export interface ConnectivityOptions {
  reconnectMaxMs: number;
  keepaliveMs: number;
  keepaliveTimeoutMs: number;
  connectTimeoutMs: number;
}

export const DEFAULT_CONNECTIVITY: ConnectivityOptions = {
  reconnectMaxMs: 60_000,
  keepaliveMs: 30_000,
  keepaliveTimeoutMs: 15_000,
  connectTimeoutMs: 15_000,
};

/**
 * Keeps the session alive: keepalive acks detect a silent link, drops are retried with backoff
 * and jitter (at once when the browser is back online, the page is shown, or the person asks),
 * and the server is told when the page is hidden (XEP-0352).
 */
export function createConnectivity(ctx: EngineContext, opts: ConnectivityOptions) {
  const { db, session } = ctx;
  session.setKeepalive(opts.keepaliveMs, opts.keepaliveTimeoutMs);
  const write = (
    status: 'online' | 'connecting' | 'offline',
    extra: { error?: string; retryAt?: number; transport?: 'websocket' | 'bosh' } = {},
  ) =>
    setMeta(db, 'connection', { status, at: Date.now(), ...extra }).catch((e) =>
      ctx.log('meta', e),
    );

  const retry = createRetry({
    maxDelayMs: opts.reconnectMaxMs,
    attempt: () => session.reconnectNow(opts.connectTimeoutMs),
    fatal: (err) => (err as ConnectError).code === 'auth',
    onTrying: () => void write('connecting'),
    onWaiting: (retryAt, err) =>
      void write('offline', {
        retryAt,
        ...(err ? { error: (err as ConnectError).code ?? 'other' } : {}),
      }),
    onGiveUp: () => void write('offline', { error: 'auth' }),
  });

  const offStatus = session.onStatus((status) => {
    if (status === 'offline') retry.start(true);
    // The link is back (a try of ours or the transport's own): a try still pending would start
    // a second new session over it, and the outbox would send again what the first took.
    else if (status === 'online') retry.stop();
  });

  const offWake = onWakeSignals(() => retry.now());
  // The browser knows the network is gone: say so and drop the link now, instead of holding
  // "Connected" until a keepalive fails (up to keepaliveMs + keepaliveTimeoutMs later). Coming
  // back resumes the stream (XEP-0198) when the server still holds it.
  const onOffline = () => {
    if (retry.active) return; // already down, and the bar says so with its next try
    void write('offline');
    void session.dropConnection();
  };
  globalThis.addEventListener?.('offline', onOffline);
  const offAsk = onRetryAsked(db, () => retry.now());

  function sendCsi() {
    if (typeof document === 'undefined' || !session.features || !supportsCsi(session.features))
      return;
    session.send(buildCsi(document.hidden ? 'inactive' : 'active')).catch(() => {});
  }
  const onVisibility = () => sendCsi();
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);

  return {
    /** A session (new or resumed) is up. */
    online() {
      retry.stop();
      void write('online', { transport: session.transport });
      // A new stream starts active (XEP-0352); say so only if the page is hidden.
      if (typeof document !== 'undefined' && document.hidden) sendCsi();
    },
    stop() {
      retry.stop();
      offStatus();
      offWake();
      globalThis.removeEventListener?.('offline', onOffline);
      offAsk();
      if (typeof document !== 'undefined')
        document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}

/** "Retry now" pressed in any tab: a row in the mirror, so the tab holding the link hears it. */
function onRetryAsked(db: AccountDb, fn: () => void): () => void {
  let lastAsk = -1;
  const sub = liveQuery(() => db.meta.get('retryNow')).subscribe({
    next: (v) => {
      const at = typeof v === 'number' ? v : 0;
      if (lastAsk >= 0 && at !== lastAsk) fn();
      lastAsk = at;
    },
  });
  return () => sub.unsubscribe();
}

/**
 * The first connection of the leader tab (on page load, or after taking the lead), tried with
 * the same backoff as a reconnect until it is up; from then on createConnectivity keeps it up.
 * One owner of reconnecting: the app only says what one attempt is.
 */
export function connectUntilUp(
  db: AccountDb,
  opts: { maxDelayMs: number; attempt: () => Promise<void> },
) {
  const write = (status: 'connecting' | 'offline', extra: { error?: string; retryAt?: number }) =>
    void setMeta(db, 'connection', { status, at: Date.now(), ...extra }).catch(() => {});
  const retry = createRetry({
    maxDelayMs: opts.maxDelayMs,
    attempt: opts.attempt,
    fatal: (err) => errorCode(err) === 'auth',
    onTrying: () => write('connecting', {}),
    onWaiting: (retryAt, err) => write('offline', { error: errorCode(err), retryAt }),
    onGiveUp: () => write('offline', { error: 'auth' }),
  });
  const offWake = onWakeSignals(() => retry.now());
  const offAsk = onRetryAsked(db, () => retry.now());
  retry.start();
  return {
    stop() {
      retry.stop();
      offWake();
      offAsk();
    },
  };
}

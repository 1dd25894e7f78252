import { type Client, client } from '@xmpp/client';
import xml, { type Element } from '@xmpp/xml';
import { createReconnect } from './reconnect';
import { buildRegisterSet } from './register';
import { ScramError, type ScramKeys, type ScramMechanism, scramMechanism } from './scram';
import {
  ConnectError,
  type ConnectErrorCode,
  type IqHandlerFn,
  type SessionStatus,
  type Transport,
  XmppRequestError,
  type XmppSession,
} from './session';

export interface ConnectOptions {
  service: string; // ws(s):// URL, or http(s):// for BOSH
  /** A BOSH URL to try when a WebSocket to `service` cannot be opened (proxies that block it). */
  fallbackService?: string;
  domain: string;
  username: string;
  /** Needed for the first sign-in; later ones can use the kept SCRAM keys alone. */
  password?: string;
  scramKeys?: ScramKeys;
  /** Receives the SCRAM keys a sign-in used, to keep instead of the password. */
  onScramKeys?: (keys: ScramKeys) => void;
  resource: string;
  /** Create the account (XEP-0077) on this stream before signing in. */
  register?: boolean;
  /** Give up on a connection attempt after this long. */
  timeoutMs?: number;
}

function registrationError(err: unknown): ConnectError {
  const condition = (err as { condition?: string }).condition ?? '';
  const text = (err as { text?: string }).text;
  if (condition === 'conflict') return new ConnectError('conflict', text);
  if (['not-allowed', 'forbidden', 'registration-required'].includes(condition))
    return new ConnectError('not-allowed', text);
  if (['not-acceptable', 'bad-request', 'jid-malformed', 'policy-violation'].includes(condition))
    return new ConnectError('not-acceptable', text);
  if (['service-unavailable', 'feature-not-implemented'].includes(condition))
    return new ConnectError('not-allowed', text);
  return new ConnectError('other', condition || String(err));
}

function connectError(err: unknown): ConnectError {
  if (err instanceof ConnectError) return err;
  const e = err as { name?: string; condition?: string; code?: string; message?: string };
  if (e.name === 'SASLError') return new ConnectError('auth', e.condition);
  if (e.name === 'ScramError' || err instanceof ScramError)
    return new ConnectError('auth', e.message);
  if (
    e.code === 'ECONNERROR' ||
    e.name === 'ConnectionError' ||
    /websocket|ECONN/i.test(e.message ?? '')
  )
    return new ConnectError('unreachable', e.message);
  if (e.name === 'TimeoutError') return new ConnectError('unreachable', 'timeout');
  return new ConnectError('other', e.message ?? String(err));
}

/** Open a session; resolves once bound (and registered first when asked). */
const SCRAM_ORDER: ScramMechanism[] = ['SCRAM-SHA-256', 'SCRAM-SHA-1'];

/** SCRAM first (the one our kept keys fit, when signing in without a password); PLAIN only on a secure or loopback link. */
export function pickMechanism(
  offered: string[],
  opts: { password?: string; scramKeys?: ScramKeys },
  secure: boolean,
): string | undefined {
  if (!opts.password) {
    const m = opts.scramKeys?.mechanism;
    return m && offered.includes(m) ? m : undefined;
  }
  const scram = SCRAM_ORDER.find((m) => offered.includes(m));
  if (scram) return scram;
  return secure && offered.includes('PLAIN') ? 'PLAIN' : undefined;
}

/** Open a session; resolves once bound (and registered first when asked). */
export async function connectXmpp(opts: ConnectOptions): Promise<XmppSession> {
  const { fallbackService, ...rest } = opts;
  try {
    return await connectOnce(rest);
  } catch (err) {
    // A WebSocket that cannot be opened (a proxy that refuses upgrades): the same server over
    // BOSH. Only for an unreachable link: a refused password is the same on both.
    if (!fallbackService || !/^wss?:/.test(opts.service)) throw err;
    if (!(err instanceof ConnectError) || err.code !== 'unreachable') throw err;
    return connectOnce({ ...rest, service: fallbackService });
  }
}

async function connectOnce(opts: ConnectOptions): Promise<XmppSession> {
  let registered = !opts.register;
  // The password lives only in this closure, and only until SCRAM keys replace it.
  let password = opts.password;
  let keys = opts.scramKeys;
  const entity: Client = client({
    service: opts.service,
    domain: opts.domain,
    resource: opts.resource,
    credentials: async (authenticate, mechanisms, _fast, ent) => {
      if (!registered) {
        try {
          await ent.iqCaller.request(
            buildRegisterSet({ username: opts.username, password: password ?? '' }),
            15_000,
          );
        } catch (err) {
          throw registrationError(err);
        }
        registered = true;
      }
      const mechanism = pickMechanism(
        mechanisms,
        { ...(password ? { password } : {}), ...(keys ? { scramKeys: keys } : {}) },
        ent.isSecure(),
      );
      if (!mechanism)
        throw new ConnectError(password ? 'unsupported' : 'auth', 'no usable mechanism');
      await authenticate(
        {
          username: opts.username,
          ...(password ? { password } : {}),
          ...(keys ? { keys } : {}),
          onKeys: (k: ScramKeys) => {
            keys = k;
            password = undefined;
            opts.onScramKeys?.(k);
          },
        } as { username: string; password?: string },
        mechanism,
      );
    },
  });
  for (const m of SCRAM_ORDER) entity.saslFactory.use(m, scramMechanism(m));
  // BOSH is fetched only for a BOSH service (configured, or the fallback after a WebSocket
  // failed): most links never need it, and it is not fetched with the rest (2.4 KB gzip).
  if (/^https?:/.test(opts.service)) {
    const { bosh } = await import('./bosh/transport');
    bosh({ entity: entity as unknown as { transports: unknown[] } });
  }
  // Reconnecting is the engine's policy; xmpp.js's loop only runs after a first success, so a
  // wrong password is reported once instead of retried forever.
  entity.reconnect.stop();
  // Marks for measuring where sign-in time goes (see bench/).
  entity.on('status', (status: string) => performance.mark(`parley:xmpp:${status}`));
  let lastError: ConnectErrorCode | undefined;
  entity.on('error', (err: unknown) => {
    lastError = connectError(err).code;
  });
  let features: Element | null = null;
  entity.on('nonza', (el: Element) => {
    if (el.name === 'stream:features' || el.name === 'features') features = el;
  });
  // A path that swallows packets never answers: give up after a while, like reconnectOnce.
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      entity.start(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new ConnectError('unreachable', 'timeout')),
          opts.timeoutMs ?? 15_000,
        );
      }),
    ]);
  } catch (err) {
    await entity.stop().catch(() => {});
    throw connectError(err);
  } finally {
    clearTimeout(timer);
  }
  return wrap(entity, {
    transport: /^https?:/.test(opts.service) ? 'bosh' : 'websocket',
    lastError: () => lastError,
    clearError: () => {
      lastError = undefined;
    },
    features: () => features,
  });
}

const STANZAS_NS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

interface WrapState {
  transport: Transport;
  lastError: () => ConnectErrorCode | undefined;
  clearError: () => void;
  features: () => Element | null;
}

function wrap(entity: Client, state: WrapState): XmppSession {
  const { lastError } = state;
  let attempt: Promise<void> | null = null;
  const reconnectOnce = createReconnect(entity, connectError);
  const iqHandlers = new Map<string, Set<IqHandlerFn>>();
  const on = <A extends unknown[]>(
    target: {
      on(ev: string, fn: (...a: never[]) => void): void;
      off(ev: string, fn: (...a: never[]) => void): void;
    },
    ev: string,
    fn: (...a: A) => void,
  ) => {
    const h = fn as unknown as (...a: never[]) => void;
    target.on(ev, h);
    return () => target.off(ev, h);
  };
  return {
    transport: state.transport,
    get jid() {
      return entity.jid?.toString() ?? '';
    },
    get smEnabled() {
      // <enable/> sent counts: stanzas from then on are queued for acknowledgement (XEP-0198).
      const sm = entity.streamManagement as unknown as { enabled: boolean; enableSent: boolean };
      return sm.enabled || sm.enableSent;
    },
    get features() {
      return state.features();
    },
    reconnectNow(timeoutMs = 15_000) {
      if (entity.status === 'online') return Promise.resolve();
      attempt ??= (async () => {
        state.clearError();
        try {
          await reconnectOnce(timeoutMs);
        } finally {
          attempt = null;
        }
      })();
      return attempt;
    },
    async dropConnection() {
      await entity.disconnect().catch(() => {});
    },
    setKeepalive(intervalMs, timeoutMs) {
      entity.streamManagement.requestAckInterval = intervalMs;
      entity.streamManagement.timeout = timeoutMs;
    },
    send: (el) => entity.send(el),
    async request(el, timeoutMs = 20_000) {
      try {
        return await entity.iqCaller.request(el, timeoutMs);
      } catch (err) {
        const e = err as { condition?: string; text?: string; name?: string; element?: Element };
        if (e.condition) throw new XmppRequestError(e.condition, e.text, e.element);
        throw new XmppRequestError(e.name === 'TimeoutError' ? 'timeout' : 'other', String(err));
      }
    },
    onStanza: (fn) => on(entity, 'stanza', fn as (el: Element) => void),
    onIq(type, ns, name, fn) {
      const key = `${type} ${ns} ${name}`;
      let set = iqHandlers.get(key);
      if (!set) {
        const handlers = new Set<IqHandlerFn>();
        iqHandlers.set(key, handlers);
        set = handlers;
        entity.iqCallee[type](ns, name, async (ctx) => {
          for (const h of handlers) {
            const answer = await h(ctx.stanza);
            if (answer) return answer;
          }
          return xml('error', { type: 'cancel' }, xml('forbidden', { xmlns: STANZAS_NS }));
        });
      }
      set.add(fn);
      return () => {
        set.delete(fn);
      };
    },
    onOnline(fn) {
      const a = on(entity, 'online', () => fn(false));
      const b = on(entity.streamManagement, 'resumed', () => fn(true));
      return () => {
        a();
        b();
      };
    },
    onStatus(fn) {
      return on(entity, 'status', (s: string) => {
        const mapped: SessionStatus | null =
          s === 'online'
            ? 'online'
            : ['connecting', 'connect', 'opening', 'open'].includes(s)
              ? 'connecting'
              : ['disconnecting', 'disconnect', 'closing', 'close', 'offline'].includes(s)
                ? 'offline'
                : null;
        if (mapped) fn(mapped, mapped === 'offline' ? lastError() : undefined);
      });
    },
    onAcked: (fn) =>
      on(entity.streamManagement, 'ack', (stanza: Element) => {
        const id = stanza.attrs['id'];
        if (id) fn(id);
      }),
    closeNow() {
      entity.reconnect.stop();
      // The transport's own footer (<close/> on WebSocket, a terminate on BOSH), written
      // synchronously: a page being hidden for good runs no more tasks after this one.
      const c = entity as unknown as {
        socket: { write(s: string, cb?: (err?: unknown) => void): void; end(): void } | null;
        footer(el: unknown): string;
        footerElement(): unknown;
      };
      if (!c.socket || entity.status !== 'online') return;
      try {
        c.socket.write(c.footer(c.footerElement()), () => {});
        c.socket.end();
      } catch {
        // Already closing: nothing more to say to the server.
      }
    },
    async stop() {
      entity.reconnect.stop();
      await entity.stop().catch(() => {});
    },
  };
}

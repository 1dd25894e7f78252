// Test doubles for createSession: tabs of one browser in one Node process (shared Web Locks,
// a BroadcastChannel that records what it carries, a tab's own storage) and a fake engine
// whose server knows one password. Only tests import this file.
import type { StoredKeys } from '../../db';
import type { Connection, ConnectionOptions, EngineGateway } from '../../engine/gateway';
import { ConnectError } from '../../shared/connectError';
import type { BrowserSession } from '../browserSession';
import type { RuntimeConfig } from '../config';
import type { SessionOptions } from './createSession';
import type { KeyStorage } from './keys';
import type { ChannelLike, TabMessage } from './tabChannel';

export const CONFIG: RuntimeConfig = {
  websocketUrl: 'ws://127.0.0.1:1/xmpp-websocket',
  domain: 'example.org',
  allowRegistration: true,
  idleAwayMinutes: 10,
  reconnectMaxSeconds: 60,
  keepaliveSeconds: 30,
  keepaliveTimeoutSeconds: 15,
  connectTimeoutSeconds: 15,
};

/** Web Locks for several tabs: exclusive, granted in order, released when the holder ends. */
export function fakeLocks() {
  const held = new Set<string>();
  const waiting = new Map<string, Array<() => void>>();
  const next = (name: string) => {
    held.delete(name);
    waiting.get(name)?.shift()?.();
  };
  const locks = {
    request(
      name: string,
      options: { signal?: AbortSignal },
      cb: (lock: unknown) => Promise<unknown>,
    ): Promise<unknown> {
      return new Promise((resolve, reject) => {
        const grant = () => {
          held.add(name);
          cb({ name, mode: 'exclusive' })
            .then(resolve, reject)
            .finally(() => next(name));
        };
        if (!held.has(name)) return grant();
        const queue = waiting.get(name) ?? [];
        queue.push(grant);
        waiting.set(name, queue);
        options.signal?.addEventListener('abort', () => {
          const i = queue.indexOf(grant);
          if (i < 0) return;
          queue.splice(i, 1);
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    },
    async query() {
      const pending = [...waiting].flatMap(([name, q]) => q.map(() => ({ name })));
      return { held: [...held].map((name) => ({ name })), pending };
    },
  };
  return locks as unknown as Pick<LockManager, 'request' | 'query'>;
}

/** A BroadcastChannel that also keeps everything this tab posted. */
export function recordingChannel(name: string, posted: TabMessage[]): ChannelLike {
  const bc = new BroadcastChannel(name);
  return {
    postMessage(m) {
      posted.push(structuredClone(m));
      bc.postMessage(m);
    },
    addEventListener: (type, fn) => bc.addEventListener(type, fn as EventListener),
    removeEventListener: (type, fn) => bc.removeEventListener(type, fn as EventListener),
    close: () => bc.close(),
  };
}

export function memoryStorage(): KeyStorage & { values(): string[] } {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    values: () => [...m.values()],
  };
}

// Stand-ins for PBKDF2: a different password gives different keys, and none contains it.
const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);
const SALT = { mechanism: 'SCRAM-SHA-1' as const, salt: 'c2FsdA==', iterations: 4096 };
export const keysFor = (password: string, salt = SALT.salt): StoredKeys => ({
  ...SALT,
  salt,
  clientKey: `ck${hash(password + salt)}`,
  serverKey: `sk${hash(salt + password)}`,
});

/** One server with one account's password; records every stream opened. */
export function fakeServer(password: string) {
  const server = {
    password,
    salt: SALT.salt as string,
    opened: [] as ConnectionOptions[],
    live: [] as Array<{ resource: string; stopped: boolean }>,
    engine: null as unknown as EngineGateway,
  };
  server.engine = {
    async openConnection(o) {
      server.opened.push(o);
      const right = keysFor(server.password, server.salt);
      const ok =
        o.password !== undefined
          ? o.password === server.password
          : o.scramKeys?.clientKey === right.clientKey;
      if (!ok) throw new ConnectError('auth', 'not-authorized');
      const stream = { resource: o.resource, stopped: false };
      server.live.push(stream);
      const connection: Connection = {
        keys: right,
        run: () => ({
          uploadService: async () => null,
          mucService: async () => `conference.${o.domain}`,
          roomDirectory: async () => [],
          canReport: async () => false,
          deleteAccount: async () => {},
          stop() {},
        }),
        async changePassword(fresh) {
          // As Prosody does: the new password gets a new salt.
          server.password = fresh;
          server.salt = btoa(`salt of ${fresh}`);
        },
        closeNow() {
          stream.stopped = true;
        },
        async stop() {
          stream.stopped = true;
        },
      };
      return connection;
    },
    connectUntilUp(_db, o) {
      void o.attempt().catch(() => {});
      return { stop() {} };
    },
    async deriveKeys(known, pw) {
      return keysFor(pw, known.salt);
    },
    preload() {},
  };
  return server;
}

/** A tab: its own storage and channel end, the browser's locks and server. */
export function tabOptions(
  env: { locks: Pick<LockManager, 'request' | 'query'>; channel: string; lock: string },
  server: ReturnType<typeof fakeServer>,
  browser: BrowserSession,
  storage = memoryStorage(),
) {
  const posted: TabMessage[] = [];
  const options: SessionOptions = {
    config: async () => CONFIG,
    tabStorage: storage,
    channel: recordingChannel(env.channel, posted),
    locks: env.locks,
    lockName: env.lock,
    engine: server.engine,
    browserSession: async () => browser,
    activity: new EventTarget(),
  };
  return { options, posted, storage };
}

// The tabs of one browser talk over a BroadcastChannel: the leader tab answers engine calls and
// sign-ins for the others. The typed password never crosses it: only SCRAM keys (see keys.ts).
import type { StoredKeys } from '../../db';
import { ConnectError, type ConnectErrorCode } from '../../shared/connectError';
import type { CallName } from './engineCalls';

export type TabMessage =
  | { type: 'call'; account: string; id: string; name: CallName; args: unknown[] }
  | {
      type: 'answer';
      account: string;
      id: string;
      value?: unknown;
      error?: string;
      code?: ConnectErrorCode;
    }
  | { type: 'keys?'; account: string }
  | { type: 'keys'; account: string; keys: StoredKeys }
  | { type: 'signin'; account: string; id: string; keys: StoredKeys };

/** The part of BroadcastChannel used here; tests record what is posted. */
export interface ChannelLike {
  postMessage(message: TabMessage): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<TabMessage>) => void): void;
  removeEventListener(type: 'message', fn: (e: MessageEvent<TabMessage>) => void): void;
  close?(): void;
}

export const CALL_TIMEOUT_MS = 20_000;

/**
 * Requests this tab sent wait for their answer here; every other message goes to `onMessage`.
 */
export function createTabChannel(
  channel: ChannelLike | null,
  onMessage: (m: Exclude<TabMessage, { type: 'answer' }>) => void,
  timeoutMs = CALL_TIMEOUT_MS,
) {
  const waiting = new Map<
    string,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void; timer: unknown }
  >();
  const listener = (e: MessageEvent<TabMessage>) => {
    const m = e.data;
    if (m.type !== 'answer') return onMessage(m);
    const wait = waiting.get(m.id);
    if (!wait) return; // another tab's request
    waiting.delete(m.id);
    clearTimeout(wait.timer as ReturnType<typeof setTimeout>);
    if (m.code !== undefined) wait.reject(new ConnectError(m.code, 'in the leader tab'));
    else if (m.error !== undefined) wait.reject(new Error(m.error));
    else wait.resolve(m.value);
  };
  channel?.addEventListener('message', listener);

  return {
    /** Whether there are other tabs to talk to at all. */
    get open() {
      return channel !== null;
    },
    post(m: TabMessage) {
      channel?.postMessage(m);
    },
    /** Post a request to the leader tab; resolves or rejects with its answer. */
    ask(message: (id: string) => TabMessage): Promise<unknown> {
      if (!channel) return Promise.reject(new Error('offline'));
      const id = crypto.randomUUID();
      return new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error('timeout'));
        }, timeoutMs);
        waiting.set(id, { resolve, reject, timer });
        channel.postMessage(message(id));
      });
    },
    stop() {
      channel?.removeEventListener('message', listener);
      for (const wait of waiting.values()) {
        clearTimeout(wait.timer as ReturnType<typeof setTimeout>);
        wait.reject(new Error('offline'));
      }
      waiting.clear();
      channel?.close?.();
    },
  };
}

export function defaultChannel(): ChannelLike | null {
  return typeof BroadcastChannel === 'undefined'
    ? null
    : (new BroadcastChannel('parley') as unknown as ChannelLike);
}

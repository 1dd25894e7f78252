// What a face (the full app, the PWA, the widget) chooses when it starts its session, and the
// sign-in state every face shows.
import type { EngineGateway } from '../../engine/gateway';
import type { BrowserSession } from '../browserSession';
import type { RuntimeConfig } from '../config';
import type { KeyStorage } from './keys';
import type { ChannelLike } from './tabChannel';

export type AuthState =
  | { phase: 'loading' }
  | { phase: 'signedOut' }
  | { phase: 'signedIn'; account: string };

export interface SessionOptions {
  /** The runtime config: the full app's config.json, or what the widget was given. */
  config: () => Promise<RuntimeConfig>;
  /** Where a session-only account's keys survive a reload of this tab; null: memory only. */
  tabStorage?: KeyStorage | null;
  /** The tabs' channel; null for a tab on its own. Default: BroadcastChannel('parley'). */
  channel?: ChannelLike | null;
  /** Web Locks for the leader election; the same name on one origin shares one connection. */
  locks?: Pick<LockManager, 'request' | 'query'>;
  lockName?: string;
  engine?: EngineGateway;
  browserSession?: () => Promise<BrowserSession>;
  /** Where the person's activity is watched for the automatic away. */
  activity?: EventTarget;
}

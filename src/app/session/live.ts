import type { AccountDb } from '../../db';
import type { Engine } from '../../engine/gateway';
import { startIdle } from '../idle';
import type { Opened } from './open';
import { closeOnPageHide } from './pageHide';

export interface Live {
  engine: Engine;
  closeNow(): void;
  /** Another tab of the account spoke: it may be waiting to lead (see closeOnPageHide). */
  noticeTab(): void;
  stop(): Promise<void>;
}

/** Run the engine on a fresh stream in this tab, with what goes with holding it. */
export function startLive(
  opened: Opened,
  target: AccountDb,
  opts: {
    activity: EventTarget | undefined;
    locks: Pick<LockManager, 'query'> | undefined;
    lockName: string;
  },
): Live {
  const { connection, cfg } = opened;
  const engine = connection.run({
    db: target,
    account: opened.account,
    connectivity: {
      reconnectMaxMs: cfg.reconnectMaxSeconds * 1000,
      keepaliveMs: cfg.keepaliveSeconds * 1000,
      keepaliveTimeoutMs: cfg.keepaliveTimeoutSeconds * 1000,
      connectTimeoutMs: cfg.connectTimeoutSeconds * 1000,
    },
  });
  const stopIdle = opts.activity ? startIdle(target, cfg.idleAwayMinutes, opts.activity) : null;
  const pageHide = closeOnPageHide(() => connection.closeNow(), opts.locks, opts.lockName);
  return {
    engine,
    closeNow: () => connection.closeNow(),
    noticeTab: () => pageHide.recheck(),
    async stop() {
      stopIdle?.();
      pageHide.stop();
      await connection.stop();
    },
  };
}

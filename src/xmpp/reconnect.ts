import type { Client } from '@xmpp/client';
import { ConnectError } from './session';

/** Resolves when the session is online again (fresh or resumed); rejects if it drops first. */
function untilOnline(entity: Client, asError: (err: unknown) => ConnectError): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => () => {
      entity.off('online', onOnline);
      entity.streamManagement.off('resumed', onOnline);
      entity.off('disconnect', onDrop);
      entity.off('error', onError);
      fn();
    };
    const onOnline = done(resolve);
    const onDrop = done(() => reject(new ConnectError('unreachable', 'dropped while signing in')));
    const onError = (err: unknown) => done(() => reject(asError(err)))();
    entity.on('online', onOnline);
    entity.streamManagement.on('resumed', onOnline);
    entity.on('disconnect', onDrop);
    entity.on('error', onError);
  });
}

/**
 * Tries to get a dropped stream back (resumed, or a new session) on the same xmpp.js entity as
 * the tries before. xmpp.js keeps one socket and one parser per entity, and a disconnect acts on
 * whichever is there when it gets to them; what waits on a stream's answer (<resume/>, SASL)
 * listens on the entity, not on that stream. So a try starts only once the last link is closed
 * (by us, the keepalive or a stream error), and a try that fails leaves nothing waiting: on
 * ejabberd, whose <resume/> can take 15 s to fail, a given-up try's late <failed/> woke three
 * binds on the next stream, whose session then replaced the one in use (issue 19).
 */
export function createReconnect(entity: Client, asError: (err: unknown) => ConnectError) {
  const disconnect = entity.disconnect.bind(entity);
  let closing: Promise<void> | null = null;
  // Every disconnect (ours, the keepalive's, a stream error's) is one promise a try can wait for.
  entity.disconnect = () => {
    closing ??= disconnect()
      .catch(() => {})
      .finally(() => {
        closing = null;
      });
    return closing;
  };
  async function closed() {
    while (closing) await closing;
    if (entity.status !== 'disconnect' && entity.status !== 'offline') await entity.disconnect();
  }

  return async function reconnectOnce(timeoutMs: number): Promise<void> {
    await closed();
    const waitersBefore = new Set(entity.listeners('nonza'));
    const online = untilOnline(entity, asError);
    online.catch(() => {});
    // A path that swallows packets never answers: give up, and close what was opened.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ConnectError('unreachable', 'timeout')), timeoutMs);
    });
    try {
      await Promise.race([entity.reconnect.reconnect().then(() => online), timeout]);
    } catch (err) {
      // First, so that an answer still arriving while the link closes wakes nothing either.
      for (const fn of entity.listeners('nonza'))
        if (!waitersBefore.has(fn)) entity.off('nonza', fn);
      await closed();
      throw asError(err);
    } finally {
      clearTimeout(timer);
    }
  };
}

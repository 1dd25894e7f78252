import { advanceMessage, liveQuery } from '../db';
import { buildChatMessage } from '../xmpp';
import type { EngineContext } from './context';

/**
 * Drains the outbox in order while online. A row leaves the outbox when the server acknowledges
 * it (XEP-0198), or at once when the session has no stream management.
 */
export function createOutbox(ctx: EngineContext) {
  const { db, session } = ctx;
  const inFlight = new Set<string>();
  let online = false;
  let draining: Promise<void> | null = null;
  let again = false;

  const stopAck = session.onAcked((id) => {
    if (!inFlight.delete(id)) return;
    void advanceMessage(db, id, 'sent');
  });

  async function drainOnce() {
    const rows = await db.outbox.orderBy('createdAt').toArray();
    for (const row of rows) {
      if (!online) return;
      if (inFlight.has(row.id)) continue;
      const msg = await db.messages.get(row.id);
      if (msg?.state !== 'queued') {
        await db.outbox.delete(row.id);
        continue;
      }
      inFlight.add(row.id);
      await db.outbox.update(row.id, { tries: row.tries + 1 });
      await session.send(buildChatMessage({ to: msg.peer, id: msg.id, body: msg.body }));
      if (!session.smEnabled) {
        inFlight.delete(row.id);
        await advanceMessage(db, row.id, 'sent');
      }
    }
  }

  function drain() {
    if (draining) {
      again = true;
      return;
    }
    draining = drainOnce()
      .catch((err) => ctx.log('outbox drain stopped', err))
      .finally(() => {
        draining = null;
        if (again && online) {
          again = false;
          drain();
        }
      });
  }

  const sub = liveQuery(() => db.outbox.count()).subscribe({
    next: () => drain(),
    error: (err) => ctx.log('outbox watch failed', err),
  });

  return {
    /** A new session (not resumed) has not seen what was in flight: send it again. */
    setOnline(value: boolean, resumed = false) {
      online = value;
      if (value && !resumed) inFlight.clear();
      if (value) drain();
    },
    stop() {
      stopAck();
      sub.unsubscribe();
    },
  };
}

import {
  acknowledgeMany,
  liveQuery,
  type OutboxRow,
  type OutgoingWrite,
  outgoingWrites,
} from '../db';
import type { EngineContext } from './context';
import { createConversationKinds } from './conversationKinds';
import { createDrain } from './drain';
import { createRowSender, type Outcome } from './outboxSend';

export { MAX_TRIES } from './outboxSend';

/** One row of the outbox as the drain knows it. */
interface Entry {
  row: OutboxRow;
  /** This tab's write of it, until a read of the outbox has seen the row. */
  write?: OutgoingWrite;
  /** That write is still running: the message is taken from it (a read would wait for it). */
  writing?: boolean;
}

/**
 * What the drain did with one attempt at a row (a retry renews the row's queue stamp and is a
 * new attempt): on the wire awaiting the server's acknowledgement, finished (the row is gone from
 * the database), or parked until its room is joined.
 */
interface Attempt {
  row: OutboxRow;
  state: 'in-flight' | 'settled' | 'parked';
}

const byQueueStamp = (a: Entry, b: Entry) =>
  a.row.createdAt - b.row.createdAt || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0);

/**
 * The one way out for everything we send: chat messages, and the receipts and displayed markers
 * we owe. It drains the outbox in queue order while online. It learns of rows two ways: this
 * tab's writes of typed messages as they start (db/outgoing.ts), so a message goes out in the
 * task of the click; and the outbox's live query, which sees every committed row, whoever wrote
 * it (another tab, a retry, a finished upload, a receipt owed). A row leaves when the server
 * acknowledges it (XEP-0198), or at once when the session has no stream management; a new
 * session sends again what was not acknowledged.
 */
export function createOutbox(ctx: EngineContext) {
  const { db, session } = ctx;
  const kinds = createConversationKinds(ctx);
  const sender = createRowSender(ctx, kinds);
  let queue = new Map<string, Entry>();
  const attempts = new Map<string, Attempt>();
  let online = false;
  /** The picture must be read from the database first (a new session, or never read yet). */
  let reread = true;
  /** The write of the tries a new stream counted (see newStream). */
  let tries: Promise<void> = Promise.resolve();

  const attemptOf = (row: OutboxRow) => {
    const a = attempts.get(row.id);
    return a?.row.createdAt === row.createdAt ? a : undefined;
  };
  const mark = (row: OutboxRow, state: Attempt['state']) => attempts.set(row.id, { row, state });
  /** These attempts' rows are gone from the database (a newer attempt at one is left alone). */
  const settle = (rows: readonly OutboxRow[]) => {
    for (const r of rows) if (!attempts.has(r.id) || attemptOf(r)) mark(r, 'settled');
  };
  const acknowledge = async (rows: readonly OutboxRow[]) => {
    await acknowledgeMany(
      db,
      rows.map((r) => ({ id: r.id, chat: (r.kind ?? 'chat') === 'chat', createdAt: r.createdAt })),
    );
    settle(rows);
  };

  // Acknowledgements come in bursts (one <a/> for many stanzas): apply them together.
  let acked: OutboxRow[] = [];
  let flush: ReturnType<typeof setTimeout> | undefined;
  const stopAck = session.onAcked((id) => {
    const a = attempts.get(id);
    if (a?.state !== 'in-flight') return;
    acked.push(a.row);
    flush ??= setTimeout(() => {
      flush = undefined;
      const batch = acked;
      acked = [];
      void acknowledge(batch).catch((err) => ctx.log('ack not recorded', err));
    }, 20);
  });

  /** Rows read from the database become the picture, with this tab's writes not seen in it yet. */
  function merge(rows: readonly OutboxRow[]): boolean {
    const next = new Map<string, Entry>();
    let added = false;
    for (const row of rows) {
      const old = queue.get(row.id);
      const same = old?.row.createdAt === row.createdAt;
      if (!same) added = true;
      // The same attempt keeps its entry: a pass holding it goes on with it.
      next.set(row.id, same ? old : { row });
    }
    // This tab's write not seen in the read yet: kept until it is, or until it is done with.
    for (const [id, e] of queue) {
      if (e.write && !next.has(id) && (e.writing || attemptOf(e.row)?.state !== 'settled'))
        next.set(id, e);
    }
    queue = next;
    // An attempt whose row is gone is forgotten; one on the wire waits for its acknowledgement.
    for (const [id, a] of attempts) {
      if (a.state !== 'in-flight' && !next.has(id)) attempts.delete(id);
    }
    return added;
  }

  /** One walk through the outbox in queue order, over what is neither out nor waiting for a room. */
  async function drainOnce() {
    if (reread) {
      reread = false;
      merge(await db.outbox.toArray());
    }
    const todo = [...queue.values()].filter((e) => !attemptOf(e.row)).sort(byQueueStamp);
    if (!todo.length) return;
    const prepared = sender.prepare(
      todo.map((e) => (e.writing && e.write ? { row: e.row, msg: e.write.msg } : { row: e.row })),
    );
    // Not awaited when nothing had to be read: a message typed here leaves in its write's task.
    const ready = prepared instanceof Map ? prepared : await prepared;
    for (const e of todo) {
      if (!online) return;
      const { row } = e;
      // Taken meanwhile, or replaced by a newer attempt.
      if (queue.get(row.id) !== e || attemptOf(row)) continue;
      const p = ready.get(row.id);
      // Acknowledged, deleted or retried meanwhile: the live query brings what there is now.
      if (p?.row.createdAt !== row.createdAt) {
        queue.delete(row.id);
        continue;
      }
      const before = () => {
        mark(row, 'in-flight');
        if (e.writing) e.write?.sentEarly();
      };
      let outcome: Outcome;
      try {
        outcome = await sender.send(p, before, () => online);
      } catch (err) {
        // The link is going away: stop here; the next session sends the rest, in order.
        if (attemptOf(row)) attempts.delete(row.id);
        ctx.log('outbox paused', err);
        return;
      }
      if (outcome === 'wait') {
        mark(row, 'parked');
      } else if (outcome === 'dropped') {
        await db.outbox
          .where('id')
          .equals(row.id)
          .filter((r) => r.createdAt === row.createdAt)
          .delete();
        settle([row]);
      } else if (!session.smEnabled) {
        // Without stream management, written is as good as it gets.
        await acknowledge([row]);
      }
    }
  }

  const drain = createDrain(
    drainOnce,
    () => online,
    (err) => ctx.log('outbox drain stopped', err),
  );

  const stopWrites = outgoingWrites(db).subscribe((w) => {
    const entry: Entry = { row: w.row, write: w, writing: true };
    queue.set(w.row.id, entry);
    void w.stored.then((stored) => {
      entry.writing = false;
      if (stored || queue.get(w.row.id) !== entry) return;
      // Never stored: nothing to send, and no acknowledgement to apply.
      queue.delete(w.row.id);
      if (attemptOf(w.row)) attempts.delete(w.row.id);
    });
    if (online) drain();
  });

  // Rows queued anywhere: only a new row (or a new attempt) is something to send.
  const sub = liveQuery(() => db.outbox.toArray()).subscribe({
    next: (rows) => {
      if (merge(rows) && online) drain();
    },
    error: (err) => ctx.log('outbox watch failed', err),
  });

  const unpark = () => {
    for (const [id, a] of attempts) if (a.state === 'parked') attempts.delete(id);
  };

  return {
    /** Try again now (e.g. a room was joined and its messages may go). */
    kick() {
      unpark();
      if (online) drain();
    },
    /**
     * A new stream (not resumed) began: what the old one took but never acknowledged is not on
     * this one's queue, and counts as one try. Called as it begins, before its set-up: should
     * the set-up be cut off and the stream then resumed, what was in flight before it is still
     * sent again.
     */
    newStream() {
      const unacked: string[] = [];
      for (const [id, a] of attempts) {
        if (a.state !== 'in-flight') continue;
        unacked.push(id);
        attempts.delete(id);
      }
      if (!unacked.length) return;
      tries = db.outbox
        .where('id')
        .anyOf(unacked)
        .modify((r) => {
          r.tries += 1;
        })
        .then(
          () => {},
          (err) => ctx.log('outbox tries', err),
        );
    },
    /** Online (its set-up done) or not: while online, the outbox drains. */
    setOnline(value: boolean) {
      online = value;
      if (!value) return;
      unpark();
      reread = true;
      // The tries of a new stream are counted first: the rows are read with them.
      void tries.then(() => drain());
    },
    stop() {
      kinds.stop();
      stopAck();
      stopWrites();
      clearTimeout(flush);
      sub.unsubscribe();
    },
  };
}

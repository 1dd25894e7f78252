import { outgoingRow } from './outbox';
import { queueOutgoing } from './outgoing';
import type { AccountDb } from './schema';
import type { Message, OutboxRow } from './types';

/**
 * A message of ours whose outbox row this tab is writing. The engine of this tab (when it holds
 * the connection) hears of it the moment the write starts, in the same task, so the one outbox
 * drain can send it without waiting 10–20 ms for the commit and a read of the outbox: the
 * counterpart, for the engine, of what `pending.ts` does for the screen. Other tabs (and retries,
 * finished uploads, receipts owed) reach the drain through the outbox's live query instead.
 */
export interface OutgoingWrite {
  readonly msg: Message;
  readonly row: OutboxRow;
  /** Settles when the write does: whether the rows were stored. */
  readonly stored: Promise<boolean>;
  /** The stanza went out before the write settled (should it fail, the sender is told so). */
  sentEarly(): void;
}

export interface OutgoingWrites {
  /** Called in the task that starts each write, after its first requests to IndexedDB. */
  subscribe(fn: (write: OutgoingWrite) => void): () => void;
  /** Run `write` (the one that stores `row`), telling the listeners of it as it starts. */
  during<T>(msg: Message, row: OutboxRow, write: () => Promise<T>): Promise<T>;
}

/** The write failed after the message went out: the peer has it; this browser did not keep it. */
export class SentUnsavedError extends Error {
  constructor(cause: unknown) {
    super('sent, not saved', { cause });
    this.name = 'SentUnsavedError';
  }
}

function createOutgoingWrites(): OutgoingWrites {
  const listeners = new Set<(write: OutgoingWrite) => void>();
  return {
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    async during(msg, row, write) {
      // The write's requests go first, then the listeners (which may send the stanza at once).
      const writing = write();
      let early = false;
      const announced: OutgoingWrite = {
        msg,
        row,
        stored: writing.then(
          () => true,
          () => false,
        ),
        sentEarly: () => {
          early = true;
        },
      };
      for (const fn of listeners) fn(announced);
      try {
        return await writing;
      } catch (err) {
        throw early ? new SentUnsavedError(err) : err;
      }
    },
  };
}

const registries = new WeakMap<object, OutgoingWrites>();

/** The outbox writes of messages to this database, in this tab. */
export function outgoingWrites(db: object): OutgoingWrites {
  let w = registries.get(db);
  if (!w) {
    w = createOutgoingWrites();
    registries.set(db, w);
  }
  return w;
}

/**
 * The user's intent to send `msg`: its message row (queued) and outbox row, written in one
 * transaction, shown at once (pending.ts) and announced to the engine (above). Rejects with
 * `SentUnsavedError` when the write fails after the message went out.
 */
export function queueMessage(db: AccountDb, msg: Message): Promise<OutboxRow> {
  const row = outgoingRow(msg);
  return outgoingWrites(db).during(msg, row, () => queueOutgoing(db, msg, row));
}

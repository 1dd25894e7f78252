// What goes out: outbox rows (our messages, receipts and markers we owe) and tasks.
import type { AccountDb } from './schema';
import type { Message, OutboxRow, Task } from './types';

let lastStamp = 0;
/**
 * When an outbox row was queued: the outbox goes out in this order, so two rows queued in the
 * same millisecond (a burst of receipts, two quick messages) keep the order they were queued in.
 */
export function outboxStamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 0.001);
  return lastStamp;
}

/** The outbox row that sends a chat message of ours (queueOutgoing writes it). */
export function outgoingRow(msg: Pick<Message, 'id' | 'peer'>): OutboxRow {
  return { id: msg.id, peer: msg.peer, createdAt: outboxStamp(), tries: 0, kind: 'chat' };
}

/** An outbox row for a receipt or marker we owe. */
export function owedRow(
  kind: 'receipt' | 'received' | 'displayed',
  peer: string,
  ref: string,
): OutboxRow {
  return { id: crypto.randomUUID(), peer, createdAt: outboxStamp(), tries: 0, kind, ref };
}

export async function owe(
  db: AccountDb,
  kind: 'receipt' | 'received' | 'displayed',
  peer: string,
  ref: string,
) {
  await db.outbox.put(owedRow(kind, peer, ref));
}

/**
 * Server acknowledgements (XEP-0198) for outbox rows, applied in one transaction. An ack for
 * an earlier attempt of a row (before a retry renewed it) changes nothing.
 */
export async function acknowledgeMany(
  db: AccountDb,
  rows: Array<{ id: string; chat: boolean; createdAt: number }>,
) {
  await db.transaction('rw', db.messages, db.outbox, async () => {
    const current = await db.outbox.bulkGet(rows.map((r) => r.id));
    const acked = rows.filter((r, i) => current[i]?.createdAt === r.createdAt);
    const chats = acked.filter((r) => r.chat).map((r) => r.id);
    if (chats.length) {
      const msgs = await db.messages.bulkGet(chats);
      for (const m of msgs)
        if (m?.state === 'queued') await db.messages.update(m.id, { state: 'sent' });
    }
    await db.outbox.bulkDelete(acked.map((r) => r.id));
  });
}

export async function addTask(db: AccountDb, task: Task) {
  await db.tasks.add({ ...task, createdAt: Date.now() });
}

import { describe, expect, it } from 'vitest';
import { AccountDb, searchMessages } from '../db';
import { createSearchBackfill } from './searchBackfill';

describe('indexing stored messages in the background', () => {
  it('makes every message stored before the index findable, then stops by itself', async () => {
    const db = new AccountDb(`bf-${crypto.randomUUID()}@x.org`);
    await db.messages.bulkAdd(
      Array.from({ length: 40 }, (_, i) => ({
        id: `m${String(i).padStart(3, '0')}`,
        peer: 'bob@x.org',
        direction: 'in' as const,
        body: i % 2 ? `周末去爬山 ${i}` : `weekend hike ${i}`,
        at: 1000 + i,
        state: 'delivered' as const,
      })),
    );
    const logged: string[] = [];
    await new Promise<void>((onDone) =>
      createSearchBackfill({ db, log: (m) => logged.push(m) }, { chunk: 7, onDone }),
    );
    expect(await searchMessages(db, '爬山', { limit: 100 })).toHaveLength(20);
    expect(await searchMessages(db, 'HIKE', { limit: 100 })).toHaveLength(20);
    expect(logged).toEqual([]);
    db.close();
  });
});

import { describe, expect, it } from 'vitest';
import { accountDb, backfillStep, reindexMessages, searchIndexerOf, searchMessages } from '..';
import { AccountDb } from '../schema';
import { createSearchIndexer, INDEX_CHUNK } from './indexer';

const msg = (id: string, body: string, at: number, extra: object = {}) => ({
  id,
  peer: 'bob@x.org',
  direction: 'in' as const,
  body,
  at,
  state: 'delivered' as const,
  ...extra,
});

async function freshDb() {
  const db = accountDb(`s-${crypto.randomUUID()}@x.org`);
  const indexer = searchIndexerOf(db);
  if (!indexer) throw new Error('no indexer installed');
  return { db, settle: () => indexer.flush() };
}

const bodies = (hits: Array<{ message: { body: string } }>) => hits.map((h) => h.message.body);

describe('the search index', () => {
  it('finds messages as they are written, newest first, with what matched', async () => {
    const { db, settle } = await freshDb();
    await db.messages.bulkAdd([
      msg('1', '我们明天在图书馆见', 1000),
      msg('2', 'Meet at the CAFÉ', 2000),
      msg('3', '图书馆关门了', 3000),
    ]);
    await settle();
    const hits = await searchMessages(db, '图书馆');
    expect(bodies(hits)).toEqual(['图书馆关门了', '我们明天在图书馆见']);
    expect(hits[1]?.ranges).toEqual([[5, 8]]);
    expect(bodies(await searchMessages(db, 'café'))).toEqual(['Meet at the CAFÉ']);
    expect(bodies(await searchMessages(db, 'ca'))).toEqual(['Meet at the CAFÉ']);
    db.close();
  });

  it('follows edits and deletes of a message', async () => {
    const { db, settle } = await freshDb();
    await db.messages.add(msg('1', 'budget draft', 1000));
    await settle();
    await db.messages.update('1', { body: 'final numbers' });
    await settle();
    expect(await searchMessages(db, 'budget')).toEqual([]);
    expect(bodies(await searchMessages(db, 'numbers'))).toEqual(['final numbers']);
    await db.messages.delete('1');
    await settle();
    expect(await searchMessages(db, 'numbers')).toEqual([]);
    expect(await db.searchIndex.count()).toBe(0);
  });

  it('drops the entries of messages removed in bulk', async () => {
    const { db, settle } = await freshDb();
    await db.messages.bulkAdd([msg('1', 'alpha one', 1), msg('2', 'alpha two', 2)]);
    await settle();
    await db.messages.clear();
    await settle();
    expect(await searchMessages(db, 'alpha')).toEqual([]);
    expect(await db.searchIndex.count()).toBe(0);
  });

  it('reindexMessages brings one message up to date on request', async () => {
    // A database without the indexer: what another writer would leave behind.
    const db = new AccountDb(`r-${crypto.randomUUID()}@x.org`);
    await db.messages.add(msg('1', 'quarterly report', 1000));
    expect(await searchMessages(db, 'report')).toEqual([]);
    await reindexMessages(db, ['1']);
    expect(bodies(await searchMessages(db, 'report'))).toEqual(['quarterly report']);
    db.close();
  });

  it('indexes messages stored before the index existed, a chunk at a time', async () => {
    const db = new AccountDb(`b-${crypto.randomUUID()}@x.org`);
    await db.messages.bulkAdd(
      Array.from({ length: 25 }, (_, i) =>
        msg(`m${String(i).padStart(2, '0')}`, `note ${i} 旧消息`, i),
      ),
    );
    let steps = 0;
    while (!(await backfillStep(db, 10))) steps += 1;
    expect(steps).toBe(2);
    expect(await searchMessages(db, '旧消息', { limit: 100 })).toHaveLength(25);
    // Done is remembered: a second start does nothing.
    expect(await backfillStep(db, 10)).toBe(true);
    db.close();
  });

  it('searches a file by its name, and one conversation when asked', async () => {
    const { db, settle } = await freshDb();
    const file = { url: 'https://x.org/f/abc', name: 'Holiday-Photos.zip', kind: 'file' as const };
    await db.messages.bulkAdd([
      msg('1', 'https://x.org/f/abc', 1, { file }),
      msg('2', 'holiday plans', 2, { peer: 'carol@x.org' }),
    ]);
    await settle();
    expect((await searchMessages(db, 'holiday')).map((h) => h.message.id)).toEqual(['2', '1']);
    expect(
      (await searchMessages(db, 'holiday', { peer: 'bob@x.org' })).map((h) => h.message.id),
    ).toEqual(['1']);
    expect(await searchMessages(db, 'abc')).toEqual([]);
    db.close();
  });

  it('orders the words a prefix starts by time, across words, however many there are', async () => {
    const { db, settle } = await freshDb();
    await db.messages.bulkAdd([
      msg('1', 'cat', 1),
      msg('2', 'car', 2),
      msg('3', 'cab', 3),
      ...Array.from({ length: 40 }, (_, i) => msg(`w${i}`, `wx${i} word`, 100 + i)),
    ]);
    await settle();
    expect(bodies(await searchMessages(db, 'ca'))).toEqual(['cab', 'car', 'cat']);
    // More words than are looked up one by one: read in one scan, still newest first.
    const many = await searchMessages(db, 'wx', { limit: 5 });
    expect(bodies(many)).toEqual(['wx39 word', 'wx38 word', 'wx37 word', 'wx36 word', 'wx35 word']);
    db.close();
  });

  it('finds two common terms that rarely meet, newest first, each message once, past a step of the index', async () => {
    const { db, settle } = await freshDb();
    // 1,200 'report' messages, 1,200 '报告' ones, and every 9th of a third set has both; a few
    // share a millisecond, and the prefix 'rep' starts three words.
    const rows = [];
    for (let i = 0; i < 1200; i++) {
      rows.push(msg(`r${i}`, `weekly report ${i}`, 10_000 + i * 3));
      rows.push(msg(`c${i}`, `季度报告 ${i}`, 10_001 + i * 3));
      if (i % 9 === 0) rows.push(msg(`b${i}`, `report 报告 ${i}`, 10_002 + (i - (i % 18)) * 3, {}));
    }
    rows.push(msg('x1', 'reports 报告 extra', 99_999), msg('x2', 'repair 报告 extra', 99_999));
    await db.messages.bulkAdd(rows);
    await settle();
    const both = rows
      .filter((m) => /\brep/.test(m.body) && m.body.includes('报告'))
      .sort((a, b) => b.at - a.at);
    const ids = (hits: Awaited<ReturnType<typeof searchMessages>>) => hits.map((h) => h.message.id);
    const words = await searchMessages(db, 'report 报告', { limit: 500 });
    expect(new Set(ids(words)).size).toBe(words.length);
    // Newest first; messages of the same millisecond in any order.
    expect(new Set(ids(words))).toEqual(
      new Set(both.filter((m) => /\breports?\b/.test(m.body)).map((m) => m.id)),
    );
    expect(words.map((h) => h.message.at)).toEqual(
      [...words.map((h) => h.message.at)].sort((a, b) => b - a),
    );
    const prefix = await searchMessages(db, 'rep 报告', { limit: 500 });
    expect(new Set(ids(prefix))).toEqual(new Set(both.map((m) => m.id)));
    expect(prefix.map((h) => h.message.at)).toEqual(
      [...prefix.map((h) => h.message.at)].sort((a, b) => b - a),
    );
    expect(ids(await searchMessages(db, 'report 报告', { limit: 5 }))).toEqual(
      ids(words).slice(0, 5),
    );
    expect(await searchMessages(db, 'report 不在')).toEqual([]);
    db.close();
  }, 60_000);

  it('reports the newest hits of two common terms while it reads further back, across a gap in time', async () => {
    const { db, settle } = await freshDb();
    // Years of messages where the two words seldom meet, then a quiet year, then a busy day.
    const rows = [];
    for (let i = 0; i < 1500; i++) {
      rows.push(msg(`r${i}`, `weekly report ${i}`, 1_000_000 + i * 1000));
      rows.push(msg(`c${i}`, `季度报告 ${i}`, 1_000_500 + i * 1000));
      if (i % 100 === 0) rows.push(msg(`b${i}`, `report 报告 ${i}`, 1_000_700 + i * 1000));
    }
    const later = 1_000_000 + 1500 * 1000 + 365 * 86_400_000;
    for (let i = 0; i < 20; i++) {
      rows.push(msg(`lr${i}`, `late report ${i}`, later + i * 10));
      rows.push(msg(`lc${i}`, `晚报告 ${i}`, later + i * 10 + 5));
    }
    rows.push(msg('lb', 'report 报告 late', later + 300));
    await db.messages.bulkAdd(rows);
    await settle();
    const progress: string[][] = [];
    const hits = await searchMessages(db, 'report 报告', {
      limit: 50,
      onProgress: (h) => progress.push(h.map((x) => x.message.id)),
    });
    const all = ['lb', ...Array.from({ length: 15 }, (_, k) => `b${(14 - k) * 100}`)];
    expect(hits.map((h) => h.message.id)).toEqual(all);
    // The newest hit was reported before the search had read back to the oldest ones, and each
    // report is the newest part of the final list.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[0]?.[0]).toBe('lb');
    expect(progress[0]?.length).toBeLessThan(all.length);
    for (const p of progress) expect(p).toEqual(all.slice(0, p.length));
    db.close();
  }, 60_000);

  it('indexes a message again only when its text, time or file changes, not its state', async () => {
    const { db, settle } = await freshDb();
    // Count the read-write transactions over the index (a middleware counts from the open).
    let indexWrites = 0;
    db.use({
      stack: 'dbcore',
      name: 'count-index-writes',
      create: (down) => ({
        ...down,
        transaction: (stores, mode, opts) => {
          if (mode === 'readwrite' && stores.includes('searchIndex')) indexWrites++;
          return down.transaction(stores, mode, opts);
        },
      }),
    });
    await db.messages.add(msg('1', 'the parcel left', 1000));
    await settle();
    indexWrites = 0; // from here on
    try {
      await db.messages.update('1', { state: 'displayed' });
      await db.messages.where('id').equals('1').modify({ state: 'delivered' });
      await db.messages.bulkUpdate([{ key: '1', changes: { state: 'displayed' } }]);
      await settle();
      expect(indexWrites).toBe(0);
      await db.messages.update('1', { body: 'the parcel arrived' });
      await settle();
      expect(indexWrites).toBe(1);
      expect(bodies(await searchMessages(db, 'arrived'))).toEqual(['the parcel arrived']);
      expect(await searchMessages(db, 'left')).toEqual([]);
      // A modify by function says nothing of what it changed: indexed again.
      await db.messages
        .where('id')
        .equals('1')
        .modify((m) => {
          m.body = 'the parcel came back';
        });
      await settle();
      expect(bodies(await searchMessages(db, 'came'))).toEqual(['the parcel came back']);
    } finally {
      db.close();
    }
  });

  it('indexes a pile of messages (an archive catch-up) in small transactions, every one found', async () => {
    const { db, settle } = await freshDb();
    const n = INDEX_CHUNK * 3 + 7;
    let writes = 0;
    db.use({
      stack: 'dbcore',
      name: 'count-index-writes',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (name !== 'searchIndex') return table;
          return {
            ...table,
            mutate: (req) => {
              if (req.type === 'put') {
                writes++;
                expect(req.values.length).toBeLessThanOrEqual(INDEX_CHUNK);
              }
              return table.mutate(req);
            },
          };
        },
      }),
    });
    await db.messages.bulkAdd(
      Array.from({ length: n }, (_, i) => msg(`m${i}`, `caught up 追上 ${i}`, 1000 + i)),
    );
    await settle();
    expect(writes).toBe(4);
    expect(await searchMessages(db, '追上', { limit: n })).toHaveLength(n);
    db.close();
  });

  it('stops indexing once stopped', async () => {
    const db = new AccountDb(`t-${crypto.randomUUID()}@x.org`);
    const indexer = createSearchIndexer(db);
    indexer.stop();
    await db.messages.add(msg('1', 'unseen words', 1));
    await indexer.flush();
    expect(await db.searchIndex.count()).toBe(0);
    db.close();
  });
});

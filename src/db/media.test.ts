import { describe, expect, it } from 'vitest';

describe('media cache', () => {
  it('evicts the least recently used files past the cap, keeping what was just read', async () => {
    const { AccountDb, putMedia, getMedia, evictMedia } = await import('.');
    const mdb = new AccountDb(`media-${crypto.randomUUID()}`);
    const blob = (n: number) => new Blob([new Uint8Array(n)]);
    await mdb.media.bulkPut([
      { url: 'a', blob: blob(400), size: 400, usedAt: 1 },
      { url: 'b', blob: blob(400), size: 400, usedAt: 2 },
      { url: 'c', blob: blob(400), size: 400, usedAt: 3 },
    ]);
    // Reading 'a' makes it the most recently used.
    expect((await getMedia(mdb, 'a'))?.size).toBe(400);
    await putMedia(mdb, 'd', blob(400), 1000);
    expect((await mdb.media.toCollection().primaryKeys()).sort()).toEqual(['a', 'd']);
    await evictMedia(mdb, 0);
    expect(await mdb.media.count()).toBe(0);
    mdb.close();
  });
});

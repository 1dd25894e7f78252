import { describe, expect, it } from 'vitest';
import { createReplayArchive, type MamPage, type MamQuery } from './archive';
import { buildCorpus, senderJid } from './corpus';

const DOMAIN = 'localhost';
const T0 = Date.UTC(2026, 11, 1);

/** 3 senders × 5 messages, 10 ms apart: 15 items, ids in order. */
function archiveOf(opts?: { defaultMax?: number; maxMax?: number }) {
  const archive = createReplayArchive(opts);
  const items = buildCorpus({
    reader: `reader@${DOMAIN}`,
    domain: DOMAIN,
    senders: 3,
    perSender: 5,
    from: T0,
  });
  archive.push(...items);
  return { archive, ids: items.map((it) => it.id), items };
}

function page(archive: ReturnType<typeof archiveOf>['archive'], q: MamQuery) {
  const p: MamPage = archive.query(q);
  if ('error' in p) throw new Error(`unexpected ${p.error}`);
  return p;
}

/** Every page from the start forwards, as a client catching up reads them. */
function readForwards(archive: ReturnType<typeof archiveOf>['archive'], q: MamQuery) {
  const seen: string[] = [];
  const completes: boolean[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const p = page(archive, { ...q, ...(after ? { after } : {}) });
    seen.push(...p.items.map((it) => it.id));
    completes.push(p.complete);
    if (p.complete || !p.last) break;
    after = p.last;
  }
  return { seen, completes };
}

describe('replay archive paging (XEP-0313 with RSM)', () => {
  it('forwards from the start: every message once, in order, complete only on the last page', () => {
    const { archive, ids } = archiveOf();
    const { seen, completes } = readForwards(archive, { max: 4 });
    expect(seen).toEqual(ids);
    expect(completes).toEqual([false, false, false, true]);
    // A last page exactly full is complete too: no empty page after it.
    expect(readForwards(archive, { max: 5 }).completes).toEqual([false, false, true]);
  });

  it('after an id: the page starts with the message after it, and says where it ends', () => {
    const { archive, ids } = archiveOf();
    const p = page(archive, { after: ids[5], max: 3 });
    expect(p.items.map((it) => it.id)).toEqual(ids.slice(6, 9));
    expect(p.first).toBe(ids[6]);
    expect(p.last).toBe(ids[8]);
    expect(p.count).toBe(15);
    expect(p.complete).toBe(false);
  });

  it('after the newest id: an empty page, complete, without first or last', () => {
    const { archive, ids } = archiveOf();
    const p = page(archive, { after: ids[14], max: 10 });
    expect(p.items).toEqual([]);
    expect(p.complete).toBe(true);
    expect(p.first).toBeUndefined();
    expect(p.last).toBeUndefined();
  });

  it('an empty <before/>: the newest page, oldest first; complete when it holds everything', () => {
    const { archive, ids } = archiveOf();
    const p = page(archive, { before: true, max: 4 });
    expect(p.items.map((it) => it.id)).toEqual(ids.slice(11));
    expect(p.complete).toBe(false);
    expect(page(archive, { before: true, max: 15 }).complete).toBe(true);
  });

  it('backwards from the newest page: every message once, complete at the oldest', () => {
    const { archive, ids } = archiveOf();
    const pages: string[][] = [];
    let before: string | true = true;
    for (let guard = 0; guard < 100; guard++) {
      const p = page(archive, { before, max: 4 });
      pages.push(p.items.map((it) => it.id));
      if (p.complete || !p.first) break;
      before = p.first;
    }
    expect(pages.reverse().flat()).toEqual(ids);
    expect(pages[0]).toEqual(ids.slice(0, 3));
  });

  it('with: only that conversation, paged; an id of another conversation still bounds the page', () => {
    const { archive, items } = archiveOf();
    const peer = senderJid(1, DOMAIN);
    const own = items.filter((it) => it.peer === peer).map((it) => it.id);
    expect(readForwards(archive, { with: peer, max: 2 }).seen).toEqual(own);
    // items[6] is sender0's 3rd message; sender1's after it are its 3rd to 5th.
    const p = page(archive, { with: peer, after: items[6]?.id ?? '', max: 10 });
    expect(p.items.map((it) => it.id)).toEqual(own.slice(2));
    expect(p.count).toBe(5);
    expect(p.complete).toBe(true);
  });

  it('start and end are inclusive bounds on the stamp', () => {
    const { archive, ids } = archiveOf();
    const p = page(archive, { start: T0 + 20, end: T0 + 50, max: 100 });
    expect(p.items.map((it) => it.id)).toEqual(ids.slice(2, 6));
    expect(p.count).toBe(4);
  });

  it('max is capped by the server limit, and defaults to its default page', () => {
    const { archive } = archiveOf({ defaultMax: 3, maxMax: 5 });
    expect(page(archive, { max: 1000 }).items).toHaveLength(5);
    expect(page(archive, {}).items).toHaveLength(3);
  });

  it('max 0: no messages, only the count', () => {
    const { archive } = archiveOf();
    const p = page(archive, { max: 0, before: true });
    expect(p.items).toEqual([]);
    expect(p.count).toBe(15);
  });

  it('an id the archive never had: item-not-found; after and before together: bad-request', () => {
    const { archive, ids } = archiveOf();
    expect(archive.query({ after: 'no-such-id', max: 5 })).toEqual({ error: 'item-not-found' });
    expect(archive.query({ before: 'no-such-id', max: 5 })).toEqual({ error: 'item-not-found' });
    expect(archive.query({ after: ids[0], before: ids[3] })).toEqual({ error: 'bad-request' });
  });

  it('messages that arrive later are found after the id a client last saw', () => {
    const { archive, ids } = archiveOf();
    const later = buildCorpus({
      reader: `reader@${DOMAIN}`,
      domain: DOMAIN,
      senders: 2,
      perSender: 2,
      from: T0 + 1000,
      batch: 2,
    });
    archive.push(...later);
    expect(readForwards(archive, { after: ids[14], max: 3 }).seen).toEqual(
      later.map((it) => it.id),
    );
    expect(() => archive.push(...later.slice(0, 1))).toThrow(RangeError);
  });
});

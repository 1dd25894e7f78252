// One account's message archive held in memory, paged as XEP-0313 (urn:xmpp:mam:2) with
// XEP-0059 result set management: the paging a real server does, without its storage.

/** One archived message: its archive id, time, the other side's bare JID, and its stanza. */
export interface ArchiveItem {
  id: string;
  /** Milliseconds since the epoch (the <delay/> stamp). */
  stamp: number;
  /** The other side's bare JID, which the `with` filter matches. */
  peer: string;
  /** The archived <message/>, serialised once. */
  xml: string;
}

export interface MamQuery {
  with?: string;
  start?: number;
  end?: number;
  /** An archive id: the page after it (forwards). */
  after?: string;
  /** An archive id: the page before it; true (an empty <before/>): the last page. */
  before?: string | true;
  max?: number;
}

export type MamPage =
  | {
      items: ArchiveItem[];
      /** No more items in the paging direction. */
      complete: boolean;
      first?: string;
      last?: string;
      /** Items that match the filters, whatever the page. */
      count: number;
    }
  | { error: 'item-not-found' | 'bad-request' };

export interface ReplayArchive {
  /** Add messages, oldest first (they must be newer than what is there). */
  push(...items: ArchiveItem[]): void;
  query(q: MamQuery): MamPage;
  readonly size: number;
}

/**
 * @param defaultMax page size when the query gives no `max` (Prosody's is 20)
 * @param maxMax the largest page the server gives, whatever `max` asks (Prosody's
 *   max_archive_query_results; 250 in dev/prosody.mjs)
 */
export function createReplayArchive({ defaultMax = 20, maxMax = 250 } = {}): ReplayArchive {
  const items: ArchiveItem[] = [];
  const position = new Map<string, number>();

  function query(q: MamQuery): MamPage {
    if (q.after !== undefined && q.before !== undefined) return { error: 'bad-request' };
    // An id bounds the page by its place in the whole archive, whether or not the filters
    // match it (as Prosody's storage does); an id the archive never had is an error.
    const bound = q.after ?? (q.before === true ? undefined : q.before);
    const at = bound === undefined ? undefined : position.get(bound);
    if (bound !== undefined && at === undefined) return { error: 'item-not-found' };
    const matching = items.filter(
      (it) =>
        (q.with === undefined || it.peer === q.with) &&
        (q.start === undefined || it.stamp >= q.start) &&
        (q.end === undefined || it.stamp <= q.end),
    );
    const max = Math.min(q.max ?? defaultMax, maxMax);
    let rest: ArchiveItem[];
    let page: ArchiveItem[];
    if (q.before !== undefined) {
      rest = at === undefined ? matching : matching.filter((it) => indexOf(it) < at);
      page = max === 0 ? [] : rest.slice(-max);
    } else {
      rest = at === undefined ? matching : matching.filter((it) => indexOf(it) > at);
      page = rest.slice(0, max);
    }
    const first = page[0]?.id;
    const last = page.at(-1)?.id;
    return {
      items: page,
      complete: rest.length <= max,
      count: matching.length,
      ...(first !== undefined ? { first } : {}),
      ...(last !== undefined ? { last } : {}),
    };
  }

  const indexOf = (it: ArchiveItem) => position.get(it.id) ?? -1;

  return {
    push(...added) {
      for (const it of added) {
        const newest = items.at(-1);
        if (newest && it.stamp < newest.stamp)
          throw new RangeError(`archive: ${it.id} is older than ${newest.id}`);
        if (position.has(it.id)) throw new RangeError(`archive: ${it.id} is there already`);
        position.set(it.id, items.length);
        items.push(it);
      }
    },
    query,
    get size() {
      return items.length;
    },
  };
}

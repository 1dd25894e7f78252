// Where this account's room bookmarks are kept, found out by trying: XEP-0402 PEP with its
// publish-options first, then with fewer options (ejabberd 23.01 refuses pubsub#max_items as
// an unknown field), then without any, then XEP-0048 in XEP-0049 private storage. When none
// takes them the person is told once that rooms will not follow them to other devices.
import { setMeta } from '../db';
import {
  type Bookmark,
  type BookmarkOptions,
  bookmarkPublishRefusal,
  buildBookmarkPublish,
  buildBookmarksConfigure,
  buildBookmarksGet,
  buildPrivateBookmarksGet,
  buildPrivateBookmarksSet,
  parseBookmarks,
  parsePrivateBookmarks,
} from '../xmpp';
import { XmppRequestError } from '../xmpp/session';
import type { EngineContext } from './context';

/** Tried in this order; each step down is taken only on the server's refusal. */
const STORAGES = ['pep', 'pep-lean', 'pep-bare', 'private', 'none'] as const;
export type BookmarkStorage = (typeof STORAGES)[number];
const OPTIONS: Record<'pep' | 'pep-lean' | 'pep-bare', BookmarkOptions> = {
  pep: 'full',
  'pep-lean': 'lean',
  'pep-bare': 'none',
};

/** The server's refusal condition; undefined for a timeout or a lost link (try again later). */
function refusal(err: unknown): string | undefined {
  if (!(err instanceof XmppRequestError)) return undefined;
  return err.condition === 'timeout' || err.condition === 'other' ? undefined : err.condition;
}

export function createBookmarkStore(ctx: EngineContext) {
  const { session, db } = ctx;
  let storage: BookmarkStorage = 'pep';
  let told = false;

  function stepDown(to?: BookmarkStorage) {
    storage = to ?? STORAGES[STORAGES.indexOf(storage) + 1] ?? 'none';
    ctx.log('bookmarks: trying', storage);
  }

  /** Publish with the options of the current PEP step; true when kept. */
  async function publishPep(b: Bookmark, options: BookmarkOptions): Promise<boolean> {
    try {
      await session.request(buildBookmarkPublish(b, options));
      if (options === 'none')
        // Without options the node may be open to our contacts: close it where we can.
        await session
          .request(buildBookmarksConfigure('access'))
          .catch((err) => ctx.log('bookmarks node left with its access model', err));
      return true;
    } catch (err) {
      const condition = refusal(err);
      if (!condition) throw err;
      const next = bookmarkPublishRefusal(condition);
      if (next === 'no-pep') {
        stepDown('private');
        return false;
      }
      if (next === 'configure' && options !== 'none') {
        // XEP-0402: the node exists with another configuration; configure it, publish again.
        try {
          await session.request(buildBookmarksConfigure(options));
          await session.request(buildBookmarkPublish(b, options));
          return true;
        } catch (again) {
          if (!refusal(again)) throw again;
          ctx.log('bookmarks node not reconfigured', again);
        }
      }
      stepDown();
      return false;
    }
  }

  async function readPrivate(): Promise<Bookmark[]> {
    try {
      return parsePrivateBookmarks(await session.request(buildPrivateBookmarksGet())) ?? [];
    } catch (err) {
      if (refusal(err) === 'item-not-found') return [];
      throw err;
    }
  }

  /** XEP-0048 has no per-item update: read the list, replace our room's entry, write it. */
  async function publishPrivate(b: Bookmark): Promise<boolean> {
    try {
      const list = (await readPrivate()).filter((x) => x.room !== b.room);
      await session.request(buildPrivateBookmarksSet([...list, b]));
      return true;
    } catch (err) {
      const condition = refusal(err);
      if (!condition) throw err;
      stepDown('none');
      await tell(condition);
      return false;
    }
  }

  async function tell(condition: string) {
    if (told) return;
    told = true;
    await setMeta(db, 'lastTaskError', { kind: 'bookmarks', error: condition, at: Date.now() });
  }

  /** Keep `b` on the server, stepping down on refusals; rejects only on a lost link. */
  async function publish(b: Bookmark): Promise<void> {
    for (;;) {
      if (storage === 'none') return;
      if (storage === 'private') {
        if (await publishPrivate(b)) return;
        continue;
      }
      if (await publishPep(b, OPTIONS[storage])) return;
    }
  }

  /**
   * The bookmarks kept on the server: PEP, and the private-storage list for rooms PEP lacks
   * (an earlier session may have had to fall back to it).
   */
  async function fetch(): Promise<Bookmark[]> {
    let pep: Bookmark[] = [];
    if (storage !== 'private' && storage !== 'none') {
      try {
        pep = parseBookmarks(await session.request(buildBookmarksGet())) ?? [];
      } catch (err) {
        const condition = refusal(err);
        if (!condition) throw err;
        // item-not-found: the node was never written, an empty list (not worth a warning).
        if (condition !== 'item-not-found') ctx.log('bookmarks: no PEP list', err);
      }
    }
    if (storage === 'none') return pep;
    let legacy: Bookmark[] = [];
    try {
      legacy = await readPrivate();
    } catch (err) {
      if (!refusal(err)) throw err;
      ctx.log('bookmarks: no private list', err);
    }
    const seen = new Set(pep.map((b) => b.room));
    return [...pep, ...legacy.filter((b) => !seen.has(b.room))];
  }

  return {
    publish,
    fetch,
    /** For tests and diagnostics: where bookmarks go now. */
    get storage() {
      return storage;
    },
  };
}

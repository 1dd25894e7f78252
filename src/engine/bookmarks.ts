// Where this account's room bookmarks are kept, found out by trying: XEP-0402 PEP with its
// publish-options first, then with fewer options (ejabberd 23.01 refuses pubsub#max_items as
// an unknown field), then without any, then XEP-0048 in XEP-0049 private storage. When none
// takes them the person is told once that rooms will not follow them to other devices.
import { setMeta } from '../db';
import {
  type Bookmark,
  buildBookmarkPublish,
  buildBookmarksGet,
  buildPrivateBookmarksGet,
  buildPrivateBookmarksSet,
  NS_BOOKMARKS,
  parseBookmarks,
  parsePrivateBookmarks,
} from '../xmpp';
import type { EngineContext } from './context';
import { createPrivateNode, refusal } from './privatePep';

export type BookmarkStorage = 'pep' | 'pep-lean' | 'pep-bare' | 'private' | 'none';
const BY_LEVEL = { full: 'pep', lean: 'pep-lean', none: 'pep-bare' } as const;

export function createBookmarkStore(ctx: EngineContext) {
  const { session, db } = ctx;
  // The PEP steps are the private node's; past them, private storage, then nothing.
  const pep = createPrivateNode(ctx, NS_BOOKMARKS, 'bookmarks');
  let fallback: 'private' | 'none' = 'private';
  let told = false;
  const storage = (): BookmarkStorage => (pep.level === 'refused' ? fallback : BY_LEVEL[pep.level]);

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
      fallback = 'none';
      ctx.log('bookmarks: trying', fallback);
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
    if (await pep.publish((options) => buildBookmarkPublish(b, options))) return;
    while (fallback === 'private') if (await publishPrivate(b)) return;
  }

  /**
   * The bookmarks kept on the server: PEP, and the private-storage list for rooms PEP lacks
   * (an earlier session may have had to fall back to it).
   */
  async function fetch(): Promise<Bookmark[]> {
    let list: Bookmark[] = [];
    if (pep.level !== 'refused') {
      try {
        list = parseBookmarks(await session.request(buildBookmarksGet())) ?? [];
      } catch (err) {
        const condition = refusal(err);
        if (!condition) throw err;
        // item-not-found: the node was never written, an empty list (not worth a warning).
        if (condition !== 'item-not-found') ctx.log('bookmarks: no PEP list', err);
      }
    }
    if (storage() === 'none') return list;
    let legacy: Bookmark[] = [];
    try {
      legacy = await readPrivate();
    } catch (err) {
      if (!refusal(err)) throw err;
      ctx.log('bookmarks: no private list', err);
    }
    const seen = new Set(list.map((b) => b.room));
    return [...list, ...legacy.filter((b) => !seen.has(b.room))];
  }

  return {
    publish,
    fetch,
    /** For tests and diagnostics: where bookmarks go now. */
    get storage() {
      return storage();
    },
  };
}

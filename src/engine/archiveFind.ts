// A reply names a message this browser may not have (a new browser keeps only the newest page
// of the archive). Finding it pages the conversation's history back from its oldest stored
// message, as scrolling up does, until the message is here: the stored history stays one
// unbroken stretch, so scrolling and "load older" never meet a gap. A lone message fetched by
// id (XEP-0313 `ids`) would leave one between it and the rest.
import { findByWireId, getMeta, setMeta } from '../db';
import type { EngineContext } from './context';

/** Pages of OLDER_PAGE (100) looked through at most: a reply rarely names older. */
export const FIND_MAX_PAGES = 30;

export function createArchiveFind(
  ctx: EngineContext,
  deps: { loadOlder(peer: string): Promise<void> },
) {
  const { db } = ctx;
  const oldestAt = async (peer: string) =>
    (await db.messages.where('[peer+at]').between([peer, -Infinity], [peer, Infinity]).first())?.at;

  /** Find the message `id` names in `peer`'s history, and say how it went in `messageLookup`. */
  async function find(peer: string, id: string): Promise<void> {
    const say = (state: 'searching' | 'found' | 'missing' | 'failed', rowId?: string) =>
      setMeta(db, 'messageLookup', {
        peer,
        id,
        state,
        at: Date.now(),
        ...(rowId ? { rowId } : {}),
      });
    await say('searching');
    try {
      for (let page = 0; ; page++) {
        const here = await findByWireId(db, peer, id);
        if (here && !here.hidden) return await say('found', here.id);
        const conv = await db.conversations.get(peer);
        if (here || conv?.historyComplete || page >= FIND_MAX_PAGES) return await say('missing');
        const before = await oldestAt(peer);
        await deps.loadOlder(peer);
        // loadOlder logs its own failures: no older message and no end means it could not ask.
        const after = await oldestAt(peer);
        const complete = (await db.conversations.get(peer))?.historyComplete;
        if (after === before && !complete) return await say('failed');
      }
    } catch (err) {
      ctx.log('replied message not found', err);
      // The person waits on an answer: "searching" must not stay forever.
      if ((await getMeta(db, 'messageLookup'))?.state === 'searching') await say('failed');
    }
  }

  return { find };
}

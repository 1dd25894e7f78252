import { backfillStep } from '../db';
import type { EngineContext } from './context';

/**
 * Messages per step. One step is one transaction: 100 messages; at 300 a step took
 * a median 484 ms of wall time on the loaded 2-core machine here, with main-thread long tasks
 * up to 483 ms (bench/RESULTS-search.md): a smaller step keeps the page responsive.
 */
export const BACKFILL_CHUNK = 100;

/**
 * Index the messages stored before the search index existed, in the background: a chunk at a
 * time, yielding to the page between chunks. Runs in the leader tab; where it got to is stored,
 * so a reload or another leader goes on from there.
 */
export function createSearchBackfill(
  ctx: Pick<EngineContext, 'db' | 'log'>,
  opts: { chunk?: number; onDone?: () => void } = {},
): { stop(): void } {
  let stopped = false;
  const idle = () =>
    new Promise<void>((resolve) => {
      if (typeof requestIdleCallback === 'function')
        requestIdleCallback(() => resolve(), { timeout: 1000 });
      else setTimeout(resolve, 0);
    });
  void (async () => {
    try {
      while (!stopped) {
        if (await backfillStep(ctx.db, opts.chunk ?? BACKFILL_CHUNK)) {
          opts.onDone?.();
          return;
        }
        await idle();
      }
    } catch (err) {
      // The next start goes on from the last chunk stored.
      if (!stopped) ctx.log('search: indexing stored messages stopped', err);
    }
  })();
  return {
    stop() {
      stopped = true;
    },
  };
}

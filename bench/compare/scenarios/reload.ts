// (5) Warm reload: signed in, local data present, until the conversation list shows the bot's
// conversation. Measured from the navigation's start (performance.timeOrigin).
import { LIMIT_S, PARLEY_LIMIT_S } from '../config';
import type { BenchWindow } from '../probe';
import { DidNotFinish } from '../results';
import type { RunContext } from '../runner';

export async function warmReload(ctx: RunContext) {
  const { page } = ctx;
  await ctx.quiet('reload');
  await page.reload({ waitUntil: 'commit' });
  const warm = await page
    .waitForFunction(
      () => (window as unknown as BenchWindow).__bench.marks['conversations'],
      undefined,
      { timeout: ctx.limitMs },
    )
    .then((h) => h.jsonValue() as Promise<number>)
    .catch(() => null);
  if (warm === null) {
    if (!ctx.isConverse)
      throw new Error(
        `${ctx.label}: conversation list not painted within ${PARLEY_LIMIT_S} s after reload`,
      );
    ctx.record('warmReload', { dnf: LIMIT_S });
    throw new DidNotFinish('warmReload');
  }
  ctx.record('warmReload', { value: warm });
}

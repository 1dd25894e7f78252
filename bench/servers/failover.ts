// A two-node ejabberd cluster (test-support/cluster.ts, as e2e/cluster.spec.ts): Ann on the
// node about to stop, Ben on the other. The node stops; Ann's app server sends her new
// connection to the other node (as a load balancer would), and she is Connected there by
// herself. Timed from the stop: Ann's page notices, is Connected again, and the message she
// wrote as soon as her page showed she was cut off is on Ben's screen. Each round stops the other node, so Ann always
// starts on the node that stops; the stopped node starts again and rejoins between rounds.
import { type Browser, expect, type Page } from '@playwright/test';
import { type ClusterWorld, createClusterWorld, nodesOf } from '../../test-support/cluster';
import { befriend, createAccount, openChat } from '../../test-support/steps';
import { WORLD_APP_CONFIG } from '../../test-support/world';
import { arrivalOf, sendFromComposer, watchArrivals } from '../lib/latency';

export interface FailoverRound {
  /** The node that was stopped, and the one Ann was on afterwards (as the cluster says). */
  stopped: string;
  after: string[];
  /** From the stop's start until the node's process had ended. */
  stopMs: number;
  /** From the stop's start until Ann's connection line left "Connected". */
  noticedMs: number | null;
  /** From the stop's start until Ann wrote a message (at once when her page noticed). */
  wroteMs: number | null;
  /** From the stop's start until Ann's connection line showed "Connected" again. */
  connectedMs: number | null;
  /** From the stop's start until Ben's screen showed what Ann wrote after the stop. */
  deliveredMs: number | null;
  failed: string | null;
}

export interface FailoverResult {
  rounds: FailoverRound[];
  /** The app config the cluster's pages ran with (reconnect back-off and keepalive matter). */
  config: typeof WORLD_APP_CONFIG;
  failed: string | null;
}

type StatusWindow = Window & { __status: { left: number | null; back: number | null } };

/** On Ann's page: the first frame after her connection line left "Connected", and after it came back. */
function watchStatus(page: Page) {
  return page.evaluate(() => {
    const status = { left: null as number | null, back: null as number | null };
    (window as unknown as StatusWindow).__status = status;
    const line = document.querySelector('aside [role="status"]');
    if (!line?.classList.contains('conn-online')) throw new Error('not Connected before the stop');
    const stamp = (key: 'left' | 'back') =>
      requestAnimationFrame(() => {
        status[key] ??= performance.timeOrigin + performance.now();
      });
    let away = false;
    const observer = new MutationObserver(() => {
      const online = document
        .querySelector('aside [role="status"]')
        ?.classList.contains('conn-online');
      if (!online && !away) {
        away = true;
        stamp('left');
      } else if (online && away) {
        stamp('back');
        observer.disconnect();
      }
    });
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['class'],
    });
  });
}

async function round(browser: Browser, world: ClusterWorld, n: number): Promise<FailoverRound> {
  const stop = n % 2;
  const stay = 1 - stop;
  const { names } = world.cluster;
  const stayPort = world.cluster.nodes[stay]?.httpPort ?? 0;
  const person = async (user: string, app: number) => {
    const context = await browser.newContext({ baseURL: world.apps[app]?.url ?? '' });
    const page = await context.newPage();
    await createAccount(page, user);
    return page;
  };
  const [ann, ben] = [`failover${n}-ann`, `failover${n}-ben`];
  const pa = await person(ann, stop);
  const pb = await person(ben, stay);
  const result: FailoverRound = {
    stopped: names[stop] ?? '',
    after: [],
    stopMs: 0,
    noticedMs: null,
    wroteMs: null,
    connectedMs: null,
    deliveredMs: null,
    failed: null,
  };
  try {
    await befriend(pa, ann, pb, ben);
    await openChat(pa, ben);
    await openChat(pb, ann);
    expect(await nodesOf(stayPort, ann)).toEqual([names[stop]]);
    expect(await nodesOf(stayPort, ben)).toEqual([names[stay]]);
    await watchStatus(pa);
    await watchArrivals(pb, '[role="log"] li.msg .body', 'Failover ');
    const text = `Failover ${n}`;
    const t0 = Date.now();
    const stopping = world.cluster.stopNode(stop).then(() => Date.now() - t0);
    let step = 'Ann’s page did not show that she was cut off';
    try {
      const minute = { timeout: 60_000, polling: 'raf' as const };
      await pa.waitForFunction(
        () => (window as unknown as StatusWindow).__status.left,
        null,
        minute,
      );
      // Written as soon as her page shows she is cut off: it waits in her outbox.
      result.wroteMs = (await sendFromComposer(pa, text)) - t0;
      step = 'Ann’s message did not show on Ben’s screen';
      result.deliveredMs = (await arrivalOf(pb, text, 60_000)) - t0;
      step = 'Ann’s page did not show Connected again';
      await pa.waitForFunction(
        () => (window as unknown as StatusWindow).__status.back,
        null,
        minute,
      );
    } catch {
      result.failed = `${step} within 60 s`;
    }
    result.stopMs = await stopping;
    const seen = await pa.evaluate(() => (window as unknown as StatusWindow).__status);
    result.noticedMs = seen.left === null ? null : seen.left - t0;
    result.connectedMs = seen.back === null ? null : seen.back - t0;
    result.after = await nodesOf(stayPort, ann);
  } finally {
    await pa.context().close();
    await pb.context().close();
  }
  // Back into the cluster before the next round.
  await world.cluster.startNode(stop);
  await expect
    .poll(() => world.cluster.members(stay), { timeout: 60_000 })
    .toEqual([...names].sort());
  return result;
}

export async function measureFailover(browser: Browser, rounds: number): Promise<FailoverResult> {
  const result: FailoverResult = { rounds: [], config: WORLD_APP_CONFIG, failed: null };
  let world: ClusterWorld | null = null;
  try {
    world = await createClusterWorld();
    for (let n = 1; n <= rounds; n++) result.rounds.push(await round(browser, world, n));
  } catch (error) {
    result.failed = (error as Error).message.split('\n')[0] ?? String(error);
  } finally {
    await world?.dispose();
  }
  return result;
}

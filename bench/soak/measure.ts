// The soak's page probes: heap after a forced GC, DOM counters and detached DOM nodes (CDP), and
// the main thread's long tasks (a PerformanceObserver installed before the page's scripts).
import type { BrowserContext, CDPSession } from '@playwright/test';

export interface Sample {
  /** Seconds since the traffic started. */
  at: number;
  label: string;
  /** JS heap used after two forced GCs, bytes. */
  heap: number;
  documents: number;
  nodes: number;
  jsEventListeners: number;
  /** Detached DOM trees still held (roots), and the nodes in them. */
  detachedRoots: number;
  detachedNodes: number;
  /** Epoch ms during which the probe itself ran (its GCs are long tasks of their own). */
  from: number;
  to: number;
  /** Of it: the two GCs and the heap reading; the detached-node walk. */
  gcMs: number;
  detachedMs: number;
}

export interface LongTask {
  /** Epoch ms. */
  start: number;
  duration: number;
}

/** Every long task the page has: epoch start and duration, kept in window.__soakLongTasks. */
export async function watchLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __soakLongTasks: Array<{ start: number; duration: number }> };
    w.__soakLongTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.__soakLongTasks.push({
          start: performance.timeOrigin + e.startTime,
          duration: e.duration,
        });
    }).observe({ type: 'longtask', buffered: true });
  });
}

type TreeNode = { childNodeCount?: number; children?: TreeNode[] };

/** Nodes in a detached tree as CDP returns it; a subtree it did not expand counts its children. */
function countTree(node: TreeNode): number {
  if (!node.children) return 1 + (node.childNodeCount ?? 0);
  return 1 + node.children.reduce((n, c) => n + countTree(c), 0);
}

/**
 * Detached DOM nodes that something still holds, from Chromium's own `DOM.getDetachedDomNodes`
 * (checked in Chromium 156: it answers once `DOM.enable` is on; `Memory.getDOMCountersForLeak
 * Detection` answers "Failed to run leak detection" there). DOM is switched off again after, so
 * the agent does not follow the page's mutations between samples.
 */
async function detached(cdp: CDPSession): Promise<{ roots: number; nodes: number }> {
  await cdp.send('DOM.enable');
  try {
    const { detachedNodes } = (await cdp.send('DOM.getDetachedDomNodes')) as {
      detachedNodes: Array<{ treeNode: TreeNode }>;
    };
    return {
      roots: detachedNodes.length,
      nodes: detachedNodes.reduce((n, d) => n + countTree(d.treeNode), 0),
    };
  } finally {
    await cdp.send('DOM.disable');
  }
}

/** One sample: two forced GCs, then the heap, the DOM counters and the detached nodes. */
export async function sample(cdp: CDPSession, label: string, t0: number): Promise<Sample> {
  const from = Date.now();
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const counters = (await cdp.send('Memory.getDOMCounters')) as {
    documents: number;
    nodes: number;
    jsEventListeners: number;
  };
  const counted = Date.now();
  const d = await detached(cdp);
  const to = Date.now();
  return {
    at: (from - t0) / 1000,
    label,
    heap: usedSize,
    ...counters,
    detachedRoots: d.roots,
    detachedNodes: d.nodes,
    from,
    to,
    gcMs: counted - from,
    detachedMs: to - counted,
  };
}

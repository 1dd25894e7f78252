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

/** Self size and count of a heap snapshot's objects, by constructor (or by kind, for the rest). */
export type HeapSummary = Map<string, { count: number; size: number }>;

/**
 * A heap snapshot (BENCH_SOAK_SNAPSHOTS), summarised as it streams in: what grew between two of
 * them says what the heap holds on to. Costs seconds of the page's main thread.
 */
export async function heapSummary(cdp: CDPSession): Promise<HeapSummary> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snap = JSON.parse(chunks.join('')) as {
    snapshot: {
      meta: {
        node_fields: string[];
        node_types: [string[]];
        edge_fields: string[];
        edge_types: [string[]];
      };
    };
    nodes: number[];
    edges: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iName, iSize, iEdges] = ['type', 'name', 'self_size', 'edge_count'].map((f) =>
    fields.indexOf(f),
  );
  const eFields = snap.snapshot.meta.edge_fields;
  const eTypes = snap.snapshot.meta.edge_types[0];
  const [eType, eName] = ['type', 'name_or_index'].map((f) => eFields.indexOf(f));
  const out: HeapSummary = new Map();
  let edge = 0;
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + (iType ?? 0)] ?? 0] ?? '?';
    const named = type === 'object' || type === 'native' || type === 'closure';
    let key = named ? `${snap.strings[snap.nodes[i + (iName ?? 1)] ?? 0]}` : `(${type})`;
    const edges = snap.nodes[i + (iEdges ?? 4)] ?? 0;
    // A plain Object says little: its first property names say which kind it is.
    if (key === 'Object') {
      const props: string[] = [];
      for (let e = edge; e < edge + edges * eFields.length && props.length < 6; e += eFields.length)
        if (eTypes[snap.edges[e + (eType ?? 0)] ?? 0] === 'property')
          props.push(snap.strings[snap.edges[e + (eName ?? 1)] ?? 0] ?? '?');
      key = `Object {${props.join(', ')}}`;
    }
    edge += edges * eFields.length;
    const e = out.get(key) ?? { count: 0, size: 0 };
    e.count++;
    e.size += snap.nodes[i + (iSize ?? 3)] ?? 0;
    out.set(key, e);
  }
  return out;
}

/** The `top` constructors whose self size grew most from `a` to `b`, one line each. */
export function heapGrowth(a: HeapSummary, b: HeapSummary, top = 20): string {
  return [...b.entries()]
    .map(([k, v]) => {
      const was = a.get(k) ?? { count: 0, size: 0 };
      return { k, dSize: v.size - was.size, dCount: v.count - was.count, v };
    })
    .sort((x, y) => y.dSize - x.dSize)
    .slice(0, top)
    .map(
      (x) =>
        `${(x.dSize / 1048576).toFixed(2).padStart(8)} MiB ${String(x.dCount).padStart(8)} objects  ${x.k.slice(0, 80)} (now ${(x.v.size / 1048576).toFixed(2)} MiB, ${x.v.count})`,
    )
    .join('\n');
}

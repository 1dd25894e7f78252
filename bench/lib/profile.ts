// CPU profiles for the benchmarks' investigation knobs (BENCH_PROFILE): start, stop, and the
// top functions by self time, as text.
import fs from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import path from 'node:path';
import type { CDPSession } from '@playwright/test';

/**
 * Names a frame of the built app by its source (`keepInView src/ui/MessageList.tsx:125`), from
 * the source map beside the file in dist/assets/ (vite build writes them); undefined for
 * anything else. Minified names (`te Shell-8RrFByGF.js:4`) say nothing to a reader.
 */
function sourceNamer(dist = path.resolve('dist', 'assets')) {
  const maps = new Map<string, SourceMap | null>();
  return (f: { functionName: string; url: string; lineNumber: number; columnNumber?: number }) => {
    const file = f.url.match(/\/assets\/([^/?#]+\.js)(?:[?#].*)?$/)?.[1];
    if (!file) return undefined;
    let map = maps.get(file);
    if (map === undefined) {
      const at = path.join(dist, `${file}.map`);
      map = fs.existsSync(at) ? new SourceMap(JSON.parse(fs.readFileSync(at, 'utf8'))) : null;
      maps.set(file, map);
    }
    // Node 20's types leave out the mapping's `name`; its runtime gives it.
    const e = map?.findEntry(f.lineNumber, f.columnNumber ?? 0) as
      | (SourceMapping & { name?: string })
      | undefined;
    // A frame in a part of the file with no mapping: an entry without a source.
    if (!e || typeof e.originalSource !== 'string') return undefined;
    const src = e.originalSource.replace(/^.*?\/(src|node_modules)\//, '$1/');
    return `${e.name ?? f.functionName ?? '(anonymous)'} ${src}:${e.originalLine + 1}`;
  };
}

export async function startProfile(cdp: CDPSession, intervalUs: number): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
}

/**
 * Stop the profile and list the `top` functions by self time, one line each. With `save`, the
 * whole profile is also written there (a .cpuprofile that Chromium's DevTools opens).
 */
export async function stopProfile(cdp: CDPSession, top: number, save?: string): Promise<string> {
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: {
      nodes: Array<{
        id: number;
        callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
      }>;
      samples: number[];
      timeDeltas: number[];
    };
  };
  if (save) {
    fs.mkdirSync(path.dirname(save), { recursive: true });
    fs.writeFileSync(save, JSON.stringify(profile));
  }
  const self = new Map<number, number>();
  for (const [i, id] of profile.samples.entries())
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const byName = new Map<string, number>();
  const source = sourceNamer();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const name =
      source(f) ?? `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    byName.set(name, (byName.get(name) ?? 0) + (self.get(n.id) ?? 0));
  }
  return [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([n, us]) => `  ${(us / 1000).toFixed(0).padStart(6)} ms  ${n}`)
    .join('\n');
}

type TraceEvent = {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; lineNumber?: number } };
};

/** Start a devtools.timeline trace (BENCH_TRACE=1): where the main thread's time goes, by kind. */
export async function startTrace(cdp: CDPSession, save?: string): Promise<() => Promise<string>> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => {
    events.push(...(e.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  return async () => {
    const done = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', onData);
    if (save) {
      fs.mkdirSync(path.dirname(save), { recursive: true });
      fs.writeFileSync(save, JSON.stringify({ traceEvents: events }));
    }
    const kinds = [
      'RunTask',
      'FunctionCall',
      'EvaluateScript',
      'TimerFire',
      'FireAnimationFrame',
      'EventDispatch',
      'UpdateLayoutTree',
      'Layout',
      'PrePaint',
      'Paint',
      'Layerize',
      'HitTest',
      'ParseHTML',
      'MajorGC',
      'MinorGC',
    ];
    const main = new Set(
      events
        .filter(
          (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
        )
        .map((e) => `${e.pid}:${e.tid}`),
    );
    const total = new Map<string, { ms: number; n: number }>();
    for (const e of events) {
      if (e.ph !== 'X' || !kinds.includes(e.name) || !main.has(`${e.pid}:${e.tid}`)) continue;
      const t = total.get(e.name) ?? { ms: 0, n: 0 };
      t.ms += (e.dur ?? 0) / 1000;
      t.n += 1;
      total.set(e.name, t);
    }
    const calls = new Map<string, { ms: number; n: number }>();
    for (const e of events) {
      if (e.ph !== 'X' || e.name !== 'FunctionCall' || !main.has(`${e.pid}:${e.tid}`)) continue;
      const d = e.args?.data;
      const key = `${d?.functionName || '(anonymous)'} ${d?.url?.split('/').pop() ?? ''}:${d?.lineNumber ?? ''}`;
      const t = calls.get(key) ?? { ms: 0, n: 0 };
      t.ms += (e.dur ?? 0) / 1000;
      t.n += 1;
      calls.set(key, t);
    }
    const lines = (m: Map<string, { ms: number; n: number }>, top: number) =>
      [...m.entries()]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, top)
        .map(([name, t]) => `${t.ms.toFixed(0).padStart(8)} ms  ${name} ×${t.n}`)
        .join('\n');
    return `${lines(total, 20)}\n\ntask entry points (FunctionCall), top 12:\n${lines(calls, 12)}`;
  };
}

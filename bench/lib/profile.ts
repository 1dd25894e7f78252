// CPU profiles for the benchmarks' investigation knobs (BENCH_PROFILE): start, stop, and the
// top functions by self time, as text.
import type { CDPSession } from '@playwright/test';

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
        callFrame: { functionName: string; url: string; lineNumber: number };
      }>;
      samples: number[];
      timeDeltas: number[];
    };
  };
  if (save) {
    const fs = await import('node:fs');
    const path = await import('node:path');
    fs.mkdirSync(path.dirname(save), { recursive: true });
    fs.writeFileSync(save, JSON.stringify(profile));
  }
  const self = new Map<number, number>();
  for (const [i, id] of profile.samples.entries())
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const byName = new Map<string, number>();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
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
export async function startTrace(cdp: CDPSession): Promise<() => Promise<string>> {
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

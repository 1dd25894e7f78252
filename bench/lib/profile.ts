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
  if (save) (await import('node:fs')).writeFileSync(save, JSON.stringify(profile));
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

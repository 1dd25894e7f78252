// What the runs measured, kept in one store that the test creates and the table reads.
import type { CDPSession } from '@playwright/test';
import { startProfile, startTrace, stopProfile } from '../lib/profile';
import type { Adapter } from './adapters';

export type Sample = { value: number } | { dnf: number } | { skipped: string };
export type Scenario =
  | 'bytesSignIn'
  | 'bytesMain'
  | 'roster'
  | 'openNewest'
  | 'scrollBack'
  | 'burst'
  | 'burstLongTask'
  | 'warmReload'
  | 'heapAfter3'
  | 'heapAfter4'
  | 'deepBack1'
  | 'heapBack1'
  | 'deepBack2'
  | 'heapBack2'
  // the scale tier (bench/scale/)
  | 'chatList'
  | 'heapSignIn'
  | 'heapWarm'
  | 'openBiggest'
  | 'heapOpen'
  | 'switch'
  | 'heapSwitch'
  | 'idbPerMessage';
/** The side-by-side benchmark's scenarios. */
export const SCENARIOS: Scenario[] = [
  'bytesSignIn',
  'bytesMain',
  'roster',
  'openNewest',
  'scrollBack',
  'burst',
  'burstLongTask',
  'warmReload',
  'heapAfter3',
  'heapAfter4',
  'deepBack1',
  'heapBack1',
  'deepBack2',
  'heapBack2',
];
export const SCALE_SCENARIOS: Scenario[] = [
  'chatList',
  'heapSignIn',
  'warmReload',
  'heapWarm',
  'openBiggest',
  'heapOpen',
  'switch',
  'heapSwitch',
  'idbPerMessage',
];
const ALL_SCENARIOS = [...new Set([...SCENARIOS, ...SCALE_SCENARIOS])];

export interface Stats {
  p50: number;
  p95: number;
  min: number;
  max: number;
  n: number;
}

export type Series = Record<Adapter['key'], Record<Scenario, Sample[]>>;

export interface Store {
  /** Samples of one group of runs (a plan: see plans.ts), per client and scenario. */
  series(group: string): Series;
  /** Evidence kept with each run (rendered rows, pages loaded...), printed under the table. */
  evidence: string[];
  /** Where a client could not finish, and what it was doing then. */
  stuck: Stuck[];
  latency: Stats | null;
  wsFloor: Stats | null;
  idbFloor: number[];
  idbTxFloor: Stats | null;
}

export interface Stuck {
  group: string;
  plan: string;
  client: Adapter['key'];
  run: number;
  /** The step it did not finish, in words. */
  step: string;
  /** Top functions by self time in the 3 s after the limit. */
  profile: string;
}

export function createStore(): Store {
  const groups = new Map<string, Series>();
  const empty = () =>
    Object.fromEntries(ALL_SCENARIOS.map((s) => [s, []])) as unknown as Record<Scenario, Sample[]>;
  return {
    series(group) {
      let s = groups.get(group);
      if (!s) {
        s = { parley: empty(), converse: empty() };
        groups.set(group, s);
      }
      return s;
    },
    evidence: [],
    stuck: [],
    latency: null,
    wsFloor: null,
    idbFloor: [],
    idbTxFloor: null,
  };
}

/** A Converse.js step that did not finish within its limit; its message names the step. */
export class DidNotFinish extends Error {}

/** The promise's value, or 'hung' when the page did not even answer within ms. */
export function race<T>(p: Promise<T>, ms: number): Promise<T | 'hung'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p,
    new Promise<'hung'>((done) => {
      timer = setTimeout(() => done('hung'), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

export const stats = (values: number[]): Stats => {
  const s = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    min: s[0] ?? NaN,
    max: s[s.length - 1] ?? NaN,
    n: s.length,
  };
};

export async function heapMiB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize / 1048576;
}

/** Runs fn under a CPU profile when `on`, and keeps the profile's top functions as evidence. */
export async function profiled<T>(
  store: Store,
  cdp: CDPSession,
  on: boolean,
  label: string,
  fn: () => Promise<T>,
) {
  if (!on) return fn();
  const dir = process.env['BENCH_PROFILE_DIR'];
  const file = dir ? `${dir}/${label.replace(/[^\w]+/g, '-')}` : undefined;
  if (process.env['BENCH_TRACE'] === '1') {
    const stop = await startTrace(cdp, file && `${file}.trace.json`);
    try {
      return await fn();
    } finally {
      const text = await stop();
      console.log(`\nTrace, ${label} (main-thread time by kind, nested kinds overlap):\n${text}\n`);
      store.evidence.push(`Trace, ${label}:\n\n\`\`\`\n${text}\n\`\`\``);
    }
  }
  await startProfile(cdp, 500);
  try {
    return await fn();
  } finally {
    const save = file && `${file}.cpuprofile`;
    const text = await stopProfile(cdp, 20, save);
    if (save) console.log(`profile written to ${save}`);
    console.log(`\nCPU profile, ${label} (self time, top 20):\n${text}\n`);
    store.evidence.push(`CPU profile, ${label} (self time, top 20):\n\n\`\`\`\n${text}\n\`\`\``);
  }
}

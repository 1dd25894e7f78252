// bench/RESULTS-soak.md: the header (date, machine, load, browser, commit, command, sizes), the
// per-minute series, the verdicts, and the message counts.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { CHROMIUM_PATH } from '../../dev/chromium.mjs';
import { sh } from '../lib/sh';
import type { LongTask, Sample } from './measure';

export const RESULTS_FILE = 'bench/RESULTS-soak.md';

export interface SoakReport {
  startedAt: number;
  loadBefore: number[];
  browserVersion: string;
  command: string;
  sizes: { minutes: number; messages: number; chats: number; rooms: number; switchS: number };
  samples: Sample[];
  longTasks: LongTask[];
  switches: { name: string; ms: number }[];
  /** BENCH_SOAK_PROFILE_S: the top functions by self time over that window, as text. */
  profile: string | null;
  /** BENCH_SOAK_SNAPSHOTS: what grew in the heap from minute 1 to the end, by constructor. */
  growth: string | null;
  messages: {
    written: number;
    acked: boolean;
    ackedAfterMs: number;
    maxLateMs: number;
    sendErrors: string[];
    receivedByPage: number;
    stored: number;
    duplicates: number;
    missing: number[];
    waitedForStoreMs: number;
  };
}

const cpuModel = () =>
  /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(', ');
const mib = (b: number) => (b / 1048576).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Long tasks that overlap no probe: the probes' own forced GCs are not the app's work. */
export function appTasks(tasks: LongTask[], samples: Sample[]) {
  const inProbe = (t: LongTask) =>
    samples.some((s) => t.start < s.to + 50 && t.start + t.duration > s.from - 50);
  return { app: tasks.filter((t) => !inProbe(t)), probe: tasks.filter(inProbe) };
}

export function verdicts(r: SoakReport): string[] {
  const first = r.samples[0];
  const end = r.samples[r.samples.length - 1];
  if (!first || !end || first === end) return ['- Not enough samples for a verdict'];
  const growth = (end.heap - first.heap) / first.heap;
  const { app } = appTasks(r.longTasks, r.samples);
  const longest = app.reduce((m, t) => Math.max(m, t.duration), 0);
  const m = r.messages;
  return [
    `- Heap after GC, end vs ${first.label}: ${mib(end.heap)} vs ${mib(first.heap)} MiB (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %): ${growth <= 0.1 ? 'pass' : 'MISSED'} (target within 10 %)`,
    `- Detached DOM nodes, end vs ${first.label}: ${end.detachedNodes} nodes in ${end.detachedRoots} trees vs ${first.detachedNodes} in ${first.detachedRoots}: ${end.detachedNodes > first.detachedNodes ? 'GROWING' : 'not growing'}`,
    `- Main-thread tasks over 50 ms (outside the probes' forced GCs): ${app.length}, longest ${longest.toFixed(0)} ms: ${app.length === 0 ? 'pass' : 'MISSED'}`,
    `- Messages: ${m.written} sent, ${m.receivedByPage} reached the page, ${m.stored} stored (${m.duplicates} stored twice): ${m.stored === m.written && m.missing.length === 0 ? 'nothing lost' : `LOST ${m.missing.length}`}`,
  ];
}

export function writeReport(r: SoakReport): void {
  const head = sh('git', ['rev-parse', '--short', 'HEAD']);
  const dirty = sh('git', ['status', '--porcelain', '--', 'src', 'index.html', 'vite.config.ts']);
  const s = r.sizes;
  const m = r.messages;
  const { app, probe } = appTasks(r.longTasks, r.samples);
  const rows = r.samples.map(
    (x) =>
      `| ${x.label} | ${x.at.toFixed(0)} | ${mib(x.heap)} | ${x.documents} | ${x.nodes} | ${x.jsEventListeners} | ${x.detachedRoots} | ${x.detachedNodes} | ${x.to - x.from} (${x.gcMs} + ${x.detachedMs}) |`,
  );
  const switchMs = r.switches.map((x) => x.ms);
  const body = [
    '# Soak: a long day (issue 18)',
    '',
    `- Date: ${new Date(r.startedAt).toISOString()}`,
    `- Machine: ${os.cpus().length} cores (${cpuModel()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}; a shared machine: other work may have been running`,
    `- Load average (1, 5, 15 min): ${loads(r.loadBefore)} before, ${loads(os.loadavg())} after (the bench's own processes count in that one)`,
    `- Browser: Chromium ${r.browserVersion} (headless, ${CHROMIUM_PATH}), viewport 1280×800`,
    `- Parley: production build (vite build) of ${head}${dirty && dirty !== 'unknown' ? ' with uncommitted changes in src/' : ''}; Prosody (test-support/world.ts) on loopback`,
    `- Command: \`${r.command}\``,
    `- Sizes: ${s.messages} messages over ${s.minutes} min (${(s.messages / (s.minutes * 60)).toFixed(1)}/s) into ${s.chats} chats and ${s.rooms} rooms; a different conversation clicked every ${s.switchS} s`,
    `- Wall time: ${((Date.now() - r.startedAt) / 60_000).toFixed(1)} min`,
    '',
    '## Verdicts',
    '',
    ...verdicts(r),
    '',
    '## Every minute (after two forced GCs)',
    '',
    '| sample | s | heap MiB | documents | DOM nodes | JS listeners | detached trees | detached nodes | probe ms (GC and DOM counters + detached walk) |',
    '| ------ | - | -------- | --------- | --------- | ------------ | -------------- | -------------- | ----------------------------------------------- |',
    ...rows,
    '',
    'Heap: CDP `HeapProfiler.collectGarbage` twice, then `Runtime.getHeapUsage().usedSize`. DOM: `Memory.getDOMCounters` (its node count includes detached nodes still alive). Detached: `DOM.getDetachedDomNodes` (Chromium’s own list of detached DOM trees something still holds), counted as trees and the nodes in them. The last row is taken after every message was stored (or the wait gave up).',
    '',
    '## Main thread',
    '',
    `- Long tasks (PerformanceObserver "longtask", from before the page's scripts), outside the probes: ${app.length}; longest ${app.reduce((x, t) => Math.max(x, t.duration), 0).toFixed(0)} ms; durations: ${app.map((t) => t.duration.toFixed(0)).join(', ') || 'none'}`,
    `- During the probes (the forced GCs and the detached-node walk; not counted above): ${probe.length}, longest ${probe.reduce((x, t) => Math.max(x, t.duration), 0).toFixed(0)} ms`,
    `- Conversation switches: ${r.switches.length}, click until the row is current and the log shows: median ${median(switchMs).toFixed(0)} ms, max ${Math.max(0, ...switchMs).toFixed(0)} ms`,
    '',
    ...(r.profile
      ? [
          '## CPU profile (BENCH_SOAK_PROFILE_S; profiling slows what it measures)',
          '',
          '```',
          r.profile,
          '```',
          '',
        ]
      : []),
    ...(r.growth
      ? [
          '## Heap growth by constructor, minute 1 to the end (BENCH_SOAK_SNAPSHOTS; self size)',
          '',
          '```',
          r.growth,
          '```',
          '',
        ]
      : []),
    '## Messages',
    '',
    `- Written by the bots: ${m.written}; the server acknowledged all (XEP-0198): ${m.acked ? `yes, ${(m.ackedAfterMs / 1000).toFixed(1)} s after the last was written` : 'NO'}; the sender was at most ${m.maxLateMs.toFixed(0)} ms behind its clock; send errors: ${m.sendErrors.length}`,
    `- Reached the page (distinct soak ids in the WebSocket frames it received, CDP): ${m.receivedByPage}`,
    `- Stored in the page's IndexedDB (distinct soak ids in \`messages\`): ${m.stored}; stored twice: ${m.duplicates}; waited ${(m.waitedForStoreMs / 1000).toFixed(1)} s after the acknowledgement for them`,
    `- Missing from the store: ${m.missing.length}${m.missing.length ? ` (first: ${m.missing.slice(0, 10).join(', ')})` : ''}`,
    '',
  ].join('\n');
  writeFileSync(RESULTS_FILE, body);
  console.log(`\n${body}\nWritten to ${RESULTS_FILE}\n`);
}

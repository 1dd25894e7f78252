// bench/RESULTS-servers.md: the header (date, machine, load, browser, servers, commit, command,
// sizes), the tables, every counted value, the transport evidence and what did not finish.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { CHROMIUM_PATH } from '../../dev/chromium.mjs';
import { median, stats } from '../compare/results';
import { sh } from '../lib/sh';
import type { FailoverResult } from './failover';
import type { SetupResult, Sizes } from './setup';

export const RESULTS_FILE = 'bench/RESULTS-servers.md';

export interface Report {
  startedAt: number;
  loadBefore: number[];
  browserVersion: string;
  command: string;
  sizes: Sizes;
  failoverRounds: number;
  setups: SetupResult[];
  /** Setups or parts that could not even start, with why. */
  notRun: string[];
  failover: FailoverResult | null;
}

const version = (pkg: string) => sh('dpkg-query', ['-W', `-f=${'$'}{Version}`, pkg]);
const cpuModel = () =>
  /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(', ');
const f1 = (v: number) => v.toFixed(1);
const ms = (v: number | null) => (v === null ? '—' : String(Math.round(v)));

/** A Markdown table with its columns padded, as the project's formatter writes them. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(head),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}

const label = (s: SetupResult) =>
  `${s.server === 'prosody' ? 'Prosody' : 'ejabberd'} over ${s.transport === 'bosh' ? 'BOSH' : 'WebSocket'}`;

function setupTable(r: Report): string {
  const rows = r.setups.map((s) => {
    const l = s.latency.length ? stats(s.latency) : null;
    const b = s.burst;
    return [
      label(s),
      l ? f1(l.p50) : 'not measured',
      l ? f1(l.p95) : '—',
      l ? f1(l.max) : '—',
      String(s.latency.length),
      b ? ms(b.ms) : 'not measured',
      b ? String(Math.round(r.sizes.burst / (b.ms / 1000))) : '—',
      b ? ms(b.ackMs) : '—',
      b ? ms(b.longestTaskMs) : '—',
    ];
  });
  return table(
    [
      'setup',
      'latency p50 (ms)',
      'p95 (ms)',
      'max (ms)',
      'messages',
      `burst of ${r.sizes.burst}: last visible (ms)`,
      'messages/s',
      'server acked all (ms)',
      'longest task (ms)',
    ],
    rows,
  );
}

function failoverSection(f: FailoverResult | null): string[] {
  if (!f) return ['Not run: ejabberd is not installed.'];
  const rows = f.rounds.map((x, i) => [
    String(i + 1),
    x.stopped.split('@')[0] ?? '',
    x.after.map((n) => n.split('@')[0]).join(', ') || '—',
    ms(x.stopMs),
    ms(x.noticedMs),
    ms(x.wroteMs),
    ms(x.connectedMs),
    ms(x.deliveredMs),
  ]);
  const done = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null);
  const connected = done(f.rounds.map((x) => x.connectedMs));
  const delivered = done(f.rounds.map((x) => x.deliveredMs));
  const c = f.config;
  return [
    table(
      [
        'round',
        'node stopped',
        'Ann after',
        'node process ended (ms)',
        'Ann’s page noticed (ms)',
        'Ann wrote (ms)',
        'Ann Connected again (ms)',
        'her message on Ben’s screen (ms)',
      ],
      rows,
    ),
    '',
    `Median over ${connected.length} round(s): Connected again after ${connected.length ? ms(median(connected)) : '—'} ms; the message on the other screen after ${delivered.length ? ms(median(delivered)) : '—'} ms. All times from the start of the stop (SIGTERM to the node).`,
    '',
    `Pages ran with the cluster test's config (test-support/world.ts): WebSocket only, reconnectMaxSeconds ${c.reconnectMaxSeconds}, keepaliveSeconds ${c.keepaliveSeconds}, keepaliveTimeoutSeconds ${c.keepaliveTimeoutSeconds}, connectTimeoutSeconds ${c.connectTimeoutSeconds}.`,
  ];
}

function notFinished(r: Report): string[] {
  return [
    ...r.notRun,
    ...r.setups.flatMap((s) => s.failed.map((f) => `${label(s)}: ${f}`)),
    ...(r.failover?.failed ? [`failover: ${r.failover.failed}`] : []),
    ...(r.failover?.rounds ?? []).flatMap((x, i) =>
      x.failed ? [`failover round ${i + 1}: ${x.failed}`] : [],
    ),
  ];
}

/** Writes the file, prints it, and returns what did not finish. */
export function writeReport(r: Report): string[] {
  const head = sh('git', ['rev-parse', '--short', 'HEAD']);
  const dirty = sh('git', ['status', '--porcelain', '--', 'src', 'index.html', 'vite.config.ts']);
  const s = r.sizes;
  const failures = notFinished(r);
  const body = [
    '# Servers and transports: Parley on Prosody and ejabberd, over WebSocket and BOSH',
    '',
    `- Date: ${new Date(r.startedAt).toISOString()}`,
    `- Machine: ${os.cpus().length} cores (${cpuModel()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}; other work may have been running`,
    `- Load average (1, 5, 15 min): ${loads(r.loadBefore)} before, ${loads(os.loadavg())} after (the bench's own processes count in that one)`,
    `- Browser: Chromium ${r.browserVersion} (headless, ${CHROMIUM_PATH}), viewport 1280×800`,
    `- Servers: Prosody ${version('prosody')}, ejabberd ${version('ejabberd')}; one at a time, on loopback, data in /dev/shm; the app server (dev/serve.mjs) proxies /xmpp-websocket and /http-bind to it`,
    `- Parley: production build (vite build) of ${head}${dirty && dirty !== 'unknown' ? ' with uncommitted changes in src/' : ''}`,
    `- Command: \`${r.command}\``,
    `- Sizes: send latency ${s.latency} messages after ${s.warmup} uncounted, ${s.gapMs} ms apart; burst ${s.burst} messages; failover ${r.failoverRounds} rounds`,
    `- Wall time: ${((Date.now() - r.startedAt) / 60_000).toFixed(1)} min${failures.length ? '; NOT EVERYTHING FINISHED (see below)' : ''}`,
    '',
    setupTable(r),
    '',
    'Send latency: A clicks Send, until the first frame on B that shows the text (two browser contexts, epoch clocks of both pages); p95 is the nearest rank. Burst: a Node client signed in as A sends back to back; from its first send until the frame in which the last message is visible on B. What each figure measures, and how: bench/README.md.',
    '',
    '## Cluster failover (two ejabberd nodes)',
    '',
    ...failoverSection(r.failover),
    '',
    '## Every counted value',
    '',
    ...r.setups.flatMap((x) => [
      `- ${label(x)}, send latency (ms): ${x.latency.map(f1).join(', ') || 'none'}`,
      `- ${label(x)}, burst: ${x.burst ? `${ms(x.burst.ms)} ms; ${x.burst.seen} of ${s.burst} texts were in the DOM at some time; afterwards B's log, read by scrolling, holds ${x.burst.logged} of them${x.burst.inOrder ? ', each once, in order' : ', NOT each once in order'}` : 'not measured'}`,
    ]),
    '',
    '## Transport checks',
    '',
    ...r.setups.flatMap((x) => x.transportEvidence.map((e) => `- ${label(x)}: ${e}`)),
    '',
    '## Could not finish',
    '',
    ...(failures.length ? failures.map((f) => `- ${f}`) : ['Everything finished.']),
    '',
  ].join('\n');
  writeFileSync(RESULTS_FILE, body);
  console.log(`\n${body}\nWritten to ${RESULTS_FILE}\n`);
  return failures;
}
